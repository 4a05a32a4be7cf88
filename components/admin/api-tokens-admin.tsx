"use client";

import { useActionState } from "react";
import { createApiTokenAction } from "@/app/admin/tokens/actions";
import { Field, inputClass } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { OneTimeSecret } from "@/components/ui/one-time-secret";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/server/action";

/** Creates a gate-reading API token and shows it once. */
export function CreateApiTokenForm({ projects }: { projects: string[] }) {
  const [state, action] = useActionState<ActionState, FormData>(createApiTokenAction, {});
  const token = typeof state.data?.token === "string" ? state.data.token : null;
  return (
    <div className="space-y-3">
      <form action={action} className="flex flex-wrap items-end gap-3" noValidate aria-label="Create API token">
        <div className="w-64">
          <Field id="token-name" label="Name" errors={state.errors?.name}>
            {(p) => <input {...p} name="name" className={inputClass} placeholder="e.g. deploy pipeline" />}
          </Field>
        </div>
        <div className="w-64">
          <Field id="token-project" label="Project (empty = every project)" errors={state.errors?.projectName}>
            {(p) => (
              <>
                <input {...p} name="projectName" className={inputClass} list="token-projects" />
                <datalist id="token-projects">
                  {projects.map((name) => (
                    <option key={name} value={name} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
        </div>
        <div className="pb-6">
          <SubmitButton pendingText="Creating…">Create token</SubmitButton>
        </div>
      </form>
      <FormMessage state={state} />
      {token && <OneTimeSecret value={token} label="New API token" testId="new-api-token" />}
    </div>
  );
}
