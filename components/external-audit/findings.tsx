import { Badge } from "@/components/ui/badges";
import { ConfusionMatrix, formatKappa } from "@/components/ui/confusion-matrix";
import type { MachineVsHuman, MatchedPair } from "@/lib/external-audit/agreement";
import { type AuditorOutput, type AuditorRole, CATEGORIES, type CalibratorOutput, type Finding, type ReconciledStatus } from "@/lib/external-audit/types";

/** Views of the external audit's findings (issue 12 "In the audit"): side by side, agreement, machine vs human. */

const STATUS_TONE: Record<ReconciledStatus, "green" | "amber" | "indigo" | "slate" | "red"> = { agreed: "green", disputed: "amber", unique_primary: "indigo", unique_secondary: "indigo", rejected: "slate" };

function FindingCell({ findings }: { findings: (Finding | undefined)[] }) {
  if (findings.length === 0) return <span className="text-slate-400">—</span>;
  return (
    <ul className="space-y-1">
      {findings.map((f, i) =>
        f ? (
          <li key={f.id}>
            <code className="font-mono text-xs">{f.id}</code> <span className="text-xs text-slate-500">{f.category} · {f.severity}</span>
            <div>{f.title}</div>
          </li>
        ) : (
          <li key={i} className="text-red-700">unknown id</li>
        ),
      )}
    </ul>
  );
}

/**
 * Both auditors' findings side by side. With a valid calibrator output: one row per reconciled
 * finding (its status, and the findings of each auditor it covers); without: each auditor's list.
 */
export function SideBySide({ primary, secondary, calibrator }: { primary: AuditorOutput; secondary: AuditorOutput; calibrator: CalibratorOutput | null }) {
  const byId = (o: AuditorOutput) => new Map(o.findings.map((f) => [f.id, f]));
  const [p, s] = [byId(primary), byId(secondary)];
  const head = (o: AuditorOutput, role: string) => (
    <th scope="col" className="pr-3">
      {role} <span className="font-normal">({o.model.family} / {o.model.name})</span>
    </th>
  );
  if (!calibrator) {
    return (
      <div className="grid gap-4 md:grid-cols-2" data-testid="side-by-side">
        {[
          ["Primary auditor", primary],
          ["Secondary auditor", secondary],
        ].map(([label, o]) => (
          <div key={label as string}>
            <h3 className="text-sm font-medium">
              {label as string} ({(o as AuditorOutput).model.family} / {(o as AuditorOutput).model.name})
            </h3>
            <div className="mt-1 text-sm">
              <FindingCell findings={(o as AuditorOutput).findings} />
            </div>
          </div>
        ))}
      </div>
    );
  }
  return (
    <div className="relative overflow-x-auto" tabIndex={0}>
      <table className="min-w-full text-sm" data-testid="side-by-side">
        <thead className="text-left text-xs text-slate-500">
          <tr>
            <th scope="col" className="py-1 pr-3">Calibrator</th>
            {head(primary, "Primary")}
            {head(secondary, "Secondary")}
          </tr>
        </thead>
        <tbody>
          {calibrator.reconciled_findings.map((rf) => (
            <tr key={rf.id} className="border-t border-slate-100 align-top" data-testid={`reconciled-${rf.id}`}>
              <td className="py-2 pr-3">
                <div className="flex flex-wrap items-center gap-2">
                  <code className="font-mono text-xs">{rf.id}</code>
                  <Badge tone={STATUS_TONE[rf.status]}>{rf.status}</Badge>
                </div>
                <div className="font-medium">{rf.title}</div>
                <div className="text-xs text-slate-500">
                  {rf.category} · {rf.severity}
                </div>
                <div className="text-xs text-slate-600">{rf.rationale}</div>
              </td>
              <td className="py-2 pr-3">
                <FindingCell findings={rf.covers["auditor-primary"].map((id) => p.get(id))} />
              </td>
              <td className="py-2 pr-3">
                <FindingCell findings={rf.covers["auditor-secondary"].map((id) => s.get(id))} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const kappaText = (k: number | null) => (k === null ? "n/a (nothing to compare)" : formatKappa(k, 3));

/** Agreement between the auditors on category over the matched findings: the pairs, the 4 × 4 confusion matrix and Cohen's kappa. */
export function AuditorAgreement({ matched, confusion, kappa }: { matched: MatchedPair[]; confusion: number[][]; kappa: number | null }) {
  return (
    <div className="space-y-3 text-sm" data-testid="auditor-agreement">
      <p>
        <span className="font-medium">{matched.length}</span> matched finding{matched.length === 1 ? "" : "s"} (agreed or disputed, one finding of each auditor); Cohen&apos;s kappa on category:{" "}
        <span className="font-mono" data-testid="auditor-kappa">
          {kappaText(kappa)}
        </span>
      </p>
      {matched.length > 0 && (
        <div className="relative overflow-x-auto" tabIndex={0}>
          <ConfusionMatrix categories={CATEGORIES} matrix={confusion} corner={"primary \\ secondary"} label="Category confusion matrix: rows primary, columns secondary" />
        </div>
      )}
    </div>
  );
}

/** Machine vs human per auditor model: 2 × 2 confusion (rows machine, columns human; defect / no defect), kappa and n. */
export function MachineVsHumanTable({ result, models }: { result: Record<AuditorRole, MachineVsHuman>; models: Record<AuditorRole, string> }) {
  return (
    <div className="grid gap-4 md:grid-cols-2" data-testid="machine-vs-human">
      {(Object.keys(result) as AuditorRole[]).map((role) => {
        const r = result[role];
        return (
          <div key={role} className="space-y-1 text-sm" data-testid={`mvh-${role}`}>
            <h3 className="font-medium">
              {role} <span className="font-normal text-slate-600">({models[role]})</span>
            </h3>
            <ConfusionMatrix categories={["defect", "no defect"]} colLabels={["defect (FAIL)", "no defect (PASS)"]} matrix={r.confusion} corner={"machine \\ human"} label={`${role}: machine vs human`} />
            <p>
              n = {r.n}; kappa <span className="font-mono">{kappaText(r.kappa)}</span>
            </p>
          </div>
        );
      })}
    </div>
  );
}
