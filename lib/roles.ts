/** Roles a user may hold (several at once). */
export const ROLES = ["operator", "reviewer", "approver", "security", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** What each role may do, shown on the admin page. */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  operator: "Creates audits, imports populations, draws samples, shares reports",
  reviewer: "Reviews sampled units",
  approver: "Signs off verdicts",
  security: "Approves destructive remediation and break-glass exceptions",
  admin: "Manages users and roles",
};

/** Parses the stored comma-separated role list, dropping unknown names. */
export function parseRoles(stored: string): Role[] {
  return stored
    .split(",")
    .map((r) => r.trim())
    .filter((r): r is Role => (ROLES as readonly string[]).includes(r));
}

/** Serializes roles for storage: known roles, deduplicated, in ROLES order. */
export function serializeRoles(roles: readonly string[]): string {
  return ROLES.filter((r) => roles.includes(r)).join(",");
}
