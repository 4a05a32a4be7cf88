import type { Metadata } from "next";
import { Badge } from "@/components/ui/badges";
import { Forbidden } from "@/components/ui/forbidden";
import { Definition, Panel } from "@/components/ui/panel";
import { getDb } from "@/db/client";
import { verifyEventChain, verifySignedHeads } from "@/db/queries/events";
import { verifyHead } from "@/lib/signed-head";
import { requirePageUser } from "@/lib/server/page-auth";
import { getHeadPublicKey } from "@/lib/server/signing-key";
import { formatUtcMinute } from "@/lib/format-time";

export const metadata: Metadata = { title: "Event log" };

/** Verifies the whole hash-chained event log and every signed head (admin and security roles). */
export default async function EventLogPage() {
  const user = await requirePageUser("/admin/events");
  if (!user.roles.some((r) => r === "admin" || r === "security")) return <Forbidden role="admin or security" />;
  const db = getDb();
  const key = getHeadPublicKey();
  const [chain, heads] = await Promise.all([verifyEventChain(db), verifySignedHeads(db, { keyId: key.keyId, verify: (claim, signature) => verifyHead(key.publicKey, claim, signature) })]);
  const badHeads = heads.filter((h) => h.problem);
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold">Event log</h1>
      <Panel title="Hash chain">
        <p className="text-sm" data-testid="chain-status">
          {chain.firstBroken === null ? (
            <>
              <Badge tone="green">Intact</Badge> {chain.entries.toLocaleString("en-US")} entries, each linked to the one before.
            </>
          ) : (
            <>
              <Badge tone="red">Broken</Badge> The first broken link is entry #{chain.firstBroken.id} (position {chain.firstBroken.index + 1} of {chain.entries}): it, or the entry before it, was changed or removed.
            </>
          )}
        </p>
        {chain.headHash && <Definition label="Head hash" value={chain.headHash} mono />}
      </Panel>
      <Panel title="Signed heads (Ed25519)">
        <p className="text-sm text-slate-700">
          At every sign-off, closeout and break-glass grant the chain head is signed with a key held outside the database. A history rewritten with recomputed hashes no longer
          matches these signatures.
        </p>
        <Definition label={`Public key (key id ${key.keyId})`} value={key.pem} mono />
        <p className="text-sm" data-testid="heads-status">
          {heads.length === 0 ? "No signed heads yet." : badHeads.length === 0 ? <><Badge tone="green">All {heads.length} verify</Badge></> : <><Badge tone="red">{badHeads.length} of {heads.length} fail</Badge></>}
        </p>
        {heads.length > 0 && (
          <div className="relative overflow-x-auto" tabIndex={0}>
            <table className="min-w-full text-sm">
              <thead className="text-left text-xs text-slate-500">
                <tr>
                  <th scope="col" className="py-1 pr-3">Entry</th>
                  <th scope="col" className="pr-3">Reason</th>
                  <th scope="col" className="pr-3">Signed</th>
                  <th scope="col">Check</th>
                </tr>
              </thead>
              <tbody>
                {heads.map((h) => (
                  <tr key={h.id} className="border-t border-slate-100">
                    <td className="py-1 pr-3 font-mono text-xs">#{h.eventId} {h.headHash.slice(0, 12)}…</td>
                    <td className="pr-3">{h.reason.replace("_", " ")}</td>
                    <td className="pr-3">{formatUtcMinute(h.signedAt)}</td>
                    <td>{h.problem ? <span className="text-red-800">{h.problem}</span> : <Badge tone="green">verifies</Badge>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Panel>
    </div>
  );
}
