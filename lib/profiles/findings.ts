/**
 * The common checklist finding of the audit profiles (issue 13 "Findings and checklists
 * (common)": a checklist audit has sections (phases or lenses), each with findings: title,
 * severity, category, evidence, location (file:line or URL), owner, due date, status; entered in
 * the UI or imported as JSON/CSV, validated, all-or-nothing, errors listed by row and field).
 */
import { parse as parseCsv } from "csv-parse/sync";
import { z } from "zod";

export const SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW"] as const;
export type Severity = (typeof SEVERITIES)[number];
/** Seed 001 Phase 9 categories; the launch profile's verdict reads them. */
export const CATEGORIES = ["STOP_SHIP", "FIX_SOON", "ACCEPTABLE_RISK"] as const;
export type Category = (typeof CATEGORIES)[number];
export const FINDING_STATUSES = ["OPEN", "IN_PROGRESS", "RESOLVED", "ACCEPTED"] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** Rank for sorting, most severe first (0). */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 };

/** True for a real calendar date written YYYY-MM-DD (UTC, no time). */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** `path:line` or `path:start-end` (no spaces in the path), or an http(s) URL. */
export function isFindingLocation(s: string): boolean {
  if (/^[^\s:]+:\d+(?:-\d+)?$/.test(s)) return true;
  try {
    const u = new URL(s);
    return (u.protocol === "http:" || u.protocol === "https:") && !/\s/.test(s);
  } catch {
    return false;
  }
}

const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), z.string().trim().max(max, `too long (max ${max} characters)`).nullable().default(null));

const upper = (v: unknown) => (typeof v === "string" ? v.trim().toUpperCase().replace(/[\s-]+/g, "_") : v);

/**
 * One finding as entered or imported. Strings are trimmed; empty optional cells become null.
 * - section: the phase or lens id the finding belongs to (checked against the profile's sections
 *   when the importer is given them);
 * - severity CRITICAL|HIGH|MEDIUM|LOW and category STOP_SHIP|FIX_SOON|ACCEPTABLE_RISK (case and
 *   "stop-ship"/"Stop Ship" spellings accepted); category may be null (pre-filled from tags by the
 *   launch profile, see launch-readiness.ts prefillCategory);
 * - location `file:line`, `file:start-end` or an http(s) URL; dueDate a UTC calendar date
 *   YYYY-MM-DD; effortDays estimated person-days (> 0); tags lower-case ids (seed 001 Verdict
 *   Criteria tags, see launch-readiness.ts VERDICT_CRITERIA).
 */
export const findingSchema = z.object({
  section: z.string({ error: "section is required" }).trim().min(1, "section is required").max(100, "too long (max 100 characters)"),
  title: z.string({ error: "title is required" }).trim().min(1, "title is required").max(300, "too long (max 300 characters)"),
  severity: z.preprocess(upper, z.enum(SEVERITIES, { error: `severity must be one of ${SEVERITIES.join(", ")}` })),
  category: z.preprocess((v) => (v === "" || v == null ? null : upper(v)), z.enum(CATEGORIES, { error: `category must be one of ${CATEGORIES.join(", ")}` }).nullable()).default(null),
  evidence: optionalText(5_000),
  location: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : typeof v === "string" ? v.trim() : v),
    z.string().refine(isFindingLocation, "location must be file:line (e.g. src/app.ts:42) or an http(s) URL").nullable().default(null),
  ),
  owner: optionalText(200),
  dueDate: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : typeof v === "string" ? v.trim() : v),
    z.string().refine(isCalendarDate, "dueDate must be a real calendar date YYYY-MM-DD").nullable().default(null),
  ),
  status: z.preprocess((v) => (v === "" || v == null ? "OPEN" : upper(v)), z.enum(FINDING_STATUSES, { error: `status must be one of ${FINDING_STATUSES.join(", ")}` })).default("OPEN"),
  tags: z
    .preprocess(
      (v) => (v == null || v === "" ? [] : typeof v === "string" ? v.split(/[;,|]/) : v),
      z.array(z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9-]*$/, "tags must be lower-case ids (letters, digits, hyphens)")),
    )
    .default([]),
  approach: optionalText(2_000),
  effortDays: z.preprocess(
    (v) => (v === "" || v == null ? null : typeof v === "string" ? Number(v.trim()) : v),
    z.number({ error: "effortDays must be a number of person-days" }).finite("effortDays must be a number of person-days").positive("effortDays must be greater than 0").nullable(),
  ).default(null),
});
export type Finding = z.output<typeof findingSchema>;
/** What a caller may pass before defaults are applied (e.g. from a form). */
export type FindingInput = z.input<typeof findingSchema>;

/** Findings that still stand: every status but RESOLVED. Verdicts are computed over these. */
export function standingFindings<T extends { status: FindingStatus }>(findings: readonly T[]): T[] {
  return findings.filter((f) => f.status !== "RESOLVED");
}

/**
 * An import error. `row` is 1-based: the n-th element of a JSON array, or the n-th data row of a
 * CSV file (the header line is not counted); null for a file-level error (unreadable JSON, not an
 * array, unknown or missing CSV columns, too many rows). `field` names the finding field or CSV
 * column, or is null.
 */
export type ImportError = { row: number | null; field: string | null; message: string };
export type ImportResult = { ok: true; findings: Finding[] } | { ok: false; errors: ImportError[] };

export type ImportOptions = {
  /** Allowed section ids; when given, any other section is an error on that row. */
  sections?: readonly string[];
  /** Most rows accepted in one file (default 5,000). */
  maxRows?: number;
};

const FIELDS = Object.keys(findingSchema.shape) as (keyof typeof findingSchema.shape)[];
const REQUIRED_COLUMNS = ["section", "title", "severity"] as const;
const DEFAULT_MAX_ROWS = 5_000;

function validateRows(rows: readonly unknown[], options: ImportOptions): ImportResult {
  const max = options.maxRows ?? DEFAULT_MAX_ROWS;
  if (rows.length === 0) return { ok: false, errors: [{ row: null, field: null, message: "the file holds no findings" }] };
  if (rows.length > max) return { ok: false, errors: [{ row: null, field: null, message: `too many findings: ${rows.length} (max ${max})` }] };
  const errors: ImportError[] = [];
  const findings: Finding[] = [];
  rows.forEach((raw, i) => {
    const row = i + 1;
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      errors.push({ row, field: null, message: "each finding must be an object" });
      return;
    }
    const unknown = Object.keys(raw).filter((k) => !(FIELDS as string[]).includes(k));
    for (const k of unknown) errors.push({ row, field: k, message: `unknown field "${k}"` });
    const parsed = findingSchema.safeParse(raw);
    const rowErrors: ImportError[] = parsed.success ? [] : parsed.error.issues.map((issue) => ({ row, field: issue.path.length ? String(issue.path[0]) : null, message: issue.message }));
    // The section is checked against the audit's sections whatever else is wrong in the row, so one pass names every problem.
    const section = parsed.success ? parsed.data.section : (raw as { section?: unknown }).section;
    if (options.sections && typeof section === "string" && section.trim() !== "" && !options.sections.includes(section.trim()) && !rowErrors.some((e) => e.field === "section")) {
      rowErrors.push({ row, field: "section", message: `unknown section "${section.trim()}" (expected one of ${options.sections.join(", ")})` });
    }
    errors.push(...rowErrors);
    if (parsed.success && rowErrors.length === 0 && unknown.length === 0) findings.push(parsed.data);
  });
  return errors.length ? { ok: false, errors } : { ok: true, findings };
}

/**
 * Validates a JSON import: an array of finding objects (fields as in `findingSchema`; tags an
 * array or a `;`-separated string). All-or-nothing: either every row is valid and all findings
 * are returned, or none are and every error is listed by row and field. Never throws.
 */
export function importFindingsJson(text: string, options: ImportOptions = {}): ImportResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [{ row: null, field: null, message: `not valid JSON: ${(e as Error).message}` }] };
  }
  if (!Array.isArray(data)) return { ok: false, errors: [{ row: null, field: null, message: "the JSON must be an array of findings" }] };
  return validateRows(data, options);
}

/**
 * Validates a CSV import: a header line with the finding field names (section, title, severity
 * required; any of category, evidence, location, owner, dueDate, status, tags (`;`-separated),
 * approach, effortDays), then one finding per line. Empty cells are absent values.
 * All-or-nothing like `importFindingsJson`. Never throws.
 */
export function importFindingsCsv(text: string, options: ImportOptions = {}): ImportResult {
  let records: string[][];
  try {
    records = parseCsv(text, { bom: true, skip_empty_lines: true, relax_column_count: false }) as string[][];
  } catch (e) {
    return { ok: false, errors: [{ row: null, field: null, message: `not valid CSV: ${(e as Error).message}` }] };
  }
  if (records.length === 0) return { ok: false, errors: [{ row: null, field: null, message: "the file is empty" }] };
  const header = records[0].map((h) => h.trim());
  const errors: ImportError[] = [];
  header.forEach((h, i) => {
    if (!(FIELDS as string[]).includes(h)) errors.push({ row: null, field: h || `column ${i + 1}`, message: `unknown column "${h}"` });
    else if (header.indexOf(h) !== i) errors.push({ row: null, field: h, message: `column "${h}" appears twice` });
  });
  for (const c of REQUIRED_COLUMNS) if (!header.includes(c)) errors.push({ row: null, field: c, message: `missing required column "${c}"` });
  if (errors.length) return { ok: false, errors };
  const rows = records.slice(1).map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]])));
  return validateRows(rows, options);
}
