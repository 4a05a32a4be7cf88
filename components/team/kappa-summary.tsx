import Link from "next/link";
import { getDb } from "@/db/client";
import { getAgreement, getOpenDisagreementIds } from "@/db/queries/team";
import { formatKappa } from "./agreement-table";

/**
 * The audit overview's double-review summary (issue 11): overall Cohen's kappa over the units
 * with both reviews, and the open disagreements, linking to the team page. Renders nothing before
 * any second review exists.
 */
export async function KappaSummary({ auditId, slug }: { auditId: number; slug: string }) {
  const [{ overall }, open] = await Promise.all([getAgreement(getDb(), { auditId }), getOpenDisagreementIds(getDb(), { auditId })]);
  if (overall.pairs === 0) return null;
  return (
    <p className="rounded-md border border-slate-200 bg-white px-3 py-2 text-sm" data-testid="kappa-summary">
      Double review: Cohen&apos;s κ = <strong>{formatKappa(overall.kappa)}</strong> over {overall.pairs} unit{overall.pairs === 1 ? "" : "s"} ({overall.agreed} agree)
      {open.length > 0 && (
        <>
          {" "}
          · <strong>{open.length}</strong> disagreement{open.length === 1 ? "" : "s"} await{open.length === 1 ? "s" : ""} adjudication
        </>
      )}{" "}
      ·{" "}
      <Link href={`/audits/${slug}/team#agreement`} className="font-medium text-indigo-700 underline">
        agreement matrix
      </Link>
    </p>
  );
}
