"use client";

import { ProjectDateFields } from "@/components/audits/project-date-fields";
import { useActionState, useState } from "react";
import { createProfileAuditAction } from "@/app/checks/new/actions";
import { Field, FieldError, inputClass } from "@/components/ui/field";
import { ErrorSummary } from "@/components/audits/error-summary";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { FAILURE_MODES, LAUNCH_KINDS } from "@/lib/profiles/launch-readiness";
import { PROFILE_LABELS, PROFILES, type Profile, profileAuditSlug } from "@/lib/profiles/profile-kinds";
import type { ActionState } from "@/lib/server/action";

const str = (v: unknown, fallback = "") => (typeof v === "string" ? v : fallback);

const PROFILE_HINTS: Record<Profile, string> = {
  launch_readiness: "Seed 001: launch context, nine phases, Stop-Ship / Fix Soon / Acceptable Risk findings, verdict READY / READY WITH CONDITIONS / NOT READY.",
  adr: "Seed 003: structural checks of an ADR file, six review lenses, combined status PASS / LOW CONFIDENCE / FAIL.",
  rollout: "Seed 004: stages with checkpoints and soak times, five-role expansion approval, readiness scorecard.",
};
const FAILURE_LABELS: Record<(typeof FAILURE_MODES)[number], string> = {
  DOWNTIME: "Downtime is tolerable, data loss is not",
  DATA_LOSS: "Even data loss is tolerable (throw-away data)",
  NONE: "Neither downtime nor data loss",
};

/** Field labels for the error summary (components/audits/error-summary.tsx). */
const CHECK_FIELD_LABELS: Record<string, string> = {
  profile: "Profile",
  projectName: "Project name",
  auditDate: "Date",
  title: "Title",
  launchKind: "Kind of launch",
  realUserData: "Real user data",
  payments: "Payments",
  acceptableFailureMode: "Acceptable failure mode",
  expectedTraffic: "Expected traffic",
  stopShipCriteria: "Stop-ship criteria",
  adrThreshold: "Quality-gate threshold",
};

function YesNo({ name, label, value, errors }: { name: string; label: string; value: string; errors?: string[] }) {
  return (
    <fieldset aria-describedby={`${name}-error`}>
      <legend className="text-sm font-medium">{label}</legend>
      <div className="mt-1 flex gap-3">
        {["yes", "no"].map((v, i) => (
          <label key={v} className="flex items-center gap-2 text-sm">
            <input type="radio" id={i === 0 ? name : undefined} name={name} value={v} defaultChecked={value === v} /> {v}
          </label>
        ))}
      </div>
      <FieldError id={`${name}-error`} errors={errors} />
    </fieldset>
  );
}

/** The create form of a checklist audit (issue 13): profile, project, date, title, and the profile's own fields. */
export function CreateCheckForm({ today, projects, canStartProject }: { today: string; projects: string[]; canStartProject: boolean }) {
  const [state, action] = useActionState<ActionState, FormData>(createProfileAuditAction, {});
  const v = state.values ?? {};
  const e = state.errors ?? {};
  const [profile, setProfile] = useState<Profile>((PROFILES as readonly string[]).includes(str(v.profile)) ? (v.profile as Profile) : "launch_readiness");
  const [projectName, setProjectName] = useState(str(v.projectName));
  const [auditDate, setAuditDate] = useState(str(v.auditDate, today));

  return (
    <form action={action} className="space-y-6" noValidate>
      <ErrorSummary errors={e} labels={CHECK_FIELD_LABELS} result={state} />
      <FormMessage state={state} />
      <fieldset className="space-y-2" aria-describedby="profile-error">
        <legend className="text-sm font-medium">Profile</legend>
        <div className="grid gap-3 sm:grid-cols-3">
          {PROFILES.map((p) => (
            <label key={p} className="flex flex-col gap-1 rounded-md border border-slate-300 bg-white p-3 text-sm has-[:checked]:border-indigo-600 has-[:checked]:bg-indigo-50">
              <span className="flex items-center gap-2 font-medium">
                <input type="radio" name="profile" value={p} checked={profile === p} onChange={() => setProfile(p)} />
                {PROFILE_LABELS[p]}
              </span>
              <span className="text-xs text-slate-600">{PROFILE_HINTS[p]}</span>
            </label>
          ))}
        </div>
        <FieldError id="profile-error" errors={e.profile} />
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-2">
        <ProjectDateFields projects={projects} canStartProject={canStartProject} errors={e} projectName={projectName} onProjectName={setProjectName} auditDate={auditDate} onAuditDate={setAuditDate} />
      </div>
      <p className="text-sm text-slate-600">
        Slug: <code className="font-mono" data-testid="slug-preview">{profileAuditSlug(projectName || "{project-name}", profile, auditDate || "{YYYY-MM-DD}")}</code>
      </p>
      <Field id="title" label="Title" errors={e.title}>
        {(p) => <input {...p} name="title" className={inputClass} defaultValue={str(v.title)} />}
      </Field>

      {profile === "launch_readiness" && (
        <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="launch-context-heading">
          <h2 id="launch-context-heading" className="text-base font-semibold">
            Launch context (seed 001 Phase 1)
          </h2>
          <fieldset aria-describedby="launchKind-error">
            <legend className="text-sm font-medium">Kind of launch</legend>
            <div className="mt-1 flex flex-wrap gap-3">
              {LAUNCH_KINDS.map((k, i) => (
                <label key={k} className="flex items-center gap-2 text-sm">
                  <input type="radio" id={i === 0 ? "launchKind" : undefined} name="launchKind" value={k} defaultChecked={str(v.launchKind) === k} /> {k === "paid" ? "paid / revenue-impacting" : k}
                </label>
              ))}
            </div>
            <FieldError id="launchKind-error" errors={e.launchKind} />
          </fieldset>
          <div className="grid gap-4 sm:grid-cols-2">
            <YesNo name="realUserData" label="Will real user data be stored?" value={str(v.realUserData)} errors={e.realUserData} />
            <YesNo name="payments" label="Is payment or billing involved?" value={str(v.payments)} errors={e.payments} />
          </div>
          <Field id="acceptableFailureMode" label="Acceptable failure mode" errors={e.acceptableFailureMode}>
            {(p) => (
              // Keyed by the value sent back: React's form reset after the action would otherwise put the select back to the default it mounted with.
              <select {...p} key={str(v.acceptableFailureMode)} name="acceptableFailureMode" className={inputClass} defaultValue={str(v.acceptableFailureMode)}>
                <option value="">Choose…</option>
                {FAILURE_MODES.map((m) => (
                  <option key={m} value={m}>
                    {FAILURE_LABELS[m]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="expectedTraffic" label="Expected traffic (monthly active users)" errors={e.expectedTraffic} hint="Rough order of magnitude, e.g. 5000.">
            {(p) => <input {...p} name="expectedTraffic" inputMode="numeric" className={inputClass} defaultValue={str(v.expectedTraffic)} />}
          </Field>
          <Field id="stopShipCriteria" label="Stop-ship criteria for this launch" errors={e.stopShipCriteria} hint="One per line.">
            {(p) => <textarea {...p} name="stopShipCriteria" rows={3} className={inputClass} defaultValue={str(v.stopShipCriteria)} />}
          </Field>
          <p className="text-xs text-slate-600">The audit records a strictness level (Low / Medium / High) from these answers.</p>
        </section>
      )}
      {profile === "adr" && (
        <Field id="adrThreshold" label="Project quality-gate threshold (optional)" errors={e.adrThreshold} hint="Content score needed to pass; values below the default 90 are ignored (seed 003 Adaptation). The ADR itself is uploaded on the audit page.">
          {(p) => <input {...p} name="adrThreshold" inputMode="numeric" className={inputClass} defaultValue={str(v.adrThreshold)} />}
        </Field>
      )}
      {profile === "rollout" && <p className="text-sm text-slate-600">The default stages (10 → 25 → 50 → 75 → 100 %), checkpoints, soak times and approver roles apply; stages are recorded on the audit page.</p>}

      <SubmitButton pendingText="Creating…">Create checklist audit</SubmitButton>
    </form>
  );
}
