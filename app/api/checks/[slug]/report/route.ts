import { getDb } from "@/db/client";
import { listProfileFindings, listProfileSignOffs } from "@/db/queries/profile-audits";
import { asRuleFinding, getLaunchVerdict, getProfileSnapshot } from "@/db/queries/profile-verdict";
import { launchContextSchema, reportFileName, strictness } from "@/lib/profiles/launch-readiness";
import { renderLaunchReport } from "@/lib/profiles/reports";
import { AppError } from "@/lib/server/errors";
import { signatureStatus } from "@/lib/signoff/sign-off";
import { requireProfileAuditAccess } from "@/lib/server/profile-auth";
import { errorResponse } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/**
 * GET: the production readiness report (seed 001 Phase 9; issue 13) as Markdown, named
 * `prod-audit-YYYY-MM-DD.md` (UTC date of the download), rendered from the state as it is now
 * (lib/profiles/reports.ts renderLaunchReport). Anyone holding a role in the audit's project may
 * download it: 401 without a session, 404 for an unknown audit, one outside the user's projects,
 * or an audit of another profile (ADR reports are on the ADR panel). Reads only.
 */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const { audit } = await requireProfileAuditAccess((await params).slug);
    if (audit.profile !== "launch_readiness") throw new AppError("not_found", "Only production readiness audits have this report.");
    const db = getDb();
    const now = new Date();
    const context = launchContextSchema.parse(audit.context);
    const [verdict, findings, snapshot, signOffs] = await Promise.all([
      getLaunchVerdict(db, audit, { asOf: now }),
      listProfileFindings(db, { profileAuditId: audit.id }),
      getProfileSnapshot(db, audit, { asOf: now }),
      listProfileSignOffs(db, { profileAuditId: audit.id }),
    ]);
    const body = renderLaunchReport({
      title: audit.title,
      slug: audit.slug,
      projectName: audit.projectName,
      createdAt: audit.createdAt,
      generatedAt: now,
      snapshotHash: snapshot.hash,
      signOffs: signOffs.map((x) => ({ id: x.id, signerName: x.signerName ?? `user ${x.signerId}`, signedAt: x.signedAt, statement: x.statement, status: signatureStatus(x, snapshot.hash), revokeReason: x.revokeReason })),
      context,
      strictness: typeof audit.context.strictness === "string" ? (audit.context.strictness as ReturnType<typeof strictness>) : strictness(context),
      verdict: verdict.verdict,
      findings: findings.map(asRuleFinding),
      refusals: verdict.refusals,
    });
    return new Response(body, {
      status: 200,
      headers: {
        "Content-Type": "text/markdown; charset=utf-8",
        "Content-Disposition": `attachment; filename="${reportFileName(now)}"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (e) {
    return errorResponse(e, req);
  }
}
