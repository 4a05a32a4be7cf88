"use client";

import { useActionState } from "react";
import { createProjectAction, setProjectMemberAction } from "@/app/admin/projects/actions";
import { Field, FieldError, inputClass } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { PROJECT_ROLES } from "@/lib/project-access";
import { ROLE_DESCRIPTIONS, type Role } from "@/lib/roles";
import type { ActionState } from "@/lib/server/action";

/** Admin: add a project by name. */
export function AddProjectForm() {
  const [state, action] = useActionState<ActionState, FormData>(createProjectAction, {});
  const v = state.values ?? {};
  return (
    <form action={action} className="flex flex-wrap items-end gap-3" noValidate aria-label="Add project">
      <div className="min-w-64 flex-1">
        <Field id="project-name" label="Project name" errors={state.errors?.name} hint="Lower-case letters, digits and single hyphens; audits of this project start with it.">
          {(p) => <input {...p} name="name" className={inputClass} defaultValue={typeof v.name === "string" ? v.name : ""} />}
        </Field>
      </div>
      <SubmitButton pendingText="Adding…">Add project</SubmitButton>
      <div className="w-full">
        <FormMessage state={state} />
      </div>
    </form>
  );
}

function RoleBoxes({ idPrefix, chosen }: { idPrefix: string; chosen: readonly Role[] }) {
  return (
    <>
      {PROJECT_ROLES.map((r) => (
        <label key={r} className="flex items-center gap-1 text-sm" title={ROLE_DESCRIPTIONS[r]} htmlFor={`${idPrefix}-${r}`}>
          <input id={`${idPrefix}-${r}`} type="checkbox" name="roles[]" value={r} defaultChecked={chosen.includes(r)} />
          {r}
        </label>
      ))}
    </>
  );
}

/** Admin: grant a user roles in one project. */
export function AddMemberForm({ projectId, projectName, candidates }: { projectId: number; projectName: string; candidates: { id: number; label: string }[] }) {
  const [state, action] = useActionState<ActionState, FormData>(setProjectMemberAction, {});
  const id = `add-member-${projectId}`;
  return (
    <form action={action} className="space-y-2" noValidate aria-label={`Add a member to ${projectName}`}>
      <input type="hidden" name="projectId" value={projectId} />
      <div className="flex flex-wrap items-center gap-3">
        <label htmlFor={`${id}-user`} className="text-sm font-medium">
          User
        </label>
        <select id={`${id}-user`} name="userId" className={`${inputClass} w-auto`} defaultValue="" aria-describedby={`${id}-user-error`}>
          <option value="" disabled>
            Choose a user…
          </option>
          {candidates.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
        <RoleBoxes idPrefix={id} chosen={["reviewer"]} />
        <SubmitButton pendingText="Adding…" className="px-3 py-1 text-xs">
          Add member
        </SubmitButton>
      </div>
      <FieldError id={`${id}-user-error`} errors={state.errors?.userId ?? state.errors?.roles} />
      <FormMessage state={state} />
    </form>
  );
}

/** Admin: change or remove one member's project roles (no role checked removes them). */
export function MemberRolesForm({ projectId, member }: { projectId: number; member: { userId: number; email: string; roles: Role[] } }) {
  const [state, action] = useActionState<ActionState, FormData>(setProjectMemberAction, {});
  return (
    <form action={action} className="flex flex-wrap items-center gap-3" aria-label={`Project roles of ${member.email}`}>
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="userId" value={member.userId} />
      <RoleBoxes idPrefix={`member-${projectId}-${member.userId}`} chosen={member.roles} />
      <SubmitButton pendingText="Saving…" className="px-3 py-1 text-xs">
        Save
      </SubmitButton>
      {state.message && (
        <span aria-live="polite" className={`text-xs ${state.ok ? "text-emerald-700" : "text-red-700"}`}>
          {state.errors?.roles?.join(" ") ?? state.message}
        </span>
      )}
    </form>
  );
}
