import Link from "next/link";
import { FindingBadge } from "./finding-badge";

type Sibling = { unitId: number; unitKey: string; executionStatus: string; sampleUnitId: number | null; finding: "PASS" | "FAIL" | "UNKNOWN" | null; criticalKind: string | null };

/**
 * The unit's identity-collision siblings (same identity_key; issue 11, seed 000 critical defect
 * "wrong identity-collision sibling retained"), each linked to its review page when sampled, with
 * its current finding.
 */
export function IdentitySiblings({ slug, identityKey, siblings, more }: { slug: string; identityKey: string; siblings: Sibling[]; more: boolean }) {
  if (siblings.length === 0) return null;
  return (
    <div data-testid="identity-siblings">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600">
        Identity-collision siblings (identity_key <span className="font-mono normal-case">{identityKey}</span>)
      </h3>
      <ul className="mt-1 space-y-1 text-sm">
        {siblings.map((s) => (
          <li key={s.unitId} className="flex flex-wrap items-center gap-2">
            {s.sampleUnitId === null ? (
              <span className="font-mono">{s.unitKey}</span>
            ) : (
              <Link href={`/audits/${slug}/review/${s.sampleUnitId}`} className="font-mono text-indigo-700 underline-offset-2 hover:underline">
                {s.unitKey}
              </Link>
            )}
            <span className="text-xs text-slate-600">{s.executionStatus}</span>
            {s.sampleUnitId === null ? <span className="text-xs text-slate-600">not sampled</span> : <FindingBadge finding={s.finding} critical={s.criticalKind !== null} />}
          </li>
        ))}
      </ul>
      {more && <p className="mt-1 text-xs text-slate-600">More siblings are not listed; filter the manifest by this identity key.</p>}
    </div>
  );
}
