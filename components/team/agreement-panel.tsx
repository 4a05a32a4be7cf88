import { Panel } from "@/components/ui/panel";
import type { Agreement, PairAgreement } from "@/db/queries/team";
import { AgreementTable } from "./agreement-table";

/** Confusion matrices and Cohen's kappa of the audit's double reviews, overall and per pair of reviewers (issue 11). */
export function AgreementPanel({ overall, pairs }: { overall: Agreement; pairs: PairAgreement[] }) {
  return (
    <Panel title="Agreement" id="agreement">
      {overall.pairs === 0 ? (
        <p className="text-sm text-slate-700">No unit has both reviews yet: the confusion matrix and Cohen&apos;s kappa appear with the first second review.</p>
      ) : (
        <div className="space-y-4">
          <AgreementTable agreement={overall} rowLabel="first review" colLabel="second review" caption="All double reviews" testId="agreement-overall" />
          {pairs.map((p) => (
            <AgreementTable key={`${p.a.id}-${p.b.id}`} agreement={p} rowLabel={p.a.name} colLabel={p.b.name} caption={`${p.a.name} and ${p.b.name}`} />
          ))}
          <p className="text-xs text-slate-600">κ = (p_o − p_e)/(1 − p_e): 1 is perfect agreement, 0 is what chance alone gives (Cohen 1960).</p>
        </div>
      )}
    </Panel>
  );
}
