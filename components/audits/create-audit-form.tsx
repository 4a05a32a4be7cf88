"use client";

import { ProjectDateFields } from "@/components/audits/project-date-fields";
import { useActionState, useState } from "react";
import { createAuditAction } from "@/app/audits/new/actions";
import { AUDIT_FIELD_LABELS, AuditSettingsFields } from "@/components/audits/audit-settings-fields";
import { ErrorSummary } from "@/components/audits/error-summary";
import { EventualConfirmForm } from "@/components/audits/eventual-confirm";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/server/action";

const str = (v: unknown, fallback = "") => (typeof v === "string" ? v : fallback);

/**
 * The create-audit form. `projects`: the projects where the user is an operator (offered for the
 * project name); `canStartProject`: whether they may name a new one (operator in every project).
 * The settings field groups are shared with the settings page (components/audits/audit-settings-fields.tsx);
 * a failed submit moves focus to the error summary at the top; "eventual" asks to confirm.
 */
export function CreateAuditForm({ today, projects, canStartProject }: { today: string; projects: string[]; canStartProject: boolean }) {
  const [state, action] = useActionState<ActionState, FormData>(createAuditAction, {});
  const v = state.values ?? {};
  const e = state.errors ?? {};
  const [projectName, setProjectName] = useState(str(v.projectName));
  const [auditDate, setAuditDate] = useState(str(v.auditDate, today));
  const [consistency, setConsistency] = useState(str(v.consistencyModel, "strong"));

  return (
    <EventualConfirmForm
      action={action}
      consistency={consistency}
      confirmLabel="Create it blocked"
      submit={
        <div className="flex justify-end">
          <SubmitButton pendingText="Creating…">Create audit</SubmitButton>
        </div>
      }
    >
      <ErrorSummary errors={e} labels={AUDIT_FIELD_LABELS} result={state} />
      <FormMessage state={state} />
      <AuditSettingsFields
        values={v}
        errors={e}
        consistency={consistency}
        onConsistencyChange={setConsistency}
        leading={
          <>
            <div className="grid gap-4 sm:grid-cols-2">
              <ProjectDateFields projects={projects} canStartProject={canStartProject} errors={e} projectName={projectName} onProjectName={setProjectName} auditDate={auditDate} onAuditDate={setAuditDate} />
            </div>
            <p className="text-sm text-slate-600">
              Slug: <code className="font-mono" data-testid="slug-preview">{`${projectName || "{project-name}"}-${auditDate || "{YYYY-MM-DD}"}`}</code>
            </p>
          </>
        }
      />
    </EventualConfirmForm>
  );
}
