import "server-only";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { getAuditBySlug } from "@/db/queries/audits";
import type { Audit } from "@/db/schema";
import { holdsAny, projectsWhere, rolesInProject } from "@/lib/project-access";
import type { Role } from "@/lib/roles";
import { type CurrentUser, requireUser } from "./auth";
import { AppError } from "./errors";
import { requirePageUser } from "./page-auth";

/**
 * Authorization by project (issue 10, "Access by project"): every action, route and page that
 * touches one audit checks the roles the user holds in that audit's project
 * (lib/project-access.ts), not only the roles they hold somewhere.
 */

/** The projects where the user holds one of `anyOf` (empty: any role): what lists show them. */
export function userProjects(user: CurrentUser, anyOf: readonly Role[] = []): "all" | string[] {
  return projectsWhere(user.grants, anyOf);
}

/** The user as seen in one project: `roles` are the roles held there. */
export function inProject(user: CurrentUser, projectName: string): CurrentUser {
  return { ...user, roles: rolesInProject(user.grants, projectName) };
}

const needs = (anyOf: readonly Role[], where: string) => `This needs the ${anyOf.join(" or ")} role${where}.`;

/**
 * The audit with this slug and the user as seen in its project.
 * @param anyOf roles that may act (empty: any role in the project).
 * @throws AppError not_found when the audit does not exist or the user holds no role in its
 *   project (its existence is not revealed), forbidden when they hold none of `anyOf` there.
 */
export async function requireAuditRole(user: CurrentUser, slug: string, anyOf: readonly Role[]): Promise<{ audit: Audit; user: CurrentUser }> {
  const audit = await getAuditBySlug(getDb(), { slug });
  if (!audit) throw new AppError("not_found", "Audit not found.");
  const scoped = inProject(user, audit.projectName);
  if (scoped.roles.length === 0) throw new AppError("not_found", "Audit not found.");
  if (!holdsAny(scoped.roles, anyOf)) throw new AppError("forbidden", needs(anyOf, ` in project ${audit.projectName}`));
  return { audit, user: scoped };
}

/**
 * The user as seen in the project named `projectName`, holding one of `anyOf` there.
 * @throws AppError forbidden otherwise.
 */
export async function requireProjectRole(user: CurrentUser, projectName: string, anyOf: readonly Role[]): Promise<CurrentUser> {
  const scoped = inProject(user, projectName);
  if (!holdsAny(scoped.roles, anyOf)) throw new AppError("forbidden", needs(anyOf, ` in project ${projectName}`));
  return scoped;
}

/**
 * For route handlers: the signed-in user and the audit, checked like `requireAuditRole`.
 * @throws AppError unauthorized / not_found / forbidden.
 */
export async function requireAuditAccess(slug: string, anyOf: readonly Role[] = []): Promise<{ audit: Audit; user: CurrentUser }> {
  return requireAuditRole(await requireUser(), slug, anyOf);
}

/**
 * For an audit's pages: the signed-in user (or a redirect to sign in) as seen in the audit's
 * project, and the audit; a missing audit, or one in a project where the user holds no role,
 * is a 404.
 */
export async function requireAuditPage(slug: string, returnTo: string): Promise<{ audit: Audit; user: CurrentUser }> {
  const user = await requirePageUser(returnTo);
  const audit = await getAuditBySlug(getDb(), { slug });
  if (!audit) notFound();
  const scoped = inProject(user, audit.projectName);
  if (scoped.roles.length === 0) notFound();
  return { audit, user: scoped };
}
