import { ROLES, type Role } from "./roles";

/**
 * Who may do what where (issue 10, "Access by project"). A user holds roles in two ways:
 * granted everywhere (`users.roles`, set by an admin) or in one project (`project_members`).
 * Admin is only ever granted everywhere.
 */
export type Grants = {
  /** Roles held in every project. */
  everywhere: readonly Role[];
  /** Roles held in one project, by project name (`audits.project_name`). */
  byProject: Readonly<Record<string, readonly Role[]>>;
};

/** Roles that can be granted in one project (admin is global only). */
export const PROJECT_ROLES = ["operator", "reviewer", "approver", "security"] as const satisfies readonly Role[];
export type ProjectRole = (typeof PROJECT_ROLES)[number];

/**
 * The roles a user holds in one project: those granted everywhere plus that project's.
 * @returns known roles, deduplicated, in ROLES order.
 */
export function rolesInProject(grants: Grants, projectName: string): Role[] {
  const own = Object.hasOwn(grants.byProject, projectName) ? grants.byProject[projectName] : [];
  return ROLES.filter((r) => grants.everywhere.includes(r) || own.includes(r));
}

/** Every role the user holds in at least one project (what the navigation offers). */
export function rolesAnywhere(grants: Grants): Role[] {
  const all = new Set<Role>(grants.everywhere);
  for (const roles of Object.values(grants.byProject)) for (const r of roles) all.add(r);
  return ROLES.filter((r) => all.has(r));
}

/**
 * The projects where the user holds one of `anyOf` (empty: any role, i.e. the projects they may
 * see): `"all"` when they hold one everywhere, else the project names, sorted.
 */
export function projectsWhere(grants: Grants, anyOf: readonly Role[] = []): "all" | string[] {
  if (holdsAny(grants.everywhere, anyOf)) return "all";
  return Object.entries(grants.byProject)
    .filter(([, roles]) => holdsAny(roles, anyOf))
    .map(([name]) => name)
    .sort();
}

/** True when `held` includes any of `anyOf` (an empty `anyOf` asks only for some role). */
export function holdsAny(held: readonly Role[], anyOf: readonly Role[]): boolean {
  return anyOf.length === 0 ? held.length > 0 : anyOf.some((r) => held.includes(r));
}

