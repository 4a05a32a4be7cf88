/**
 * Production readiness audit profile (seed 001 "Production Readiness Audit"; issue 13
 * "Production readiness"): launch context and strictness, the nine phases and their checklists,
 * Verdict Criteria tags, the verdict and its gate, sign-off refusals, remediation plan, file name.
 */
import { z } from "zod";
import { DEFAULT_LAUNCH_READINESS_CONFIG, type LaunchReadinessConfig } from "./config";
import { SEVERITY_RANK, type Category, type Finding, type FindingStatus, type Severity } from "./findings";

// ---------------------------------------------------------------- launch context (seed 001 Phase 1)

export const LAUNCH_KINDS = ["internal", "beta", "public", "paid"] as const;
export type LaunchKind = (typeof LAUNCH_KINDS)[number];
/**
 * Which failure the launch can live with (seed 001 Phase 1 "acceptable failure mode? (downtime vs
 * data loss)"): DOWNTIME (an outage is tolerable, losing data is not), DATA_LOSS (even losing data
 * is tolerable, e.g. throw-away demo data), NONE (neither is).
 */
export const FAILURE_MODES = ["DOWNTIME", "DATA_LOSS", "NONE"] as const;

/** Launch context (seed 001 Phase 1 questions). Validate user input with `launchContextSchema`. */
export const launchContextSchema = z.object({
  kind: z.enum(LAUNCH_KINDS, { error: `kind must be one of ${LAUNCH_KINDS.join(", ")}` }),
  realUserData: z.boolean({ error: "realUserData must be true or false" }),
  payments: z.boolean({ error: "payments must be true or false" }),
  acceptableFailureMode: z.enum(FAILURE_MODES, { error: `acceptableFailureMode must be one of ${FAILURE_MODES.join(", ")}` }),
  /** Expected monthly active users, order of magnitude (the seed's example: "~5k MAU"). */
  expectedTraffic: z.number({ error: "expectedTraffic must be a number of monthly active users" }).int("expectedTraffic must be a whole number").min(0, "expectedTraffic cannot be negative"),
  /** Explicit stop-ship criteria agreed for this launch, plain sentences. */
  stopShipCriteria: z.array(z.string().trim().min(1, "a stop-ship criterion cannot be empty").max(500)).max(50),
});
export type LaunchContext = z.output<typeof launchContextSchema>;
export type Strictness = "LOW" | "MEDIUM" | "HIGH";

/**
 * Audit strictness (seed 001 Phase 1 "Audit strictness level (Low / Medium / High)"; the seed
 * gives no rule, this one is ours), first match wins:
 * 1. HIGH when money or real people's data are exposed, or traffic is large: a paid launch, any
 *    payments, real user data on a public launch, or expected traffic ≥
 *    config.highTrafficMonthlyUsers (default 100,000 MAU);
 * 2. LOW for an internal launch with no real user data, no payments, and some failure acceptable
 *    (acceptableFailureMode not NONE);
 * 3. MEDIUM otherwise (a beta, a public launch without real user data, an internal launch holding
 *    real user data, or any launch that can accept no failure at all).
 * Pure; the context is assumed valid (parse it with `launchContextSchema` first).
 */
export function strictness(context: LaunchContext, config: LaunchReadinessConfig = DEFAULT_LAUNCH_READINESS_CONFIG): Strictness {
  const { kind, realUserData, payments, acceptableFailureMode, expectedTraffic } = context;
  if (kind === "paid" || payments || (realUserData && kind === "public") || expectedTraffic >= config.highTrafficMonthlyUsers) return "HIGH";
  if (kind === "internal" && !realUserData && acceptableFailureMode !== "NONE") return "LOW";
  return "MEDIUM";
}

// ---------------------------------------------------------------- phases (seed 001 Phases 1–9)

export type Phase = { id: string; number: number; title: string; goal: string; checklist: readonly string[] };

/** The nine phases with their checklists, verbatim from seed 001 (the sections of a launch audit). */
export const PHASES: readonly Phase[] = Object.freeze([
  {
    id: "launch-context", number: 1, title: "Launch Context and Risk Framing", goal: 'Understand what kind of launch this is and what "failure" means',
    checklist: [
      "Is this internal, beta, public, or paid/revenue-impacting?", "Will real user data be stored?", "Is there payment or billing involved?",
      "What is the acceptable failure mode? (downtime vs data loss)", "Expected traffic (rough order of magnitude)?", 'What would constitute a "stop-ship" issue for this launch?',
      "Launch risk profile established", "Audit strictness level (Low / Medium / High) established", "Explicit stop-ship criteria established",
    ],
  },
  {
    id: "system-map", number: 2, title: "System and Architecture Mapping", goal: "Build a complete mental model of the system",
    checklist: ["Entry points (APIs, webhooks, scheduled jobs)", "Core state (databases, caches, file storage)", "Critical paths (key user flows)", "External dependencies", "Trust boundaries"],
  },
  {
    id: "code-health", number: 3, title: "Codebase Health Audit", goal: "Identify correctness issues, maintainability risks, and hidden footguns",
    checklist: [
      "Error handling gaps, unhandled rejections, and partial failure scenarios", "Implicit assumptions, race conditions, and concurrency issues",
      "TODOs, FIXMEs, commented code, and 'should never happen' branches",
    ],
  },
  {
    id: "data-safety", number: 4, title: "Data Safety and Migration Review", goal: "Prevent irreversible data mistakes",
    checklist: [
      "Hard deletes vs soft deletes", "Cascade deletes", "Bulk update operations", "Data transformations", "Are migrations reversible?", "Are they idempotent?",
      "Is there a rollback strategy?", "Is data backed up?", "Can you restore to a point in time?", "Has recovery been tested?",
    ],
  },
  {
    id: "security", number: 5, title: "Security and Abuse Audit", goal: "Ensure the system is safe under hostile conditions",
    checklist: [
      "Authentication flows, session management, and token handling", "Authorization boundaries, access control, and privilege escalation vectors",
      "Input validation gaps, injection risks, and secrets handling issues", "Rate limiting on sensitive endpoints", "Resource exhaustion risks", "Webhook verification", "DOS vectors",
    ],
  },
  {
    id: "performance", number: 6, title: "Performance and Load Readiness", goal: "Ensure the system survives real traffic",
    checklist: [
      "High-frequency operations", "User-facing latency-sensitive paths", "Background job throughput", "O(n) or worse operations on user data", "Unbounded queries or fetches",
      "Missing pagination", "No backpressure mechanisms", "What is cached vs computed?", "Cache invalidation approach", "Cold start penalties",
    ],
  },
  {
    id: "observability", number: 7, title: "Observability and Debuggability", goal: "Ensure you can debug production issues at 2am",
    checklist: [
      "Are errors logged with sufficient context?", "Are request correlation IDs present?", "Can you trace a single user request?", "Do logs leak sensitive data?",
      "Are key business metrics tracked?", "Are infrastructure metrics available?", "Is there anomaly detection?", "Are critical failures surfaced?", "Is there alert fatigue risk?",
      "Are runbooks linked to alerts?",
    ],
  },
  {
    id: "operations", number: 8, title: "Operational Readiness and Failure Modes", goal: "Ensure humans can operate the system safely",
    checklist: [
      "Deploy process documentation", "Rollback procedures", "Incident response runbooks", "On-call coverage", "What happens if [external dependency] is down?",
      "What happens during partial deployment?", "What happens with schema mismatch?", "Can you do a controlled degradation?",
    ],
  },
  {
    id: "verdict", number: 9, title: "Launch Verdict and Remediation Plan", goal: "Decide whether to ship",
    checklist: [
      "Consolidate all findings from phases 2-8", "Categorize each issue: Stop-Ship / Fix Soon / Acceptable Risk", "Generate final verdict",
      "Prioritized list of issues to address", "Suggested fix approach for each", "Estimated effort", "Save full audit report", "Present verdict and recommendation",
    ],
  },
]);
export const PHASE_IDS: readonly string[] = PHASES.map((p) => p.id);

// ---------------------------------------------------------------- verdict criteria (seed 001 "Verdict Criteria")

export type VerdictCriterion = { tag: string; label: string; category: Category };

/** Seed 001 "Verdict Criteria": each listed condition as a finding tag and the category it implies. */
export const VERDICT_CRITERIA: readonly VerdictCriterion[] = Object.freeze([
  { tag: "exploitable-vulnerability", label: "Exploitable security vulnerabilities", category: "STOP_SHIP" },
  { tag: "data-loss-risk", label: "Data loss or corruption risks", category: "STOP_SHIP" },
  { tag: "missing-authorization-check", label: "Missing critical authorization checks", category: "STOP_SHIP" },
  { tag: "irreversible-migration-without-backup", label: "Non-reversible migrations without backup", category: "STOP_SHIP" },
  { tag: "unverified-financial-webhook", label: "Unverified webhook signatures on financial endpoints", category: "STOP_SHIP" },
  { tag: "missing-rate-limiting", label: "Missing rate limiting", category: "FIX_SOON" },
  { tag: "observability-gap", label: "Observability gaps", category: "FIX_SOON" },
  { tag: "missing-documentation", label: "Missing documentation", category: "FIX_SOON" },
  { tag: "non-critical-performance", label: "Performance issues for non-critical paths", category: "FIX_SOON" },
  { tag: "non-critical-tech-debt", label: "Technical debt in non-critical code", category: "FIX_SOON" },
  { tag: "cold-start-latency", label: "Cold start latency", category: "ACCEPTABLE_RISK" },
  { tag: "minor-ux-degradation-extreme-load", label: "Minor UX degradation under extreme load", category: "ACCEPTABLE_RISK" },
  { tag: "missing-non-critical-feature", label: "Missing features that aren't launch-critical", category: "ACCEPTABLE_RISK" },
  { tag: "known-limitation-with-workaround", label: "Known limitations with workarounds", category: "ACCEPTABLE_RISK" },
]);

/** Precedence of categories, most blocking first (0). */
export const CATEGORY_RANK: Readonly<Record<Category, number>> = { STOP_SHIP: 0, FIX_SOON: 1, ACCEPTABLE_RISK: 2 };

const mostBlocking = (categories: readonly (Category | null)[]): Category | null =>
  categories.reduce<Category | null>((best, c) => (c != null && (best == null || CATEGORY_RANK[c] < CATEGORY_RANK[best]) ? c : best), null);

/**
 * Category implied by a finding's tags (seed 001 "Verdict Criteria"), used to pre-fill the
 * category: Stop-Ship wins over Fix Soon over Acceptable Risk; tags are matched case-insensitively
 * after trimming; unknown tags are ignored; null when no tag is a criterion.
 */
export function categoryForTags(tags: readonly string[]): Category | null {
  const normalised = new Set(tags.map((t) => t.trim().toLowerCase()));
  return mostBlocking(VERDICT_CRITERIA.filter((c) => normalised.has(c.tag)).map((c) => c.category));
}

/**
 * Suggested category for a finding that has none: the most blocking of (a) `categoryForTags` and
 * (b) seed 001 Phase 5 "any critical/high security issues are stop-ship by default" (section
 * "security", severity CRITICAL or HIGH → STOP_SHIP). An explicit category is never overridden.
 * @returns the finding's category, or the suggestion, or null.
 */
export function prefillCategory(finding: Pick<Finding, "category" | "tags" | "section" | "severity">): Category | null {
  if (finding.category != null) return finding.category;
  const securityDefault: Category | null = finding.section === "security" && (finding.severity === "CRITICAL" || finding.severity === "HIGH") ? "STOP_SHIP" : null;
  return mostBlocking([categoryForTags(finding.tags), securityDefault]);
}

// ---------------------------------------------------------------- verdict and gate (seed 001 Phase 9)

export type LaunchVerdict = "READY" | "READY_WITH_CONDITIONS" | "NOT_READY";
export type LaunchGate = "OPEN" | "CONDITIONAL_PASS" | "BLOCKED";

/**
 * Launch verdict (seed 001 Phase 9 "Generate final verdict"; issue 13): any STOP_SHIP →
 * NOT_READY; otherwise any FIX_SOON → READY_WITH_CONDITIONS (each needs a timeline before
 * sign-off, see `signOffRefusals`); otherwise READY (also for no findings). Pass the findings that
 * still stand (`standingFindings`): a resolved Stop-Ship no longer blocks.
 */
export function launchVerdict(findings: readonly { category: "STOP_SHIP" | "FIX_SOON" | "ACCEPTABLE_RISK" }[]): LaunchVerdict {
  if (findings.some((f) => f.category === "STOP_SHIP")) return "NOT_READY";
  if (findings.some((f) => f.category === "FIX_SOON")) return "READY_WITH_CONDITIONS";
  return "READY";
}

/**
 * The findings `launchVerdict` reads: those that stand (status not RESOLVED) and have a category.
 * Uncategorised findings are left out here and refused at sign-off (`signOffRefusals`).
 */
export function standingCategorised<T extends { category: Category | null; status: FindingStatus }>(findings: readonly T[]): (T & { category: Category })[] {
  return findings.filter((f): f is T & { category: Category } => f.status !== "RESOLVED" && f.category != null);
}

/** Gate for a launch verdict (issue 13): READY → OPEN, READY_WITH_CONDITIONS → CONDITIONAL_PASS, NOT_READY → BLOCKED. */
export function launchGate(verdict: LaunchVerdict): LaunchGate {
  if (verdict === "READY") return "OPEN";
  if (verdict === "READY_WITH_CONDITIONS") return "CONDITIONAL_PASS";
  return "BLOCKED";
}

export type SignOffRefusal = { code: "UNCATEGORISED" | "FIX_SOON_WITHOUT_TIMELINE" | "FIX_SOON_TIMELINE_TOO_LONG"; index: number; title: string; message: string };
type SignOffFinding = { title: string; category: Category | null; dueDate: string | null; status: FindingStatus };

const DAY_MS = 86_400_000;

/**
 * Why the audit cannot be signed off yet (seed 001 Phase 9 "READY WITH CONDITIONS: … fix-soon
 * items need timelines"; issue 13 "each Fix Soon needs a timeline before sign-off"). Resolved
 * findings are skipped. Per remaining finding (index = position in the input):
 * - UNCATEGORISED: no category (every finding must be categorised, Phase 9 step 2);
 * - FIX_SOON_WITHOUT_TIMELINE: a Fix Soon finding with no due date;
 * - FIX_SOON_TIMELINE_TOO_LONG: only when `asOf` is given, a Fix Soon due date more than
 *   config.fixSoonMaxDays calendar days after `asOf`'s UTC date ("within days").
 * @returns [] when sign-off may proceed.
 * @throws RangeError when `asOf` is an invalid Date.
 */
export function signOffRefusals(findings: readonly SignOffFinding[], options: { asOf?: Date; config?: LaunchReadinessConfig } = {}): SignOffRefusal[] {
  const config = options.config ?? DEFAULT_LAUNCH_READINESS_CONFIG;
  if (options.asOf && Number.isNaN(options.asOf.getTime())) throw new RangeError("asOf is not a valid date");
  const today = options.asOf ? Date.parse(options.asOf.toISOString().slice(0, 10)) : null;
  const refusals: SignOffRefusal[] = [];
  findings.forEach((f, index) => {
    if (f.status === "RESOLVED") return;
    if (f.category == null) {
      refusals.push({ code: "UNCATEGORISED", index, title: f.title, message: `"${f.title}" has no category (Stop-Ship, Fix Soon or Acceptable Risk)` });
    } else if (f.category === "FIX_SOON" && f.dueDate == null) {
      refusals.push({ code: "FIX_SOON_WITHOUT_TIMELINE", index, title: f.title, message: `Fix Soon "${f.title}" needs a due date before sign-off` });
    } else if (f.category === "FIX_SOON" && f.dueDate != null && today != null) {
      const days = Math.round((Date.parse(f.dueDate) - today) / DAY_MS);
      if (days > config.fixSoonMaxDays) {
        refusals.push({ code: "FIX_SOON_TIMELINE_TOO_LONG", index, title: f.title, message: `Fix Soon "${f.title}" is due in ${days} days, more than the ${config.fixSoonMaxDays} allowed` });
      }
    }
  });
  return refusals;
}

// ---------------------------------------------------------------- remediation plan (seed 001 Phase 9 step 4)

export type RemediationItem = {
  rank: number;
  title: string;
  section: string;
  category: "STOP_SHIP" | "FIX_SOON";
  severity: Severity;
  dueDate: string | null;
  owner: string | null;
  location: string | null;
  /** Suggested fix approach, or null when none was entered. */
  approach: string | null;
  /** Estimated effort in person-days, or null. */
  effortDays: number | null;
};
export type RemediationPlan = { items: RemediationItem[]; totalEffortDays: number; itemsWithoutEstimate: number };
type PlanFinding = Pick<Finding, "title" | "section" | "category" | "severity" | "dueDate" | "owner" | "location" | "approach" | "effortDays" | "status">;

/**
 * Remediation plan (seed 001 Phase 9 "Prioritized list of issues to address; suggested fix
 * approach for each; estimated effort"): the unresolved Stop-Ship and Fix Soon findings (Acceptable
 * Risk is documented, not remediated; uncategorised findings are refused at sign-off instead),
 * ordered Stop-Ship first, then by severity (CRITICAL first), then by due date (earliest first,
 * none last), then input order. Ranks are 1-based. totalEffortDays sums the estimates given.
 */
export function remediationPlan(findings: readonly PlanFinding[]): RemediationPlan {
  const candidates = findings
    .map((f, index) => ({ f, index }))
    .filter(({ f }) => f.status !== "RESOLVED" && (f.category === "STOP_SHIP" || f.category === "FIX_SOON"));
  candidates.sort((a, b) => {
    const byCategory = CATEGORY_RANK[a.f.category!] - CATEGORY_RANK[b.f.category!];
    if (byCategory) return byCategory;
    const bySeverity = SEVERITY_RANK[a.f.severity] - SEVERITY_RANK[b.f.severity];
    if (bySeverity) return bySeverity;
    const ad = a.f.dueDate ?? "9999-99-99";
    const bd = b.f.dueDate ?? "9999-99-99";
    if (ad !== bd) return ad < bd ? -1 : 1;
    return a.index - b.index;
  });
  const items = candidates.map(({ f }, i): RemediationItem => ({
    rank: i + 1,
    title: f.title,
    section: f.section,
    category: f.category as "STOP_SHIP" | "FIX_SOON",
    severity: f.severity,
    dueDate: f.dueDate,
    owner: f.owner,
    location: f.location,
    approach: f.approach,
    effortDays: f.effortDays,
  }));
  return {
    items,
    totalEffortDays: items.reduce((s, it) => s + (it.effortDays ?? 0), 0),
    itemsWithoutEstimate: items.filter((it) => it.effortDays == null).length,
  };
}

/**
 * Report file name (seed 001 Phase 9 step 5 "prod-audit-[date].md"): `prod-audit-YYYY-MM-DD.md`
 * with the UTC calendar date of `date`.
 * @throws RangeError for an invalid Date.
 */
export function reportFileName(date: Date): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new RangeError("date is not a valid date");
  return `prod-audit-${date.toISOString().slice(0, 10)}.md`;
}
