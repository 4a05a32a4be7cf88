import type { ProfileFinding } from "@/db/schema";
import { Badge } from "@/components/ui/badges";
import { FindingForm, FindingStatusForm, type FindingValues } from "./finding-forms";

const CATEGORY_TONE = { STOP_SHIP: "red", FIX_SOON: "amber", ACCEPTABLE_RISK: "slate" } as const;
const CATEGORY_LABEL: Record<string, string> = { STOP_SHIP: "Stop-Ship", FIX_SOON: "Fix Soon", ACCEPTABLE_RISK: "Acceptable Risk" };

/** Form values of a stored finding. */
export function findingValues(f: ProfileFinding): FindingValues {
  return { id: f.id, section: f.section, title: f.title, severity: f.severity, category: f.category, evidence: f.evidence, location: f.location, owner: f.owner, dueDate: f.dueDate, status: f.status, tags: f.tags, approach: f.approach, effortDays: f.effortDays };
}

/**
 * The findings of one section: title, category, severity, status, owner, due date, location,
 * evidence; for those who may edit (`canEdit`, audit open), a status form and an edit form each.
 */
export function FindingsList({ findings, checkSlug, sections, canEdit, prefill }: { findings: ProfileFinding[]; checkSlug: string; sections: { id: string; label: string }[]; canEdit: boolean; prefill: boolean }) {
  if (findings.length === 0) return <p className="text-sm text-slate-600">No findings.</p>;
  return (
    <ul className="divide-y divide-slate-100" data-testid="findings">
      {findings.map((f) => (
        <li key={f.id} className="min-w-0 space-y-1 py-2 text-sm [overflow-wrap:anywhere]" data-testid={`finding-${f.id}`}>
          <div className="flex flex-wrap items-center gap-2">
            <span className={`min-w-0 font-medium ${f.status === "RESOLVED" ? "text-slate-500 line-through" : ""}`}>
              #{f.id} {f.title}
            </span>
            {f.category ? <Badge tone={CATEGORY_TONE[f.category as keyof typeof CATEGORY_TONE] ?? "slate"}>{CATEGORY_LABEL[f.category] ?? f.category}</Badge> : <Badge tone="indigo">Not categorised</Badge>}
            <Badge>{f.severity}</Badge>
            <Badge tone={f.status === "RESOLVED" ? "green" : "slate"}>{f.status.replace("_", " ")}</Badge>
          </div>
          <p className="text-xs text-slate-600">
            {[f.owner && `Owner ${f.owner}`, f.dueDate ? `due ${f.dueDate}` : f.category === "FIX_SOON" && f.status !== "RESOLVED" ? "no due date" : null, f.location, f.tags.length ? `tags ${f.tags.join(", ")}` : null, f.effortDays != null ? `${f.effortDays} person-days` : null]
              .filter(Boolean)
              .join(" · ")}
          </p>
          {f.evidence && <p className="break-words text-xs text-slate-700">{f.evidence}</p>}
          {canEdit && (
            <div className="flex flex-wrap items-start gap-4">
              <FindingStatusForm checkSlug={checkSlug} findingId={f.id} status={f.status} />
              <details className="w-full">
                <summary className="cursor-pointer text-xs text-indigo-700">Edit finding #{f.id}</summary>
                <div className="mt-2">
                  <FindingForm checkSlug={checkSlug} sections={sections} finding={findingValues(f)} prefill={prefill} idPrefix={`edit-${f.id}`} />
                </div>
              </details>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
