import type { ProfileAudit, ProfileSignOff } from "@/db/schema";
import { Badge } from "@/components/ui/badges";
import { formatUtcMinute } from "@/lib/format-time";
import { profileSignOffRefusals, type ProfileGate } from "@/lib/profiles/profile-signoff";
import type { CurrentUser } from "@/lib/server/auth";
import { signatureStatus } from "@/lib/signoff/sign-off";
import { CloseProfileAuditForm, RevokeProfileSignOffForm, SignProfileForm } from "./signoff-forms";
import { checklistReadOnlyReason } from "@/lib/profiles/read-only";

type Props = {
  audit: ProfileAudit;
  user: CurrentUser;
  gate: ProfileGate;
  hash: string;
  profileRefusals: string[];
  signOffs: (ProfileSignOff & { signerName: string | null })[];
};

/**
 * Sign-off of a checklist audit (issue 13 contract): the snapshot hash, what blocks a signature
 * now (for this viewer), the sign form for approvers, every signature with its status (valid,
 * stale after a change, revoked), revoke for the signer, close for operators.
 */
export function ProfileSignOffPanel({ audit, user, gate, hash, profileRefusals, signOffs }: Props) {
  const closed = audit.closedAt !== null;
  const open = checklistReadOnlyReason(audit) === null;
  const blockers = profileSignOffRefusals({ signerId: user.id, signerRoles: user.roles, auditCreatorId: audit.createdBy, gate, profileRefusals, existing: signOffs, snapshotHash: hash, auditClosed: closed });
  const valid = signOffs.filter((s) => signatureStatus(s, hash) === "valid");
  return (
    <div className="space-y-3">
      <p className="text-sm">
        Snapshot <code className="break-all font-mono text-xs" data-testid="snapshot-hash">{hash}</code>{" "}
        {valid.length > 0 ? <span data-testid="signed-state"><Badge tone="green">Signed ({valid.length})</Badge></span> : <span data-testid="signed-state"><Badge tone="amber">Not signed</Badge></span>}
      </p>
      {profileRefusals.length > 0 && (
        <div data-testid="signoff-blockers">
          <p className="text-sm font-medium">Before sign-off:</p>
          <ul className="list-disc pl-5 text-sm text-red-800">
            {profileRefusals.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      )}
      {signOffs.length > 0 && (
        <ul className="space-y-2 text-sm" data-testid="signatures">
          {signOffs.map((s) => {
            const status = signatureStatus(s, hash);
            return (
              <li key={s.id} className="rounded-md border border-slate-200 p-2">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">#{s.id} {s.signerName ?? `user ${s.signerId}`}</span>
                  <Badge tone={status === "valid" ? "green" : status === "stale" ? "amber" : "red"}>{status}</Badge>
                  <time className="text-xs text-slate-500" dateTime={s.signedAt.toISOString()}>
                    {formatUtcMinute(s.signedAt.toISOString())}
                  </time>
                </div>
                <p className="text-slate-700">{s.statement}</p>
                {s.revokedAt && <p className="text-xs text-red-800">Revoked: {s.revokeReason}</p>}
                {open && !s.revokedAt && s.signerId === user.id && <RevokeProfileSignOffForm checkSlug={audit.slug} signOffId={s.id} />}
              </li>
            );
          })}
        </ul>
      )}
      {open && user.roles.includes("approver") && (
        <>
          {blockers.length > 0 && (
            <p className="text-xs text-slate-600" data-testid="your-blockers">
              You cannot sign this snapshot yet: {blockers.map((b) => b.message).join(" ")}
            </p>
          )}
          <SignProfileForm checkSlug={audit.slug} seenHash={hash} />
        </>
      )}
      {open && user.roles.includes("operator") && valid.length > 0 && gate !== "BLOCKED" && <CloseProfileAuditForm checkSlug={audit.slug} />}
      {closed && <p className="text-sm text-slate-700">Closed {formatUtcMinute(audit.closedAt!.toISOString())}; its signatures are final.</p>}
    </div>
  );
}
