"use client";

import { Field, FieldError, inputClass } from "@/components/ui/field";
import { TIER_POLICY } from "@/lib/tiers";
import { TRIGGER_GROUP_LABELS, TRIGGER_REASONS } from "@/lib/triggers";

const str = (v: unknown, fallback = "") => (typeof v === "string" ? v : fallback);

/**
 * Form labels by field name (lib/audit-input.ts field names), for the error summary. The radio and
 * checkbox groups link to their first input (ids `riskTier`, `triggerReasons`, `consistencyModel`).
 */
export const AUDIT_FIELD_LABELS: Record<string, string> = {
  projectName: "Project name",
  auditDate: "Date",
  title: "Title",
  changeDescription: "What the change did",
  riskTier: "Risk tier",
  triggerReasons: "Trigger reasons",
  triggerContractVersion: "TRIGGER_CONTRACT_VERSION",
  bulkMutationThreshold: "BULK_MUTATION_THRESHOLD",
  duplicateClusterCap: "DUPLICATE_CLUSTER_CAP",
  sotQuery: "Source-of-truth query",
  sotStabilityQuery: "Stability test query",
  sotExpectedResult: "Expected stability result",
  consistencyModel: "Consistency model",
  stalenessBoundSeconds: "Staleness bound (seconds)",
  confidencePercent: "Confidence of the upper bound",
  decisionBasis: "Decision basis",
};

type Props = {
  /** Submitted (or stored) values as form strings, by field name. */
  values: Record<string, unknown>;
  errors: Record<string, string[] | undefined>;
  /** The chosen consistency model (controlled: the parent asks to confirm "eventual"). */
  consistency: string;
  onConsistencyChange(model: string): void;
  /** Fields shown first in "The change" (the create form's project and date). */
  leading?: React.ReactNode;
};

/**
 * The audit settings field groups shared by the create form and the settings page (issue 11):
 * the change, risk, placeholders, SOURCE_OF_TRUTH_SPEC, consistency model (with the inline
 * warning for "eventual", seed 000 "Applicability") and decision basis.
 */
export function AuditSettingsFields({ values: v, errors: e, consistency, onConsistencyChange, leading }: Props) {
  const chosenTriggers = Array.isArray(v.triggerReasons) ? (v.triggerReasons as string[]) : [];
  return (
    <>
      <Section title="The change">
        {leading}
        <Field id="title" label="Title" errors={e.title}>
          {(p) => <input {...p} name="title" className={inputClass} defaultValue={str(v.title)} />}
        </Field>
        <Field id="changeDescription" label="What the change did" errors={e.changeDescription}>
          {(p) => <textarea {...p} name="changeDescription" rows={3} className={inputClass} defaultValue={str(v.changeDescription)} />}
        </Field>
      </Section>

      <Section title="Risk">
        <fieldset aria-describedby="riskTier-error">
          <legend className="text-sm font-medium">Risk tier</legend>
          <div className="mt-2 flex flex-wrap gap-3">
            {([1, 2, 3] as const).map((t) => (
              <label key={t} className="flex items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm has-[:checked]:border-indigo-600 has-[:checked]:bg-indigo-50">
                <input type="radio" name="riskTier" id={t === 1 ? "riskTier" : undefined} value={t} defaultChecked={str(v.riskTier) === String(t)} />
                Tier {t} · {TIER_POLICY[t].label} · max({TIER_POLICY[t].minimum}, {TIER_POLICY[t].rate * 100}%), cap {TIER_POLICY[t].cap}
              </label>
            ))}
          </div>
          <FieldError id="riskTier-error" errors={e.riskTier} />
        </fieldset>
        <fieldset aria-describedby="triggerReasons-error">
          <legend className="text-sm font-medium">Trigger reasons that apply</legend>
          <div className="mt-2 grid gap-4 sm:grid-cols-3">
            {(Object.keys(TRIGGER_GROUP_LABELS) as (keyof typeof TRIGGER_GROUP_LABELS)[]).map((group) => (
              <div key={group}>
                <p className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{TRIGGER_GROUP_LABELS[group]}</p>
                {TRIGGER_REASONS.filter((t) => t.group === group).map((t) => (
                  <label key={t.code} className="flex items-start gap-2 py-1 text-sm">
                    <input type="checkbox" name="triggerReasons[]" id={t.code === TRIGGER_REASONS[0].code ? "triggerReasons" : undefined} value={t.code} defaultChecked={chosenTriggers.includes(t.code)} className="mt-1" />
                    <span>{t.label}</span>
                  </label>
                ))}
              </div>
            ))}
          </div>
          <FieldError id="triggerReasons-error" errors={e.triggerReasons} />
        </fieldset>
      </Section>

      <Section title="Placeholders">
        <div className="grid gap-4 sm:grid-cols-3">
          <Field id="triggerContractVersion" label="TRIGGER_CONTRACT_VERSION" errors={e.triggerContractVersion} hint="e.g. 1.0">
            {(p) => <input {...p} name="triggerContractVersion" className={inputClass} defaultValue={str(v.triggerContractVersion, "1.0")} />}
          </Field>
          <Field id="bulkMutationThreshold" label="BULK_MUTATION_THRESHOLD" errors={e.bulkMutationThreshold} hint="Positive integer (units)">
            {(p) => <input {...p} name="bulkMutationThreshold" inputMode="numeric" className={inputClass} defaultValue={str(v.bulkMutationThreshold, "100")} />}
          </Field>
          <Field id="duplicateClusterCap" label="DUPLICATE_CLUSTER_CAP" errors={e.duplicateClusterCap} hint="Most identity-cluster units to sample">
            {(p) => <input {...p} name="duplicateClusterCap" inputMode="numeric" className={inputClass} defaultValue={str(v.duplicateClusterCap, "50")} />}
          </Field>
        </div>
      </Section>

      <Section title="SOURCE_OF_TRUTH_SPEC">
        <Field id="sotQuery" label="Source-of-truth query" errors={e.sotQuery}>
          {(p) => <textarea {...p} name="sotQuery" rows={2} className={`${inputClass} font-mono`} defaultValue={str(v.sotQuery)} />}
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="sotStabilityQuery" label="Stability test query" errors={e.sotStabilityQuery}>
            {(p) => <textarea {...p} name="sotStabilityQuery" rows={2} className={`${inputClass} font-mono`} defaultValue={str(v.sotStabilityQuery)} />}
          </Field>
          <Field id="sotExpectedResult" label="Expected stability result" errors={e.sotExpectedResult}>
            {(p) => <textarea {...p} name="sotExpectedResult" rows={2} className={`${inputClass} font-mono`} defaultValue={str(v.sotExpectedResult)} />}
          </Field>
        </div>
      </Section>

      <Section title="Consistency model">
        <fieldset aria-describedby="consistencyModel-error consistencyModel-warning">
          <legend className="sr-only">Consistency model</legend>
          <div className="flex flex-wrap gap-3">
            {[
              ["strong", "Strong"],
              ["bounded_staleness", "Bounded staleness"],
              ["eventual", "Eventual"],
            ].map(([value, label]) => (
              <label key={value} className="flex items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm has-[:checked]:border-indigo-600 has-[:checked]:bg-indigo-50">
                <input type="radio" name="consistencyModel" id={value === "strong" ? "consistencyModel" : undefined} value={value} checked={consistency === value} onChange={() => onConsistencyChange(value)} />
                {label}
              </label>
            ))}
          </div>
          <FieldError id="consistencyModel-error" errors={e.consistencyModel} />
          <p id="consistencyModel-warning" aria-live="polite" className={consistency === "eventual" ? "rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" : "sr-only"} data-testid="eventual-warning">
            {consistency === "eventual" &&
              "Eventually consistent systems cannot be audited (seed 000 \u201cApplicability\u201d): the audit will be blocked with a consistency-model violation, and no sample can be drawn."}
          </p>
        </fieldset>
        {consistency === "bounded_staleness" && (
          <Field id="stalenessBoundSeconds" label="Staleness bound (seconds)" errors={e.stalenessBoundSeconds}>
            {(p) => <input {...p} name="stalenessBoundSeconds" inputMode="numeric" className={`${inputClass} max-w-48`} defaultValue={str(v.stalenessBoundSeconds)} />}
          </Field>
        )}
      </Section>

      <Section title="Decision basis">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="confidencePercent" label="Confidence of the upper bound" errors={e.confidencePercent}>
            {(p) => (
              <select {...p} name="confidencePercent" className={inputClass} defaultValue={str(v.confidencePercent, "95")}>
                <option value="90">90%</option>
                <option value="95">95% (default)</option>
                <option value="99">99%</option>
              </select>
            )}
          </Field>
          <Field id="decisionBasis" label="The 3% / 7% / 2% thresholds apply to" errors={e.decisionBasis}>
            {(p) => (
              <select {...p} name="decisionBasis" className={inputClass} defaultValue={str(v.decisionBasis, "point_estimate")}>
                <option value="point_estimate">the point estimate (seed default)</option>
                <option value="upper_bound">the exact upper bound (strict)</option>
              </select>
            )}
          </Field>
        </div>
      </Section>
    </>
  );
}

/** A titled card grouping fields. */
export function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 className="text-base font-semibold">{title}</h2>
      {children}
    </section>
  );
}
