"use client";

import { useActionState, useState } from "react";
import { createAuditAction } from "@/app/audits/new/actions";
import { Field, FieldError, inputClass } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/server/action";
import { TIER_POLICY } from "@/lib/tiers";
import { TRIGGER_GROUP_LABELS, TRIGGER_REASONS } from "@/lib/triggers";

const str = (v: unknown, fallback = "") => (typeof v === "string" ? v : fallback);

/**
 * The create-audit form. `projects`: the projects where the user is an operator (offered for the
 * project name); `canStartProject`: whether they may name a new one (operator in every project).
 */
export function CreateAuditForm({ today, projects, canStartProject }: { today: string; projects: string[]; canStartProject: boolean }) {
  const [state, action] = useActionState<ActionState, FormData>(createAuditAction, {});
  const v = state.values ?? {};
  const e = state.errors ?? {};
  const [projectName, setProjectName] = useState(str(v.projectName));
  const [auditDate, setAuditDate] = useState(str(v.auditDate, today));
  const [consistency, setConsistency] = useState(str(v.consistencyModel, "strong"));
  const chosenTriggers = Array.isArray(v.triggerReasons) ? (v.triggerReasons as string[]) : [];

  return (
    <form action={action} className="space-y-6" noValidate>
      <FormMessage state={state} />
      <Section title="The change">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            id="projectName"
            label="Project name"
            errors={e.projectName}
            hint={canStartProject ? "Lower-case letters, digits and hyphens: an existing project or a new one." : `One of your projects: ${projects.join(", ") || "none (ask an admin to add you to one)"}.`}
          >
            {(p) => <input {...p} name="projectName" list="project-names" className={inputClass} value={projectName} onChange={(ev) => setProjectName(ev.target.value)} placeholder={projects[0] ?? "billing-migration"} />}
          </Field>
          <datalist id="project-names">
            {projects.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
          <Field id="auditDate" label="Date" errors={e.auditDate}>
            {(p) => <input {...p} name="auditDate" type="date" className={inputClass} value={auditDate} onChange={(ev) => setAuditDate(ev.target.value)} />}
          </Field>
        </div>
        <p className="text-sm text-slate-600">
          Slug: <code className="font-mono" data-testid="slug-preview">{`${projectName || "{project-name}"}-${auditDate || "{YYYY-MM-DD}"}`}</code>
        </p>
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
                <input type="radio" name="riskTier" value={t} defaultChecked={str(v.riskTier) === String(t)} />
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
                    <input type="checkbox" name="triggerReasons[]" value={t.code} defaultChecked={chosenTriggers.includes(t.code)} className="mt-1" />
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
        <fieldset aria-describedby="consistencyModel-error">
          <legend className="sr-only">Consistency model</legend>
          <div className="flex flex-wrap gap-3">
            {[
              ["strong", "Strong"],
              ["bounded_staleness", "Bounded staleness"],
              ["eventual", "Eventual"],
            ].map(([value, label]) => (
              <label key={value} className="flex items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm has-[:checked]:border-indigo-600 has-[:checked]:bg-indigo-50">
                <input type="radio" name="consistencyModel" value={value} checked={consistency === value} onChange={() => setConsistency(value)} />
                {label}
              </label>
            ))}
          </div>
          <FieldError id="consistencyModel-error" errors={e.consistencyModel} />
        </fieldset>
        {consistency === "bounded_staleness" && (
          <Field id="stalenessBoundSeconds" label="Staleness bound (seconds)" errors={e.stalenessBoundSeconds}>
            {(p) => <input {...p} name="stalenessBoundSeconds" inputMode="numeric" className={`${inputClass} max-w-48`} defaultValue={str(v.stalenessBoundSeconds)} />}
          </Field>
        )}
        {consistency === "eventual" && (
          <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            Eventually consistent systems cannot be audited (seed 000 &ldquo;Applicability&rdquo;): the audit will be created blocked with a consistency-model violation.
          </p>
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

      <div className="flex justify-end">
        <SubmitButton pendingText="Creating…">Create audit</SubmitButton>
      </div>
    </form>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 className="text-base font-semibold">{title}</h2>
      {children}
    </section>
  );
}
