/**
 * The three checklist audit profiles (issue 13), their names and the slug of an audit: constants
 * only, so client components can import them without the profiles' parsers.
 */

export const PROFILES = ["launch_readiness", "adr", "rollout"] as const;
export type Profile = (typeof PROFILES)[number];

/** Profile names for people. */
export const PROFILE_LABELS: Readonly<Record<Profile, string>> = { launch_readiness: "Production readiness", adr: "ADR quality gate", rollout: "Rollout expansion gate" };

/** The slug's kind part per profile (issue 13 contract: launch | adr | rollout). */
export const SLUG_KIND: Readonly<Record<Profile, string>> = { launch_readiness: "launch", adr: "adr", rollout: "rollout" };

/**
 * Slug of a profile audit: `<project>-<kind>-<YYYY-MM-DD>` (issue 13 contract), kind from SLUG_KIND.
 * @param projectName already valid (PROJECT_NAME_PATTERN); @param date YYYY-MM-DD (UTC calendar date).
 */
export function profileAuditSlug(projectName: string, profile: Profile, date: string): string {
  return `${projectName}-${SLUG_KIND[profile]}-${date}`;
}
