"use client";

import { Field, inputClass } from "@/components/ui/field";

/**
 * The project name (offered from the user's projects; a new one only for an operator in every
 * project, issue 10) and the date fields that make an audit's slug; shared by the sampling audit
 * and checklist audit create forms.
 */
export function ProjectDateFields({
  projects,
  canStartProject,
  errors,
  projectName,
  onProjectName,
  auditDate,
  onAuditDate,
}: {
  projects: string[];
  canStartProject: boolean;
  errors: Record<string, string[] | undefined>;
  projectName: string;
  onProjectName: (value: string) => void;
  auditDate: string;
  onAuditDate: (value: string) => void;
}) {
  return (
    <>
      <Field
        id="projectName"
        label="Project name"
        errors={errors.projectName}
        hint={canStartProject ? "Lower-case letters, digits and hyphens: an existing project or a new one." : `One of your projects: ${projects.join(", ") || "none (ask an admin to add you to one)"}.`}
      >
        {(p) => <input {...p} name="projectName" list="project-names" className={inputClass} value={projectName} onChange={(ev) => onProjectName(ev.target.value)} placeholder={projects[0] ?? "billing-migration"} />}
      </Field>
      <datalist id="project-names">
        {projects.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <Field id="auditDate" label="Date" errors={errors.auditDate}>
        {(p) => <input {...p} name="auditDate" type="date" className={inputClass} value={auditDate} onChange={(ev) => onAuditDate(ev.target.value)} />}
      </Field>
    </>
  );
}
