import { ConfusionMatrix, formatKappa } from "@/components/ui/confusion-matrix";
import type { Agreement } from "@/db/queries/team";

export { formatKappa };

const FINDINGS = ["PASS", "FAIL", "UNKNOWN"] as const;

/**
 * A 3 × 3 confusion matrix of double reviews (rows: `rowLabel`'s finding, columns: `colLabel`'s)
 * with Cohen's kappa and the share of agreeing pairs (issue 11).
 */
export function AgreementTable({ agreement, rowLabel, colLabel, caption, testId }: { agreement: Agreement; rowLabel: string; colLabel: string; caption: string; testId?: string }) {
  return (
    <div className="relative overflow-x-auto" data-testid={testId} tabIndex={0}>
      <ConfusionMatrix
        categories={FINDINGS}
        matrix={agreement.matrix}
        corner={`${rowLabel} ↓ / ${colLabel} →`}
        label={caption}
        caption={
          <>
            {caption}: κ = <span data-testid={testId ? `${testId}-kappa` : undefined}>{formatKappa(agreement.kappa)}</span> ({agreement.agreed} of {agreement.pairs} agree)
          </>
        }
      />
    </div>
  );
}
