"use client";

import { useActionState } from "react";
import { createUserAction, resetPasswordAction, setUserActiveAction, updateRolesAction } from "@/app/admin/users/actions";
import { Field, FieldError, inputClass } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { ROLE_DESCRIPTIONS, ROLES, type Role } from "@/lib/roles";
import type { ActionState } from "@/lib/server/action";

export type UserRow = { id: number; email: string; name: string; roles: Role[]; locked: boolean; deactivated: boolean };

/** Admin: add a user with roles held in every project, or in one chosen project (issue 10). */
export function AddUserForm({ projects }: { projects: { id: number; name: string }[] }) {
  const [state, action] = useActionState<ActionState, FormData>(createUserAction, {});
  const v = state.values ?? {};
  const chosen = Array.isArray(v.roles) ? (v.roles as string[]) : [];
  return (
    <form action={action} className="space-y-4" noValidate aria-label="Add user">
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="new-email" label="Email" errors={state.errors?.email}>
          {(p) => <input {...p} name="email" type="email" className={inputClass} defaultValue={typeof v.email === "string" ? v.email : ""} />}
        </Field>
        <Field id="new-name" label="Name" errors={state.errors?.name}>
          {(p) => <input {...p} name="name" className={inputClass} defaultValue={typeof v.name === "string" ? v.name : ""} />}
        </Field>
        <Field id="new-password" label="Initial password" errors={state.errors?.password} hint="At least 12 characters.">
          {(p) => <input {...p} name="password" type="password" autoComplete="new-password" className={inputClass} />}
        </Field>
      </div>
      <fieldset aria-describedby="new-roles-error">
        <legend className="text-sm font-medium">Roles</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {ROLES.map((r) => (
            <label key={r} className="flex items-center gap-2 text-sm" title={ROLE_DESCRIPTIONS[r]}>
              <input type="checkbox" name="roles[]" value={r} defaultChecked={chosen.includes(r)} />
              {r}
            </label>
          ))}
        </div>
        <FieldError id="new-roles-error" errors={state.errors?.roles} />
      </fieldset>
      <div className="max-w-sm">
        <Field id="new-project" label="Roles apply in" errors={state.errors?.projectId} hint="One project: the user sees only that project's audits.">
          {(p) => (
            <select {...p} name="projectId" className={inputClass} defaultValue={typeof v.projectId === "string" ? v.projectId : ""}>
              <option value="">Every project</option>
              {projects.map((project) => (
                <option key={project.id} value={project.id}>
                  Only {project.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <FormMessage state={state} />
      <SubmitButton pendingText="Adding…">Add user</SubmitButton>
    </form>
  );
}

export function RolesForm({ user }: { user: UserRow }) {
  const [state, action] = useActionState<ActionState, FormData>(updateRolesAction, {});
  return (
    <form action={action} className="flex flex-wrap items-center gap-3" aria-label={`Roles of ${user.email}`}>
      <input type="hidden" name="userId" value={user.id} />
      {ROLES.map((r) => (
        <label key={r} className="flex items-center gap-1 text-sm">
          <input type="checkbox" name="roles[]" value={r} defaultChecked={user.roles.includes(r)} />
          {r}
        </label>
      ))}
      <SubmitButton pendingText="Saving…" className="px-3 py-1 text-xs">
        Save roles
      </SubmitButton>
      {state.message && <span className={`text-xs ${state.ok ? "text-emerald-700" : "text-red-700"}`}>{state.errors?.roles?.join(" ") ?? state.message}</span>}
    </form>
  );
}

/** Admin: set a new password for a user (issue 10). */
export function ResetPasswordForm({ user }: { user: UserRow }) {
  const [state, action] = useActionState<ActionState, FormData>(resetPasswordAction, {});
  const id = `reset-password-${user.id}`;
  return (
    <form action={action} className="flex flex-wrap items-start gap-2" noValidate aria-label={`Reset password of ${user.email}`}>
      <input type="hidden" name="userId" value={user.id} />
      <label htmlFor={id} className="sr-only">
        New password for {user.email}
      </label>
      <input
        id={id}
        name="password"
        type="password"
        autoComplete="new-password"
        placeholder="New password (12+ characters)"
        aria-invalid={Boolean(state.errors?.password)}
        aria-describedby={`${id}-error`}
        className={`${inputClass} max-w-56 py-1 text-xs`}
      />
      <SubmitButton pendingText="Resetting…" className="px-3 py-1 text-xs">
        Reset password
      </SubmitButton>
      <span id={`${id}-error`} aria-live="polite" className={`text-xs ${state.ok ? "text-emerald-700" : "text-red-700"}`}>
        {state.errors?.password?.join(" ") ?? state.message}
      </span>
    </form>
  );
}

/** Admin: deactivate or reactivate a user (issue 10). */
export function ActiveForm({ user }: { user: UserRow }) {
  const [state, action] = useActionState<ActionState, FormData>(setUserActiveAction, {});
  return (
    <form action={action} className="flex flex-wrap items-center gap-2" aria-label={`Access of ${user.email}`}>
      <input type="hidden" name="userId" value={user.id} />
      <input type="hidden" name="active" value={user.deactivated ? "true" : "false"} />
      <SubmitButton pendingText="Saving…" className={`px-3 py-1 text-xs ${user.deactivated ? "" : "bg-red-600 hover:bg-red-500"}`}>
        {user.deactivated ? "Reactivate" : "Deactivate"}
      </SubmitButton>
      {state.message && <span className={`text-xs ${state.ok ? "text-emerald-700" : "text-red-700"}`}>{state.message}</span>}
    </form>
  );
}
