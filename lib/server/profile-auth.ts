import "server-only";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { getProfileAuditBySlug } from "@/db/queries/profile-audits";
import type { ProfileAudit } from "@/db/schema";
import { holdsAny } from "@/lib/project-access";
import type { Role } from "@/lib/roles";
import { type CurrentUser, requireUser } from "./auth";
import { AppError } from "./errors";
import { requirePageUser } from "./page-auth";
import { inProject } from "./project-auth";

/**
 * Authorization of profile audits (issue 13, /checks/[slug]): the same rules as sampling audits
 * (lib/server/project-auth.ts requireAuditRole / requireAuditPage), by the audit's project.
 */

/**
 * The profile audit with this slug and the user as seen in its project.
 * @param anyOf roles that may act (empty: any role in the project).
 * @throws AppError not_found when the audit does not exist or the user holds no role in its
 *   project (its existence is not revealed), forbidden when they hold none of `anyOf` there.
 */
export async function requireProfileAuditRole(user: CurrentUser, slug: string, anyOf: readonly Role[]): Promise<{ audit: ProfileAudit; user: CurrentUser }> {
  const audit = await getProfileAuditBySlug(getDb(), { slug });
  if (!audit) throw new AppError("not_found", "Checklist audit not found.");
  const scoped = inProject(user, audit.projectName);
  if (scoped.roles.length === 0) throw new AppError("not_found", "Checklist audit not found.");
  if (!holdsAny(scoped.roles, anyOf)) throw new AppError("forbidden", `This needs the ${anyOf.join(" or ")} role in project ${audit.projectName}.`);
  return { audit, user: scoped };
}

/**
 * For a profile audit's pages: the signed-in user (or a redirect to sign in) as seen in the
 * audit's project, and the audit; a missing audit, or one in a project where the user holds no
 * role, is a 404.
 */
export async function requireProfileAuditPage(slug: string, returnTo: string): Promise<{ audit: ProfileAudit; user: CurrentUser }> {
  const user = await requirePageUser(returnTo);
  const audit = await getProfileAuditBySlug(getDb(), { slug });
  if (!audit) notFound();
  const scoped = inProject(user, audit.projectName);
  if (scoped.roles.length === 0) notFound();
  return { audit, user: scoped };
}

/**
 * For route handlers: the signed-in user and the profile audit, checked like `requireProfileAuditRole`.
 * @throws AppError unauthorized / not_found / forbidden.
 */
export async function requireProfileAuditAccess(slug: string, anyOf: readonly Role[] = []): Promise<{ audit: ProfileAudit; user: CurrentUser }> {
  return requireProfileAuditRole(await requireUser(), slug, anyOf);
}
