/**
 * ADR quality gate profile (seed 003 "doc-adr-audit"; issue 13 "ADR quality gate"): parsing an
 * ADR (Markdown with YAML frontmatter), the deterministic structural checks with stable codes,
 * self-claimed score stripping, lens-weighted content score, coverage quorum, combined status,
 * report file names and versions.
 */
import { lexer, type Token } from "marked";
import { parseDocument, visit, isScalar } from "yaml";
import { z } from "zod";
import { ADR_LENSES, DEFAULT_ADR_CONFIG, DEFAULT_ADR_TEMPLATE, type AdrConfig, type Lens } from "./config";
import { findingSchema, standingFindings } from "./findings";

export { ADR_LENSES, DEFAULT_ADR_TEMPLATE, type Lens };

// ---------------------------------------------------------------- identifiers (seed 003 Tier 1 "Element ID format")

/** True for an ADR element ID `ADR.NN.SS.xxxx`: two-digit numbers, four lower-case hex digits (seed 003). */
export function isAdrElementId(id: string): boolean {
  return /^ADR\.\d{2}\.\d{2}\.[0-9a-f]{4}$/.test(id);
}

/** True for an ADR document reference `ADR-NN` (two digits; seed 003 "document refs use dash ADR-NN"). */
export function isAdrDocumentRef(ref: string): boolean {
  return /^ADR-\d{2}$/.test(ref);
}

// ---------------------------------------------------------------- parsing

export type AdrSection = { title: string; line: number; hasContent: boolean };
export type AdrHeading = { depth: number; title: string; line: number };
export type ParsedAdr = {
  /** Parsed frontmatter mapping, or null when there is none or it is not a YAML mapping. */
  frontmatter: Record<string, unknown> | null;
  /** YAML error message when the frontmatter block does not parse, else null. */
  frontmatterError: string | null;
  /** Every heading, any depth, with its 1-based line in the whole file (fenced code excluded). */
  headings: AdrHeading[];
  /** The `##` sections in order, each with whether it has content (see `parseAdr`). */
  sections: AdrSection[];
};

const FRONTMATTER = /^\uFEFF?---[ \t]*\n([\s\S]*?)\n---[ \t]*(?:\n|$)/;

const normaliseNewlines = (s: string) => s.replace(/\r\n?/g, "\n");
const lineAt = (text: string, offset: number) => text.slice(0, offset).split("\n").length;

/** Heading text as compared: no leading numbering ("3.", "3.2", "§3"), no emphasis, lower case, single spaces, no trailing colon. */
export function normaliseHeading(title: string): string {
  return title
    .replace(/[*_`]/g, "")
    .replace(/^\s*(?:§\s*)?\d+(?:\.\d+)*\.?\s+/, "")
    .replace(/:\s*$/, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

const PLACEHOLDER = /^\s*\[?\s*(?:tbd|todo|to be (?:determined|defined|completed)|n\/a|\.\.\.|…|placeholder)\s*\]?\.?\s*$/i;

function isContentToken(t: Token): boolean {
  if (t.type === "space" || t.type === "hr" || t.type === "heading" || t.type === "def") return false;
  if (t.type === "html") return !/^\s*(?:<!--[\s\S]*?-->\s*)+$/.test(t.raw);
  if (t.type === "paragraph" || t.type === "text") return !PLACEHOLDER.test(t.raw);
  return true;
}

/**
 * Parses an ADR: YAML frontmatter between `---` lines at the very top (the `yaml` package), then
 * the Markdown body (the `marked` lexer, so headings inside fenced code do not count). A `##`
 * section runs to the next `#` or `##` heading; it has content when it holds anything but blank
 * lines, rules, sub-headings, link definitions, HTML comments or a lone placeholder (TBD, TODO,
 * N/A, "…"). Never throws; a frontmatter that does not parse is reported in frontmatterError.
 */
export function parseAdr(markdown: string): ParsedAdr {
  const text = normaliseNewlines(markdown);
  const fm = FRONTMATTER.exec(text);
  let frontmatter: Record<string, unknown> | null = null;
  let frontmatterError: string | null = null;
  if (fm) {
    const doc = parseDocument(fm[1]);
    if (doc.errors.length) frontmatterError = doc.errors[0].message;
    else {
      const value: unknown = doc.toJS();
      if (value && typeof value === "object" && !Array.isArray(value)) frontmatter = value as Record<string, unknown>;
      else if (value != null) frontmatterError = "the frontmatter is not a YAML mapping";
    }
  }
  const bodyStart = fm ? fm[0].length : 0;
  const body = text.slice(bodyStart);
  const tokens = lexer(body);
  const headings: AdrHeading[] = [];
  const sections: AdrSection[] = [];
  let pos = 0;
  let open: AdrSection | null = null;
  for (const t of tokens) {
    const at = body.indexOf(t.raw, pos);
    if (at >= 0) pos = at + t.raw.length;
    if (t.type === "heading") {
      const line = lineAt(text, bodyStart + Math.max(at, 0));
      headings.push({ depth: t.depth, title: t.text, line });
      if (t.depth <= 2) {
        open = t.depth === 2 ? { title: t.text, line, hasContent: false } : null;
        if (open) sections.push(open);
        continue;
      }
    }
    if (open && isContentToken(t)) open.hasContent = true;
  }
  return { frontmatter, frontmatterError, headings, sections };
}

// ---------------------------------------------------------------- structural checks

export type FixClass = "auto_fixable" | "manual_required" | "blocked";
export type StructuralFinding = {
  source: "structural";
  /** Stable code (see STRUCTURAL_CODES). */
  code: string;
  /** 1 = blocking (error), 2 = advisory (warning) (seed 003 "Tier 1 — blocking", "Tier 2 — advisory"). */
  tier: 1 | 2;
  severity: "error" | "warning";
  message: string;
  /** 1-based line in the file, when known. */
  line: number | null;
  section: string | null;
  fix: FixClass;
};

/** Every structural code with its tier and fix class; the codes are stable (stored, shown in reports). */
export const STRUCTURAL_CODES = {
  "STRUCT-ID001": { tier: 1, fix: "manual_required", what: "element ID not in the form ADR.NN.SS.xxxx" },
  "STRUCT-ID002": { tier: 1, fix: "auto_fixable", what: "document reference not in the form ADR-NN" },
  "STRUCT-DEC001": { tier: 1, fix: "manual_required", what: "no decision section" },
  "STRUCT-DEC002": { tier: 1, fix: "manual_required", what: "more than one decision" },
  "STRUCT-DEC003": { tier: 1, fix: "manual_required", what: "decision section empty" },
  "STRUCT-SEC001": { tier: 1, fix: "manual_required", what: "required section missing" },
  "STRUCT-SEC002": { tier: 1, fix: "manual_required", what: "required section empty" },
  "STRUCT-TAG001": { tier: 1, fix: "manual_required", what: "cumulative tag missing" },
  "STRUCT-TAG002": { tier: 1, fix: "manual_required", what: "cumulative tag malformed" },
  "VALID-M000": { tier: 2, fix: "manual_required", what: "frontmatter missing or unreadable" },
  "VALID-M001": { tier: 2, fix: "manual_required", what: "missing deliverable_type" },
  "VALID-M002": { tier: 2, fix: "manual_required", what: "invalid metadata value" },
  "VALID-M003": { tier: 2, fix: "auto_fixable", what: "document_type not adr-document" },
  "VALID-M004": { tier: 2, fix: "manual_required", what: "invalid status" },
} as const satisfies Record<string, { tier: 1 | 2; fix: FixClass; what: string }>;
export type StructuralCode = keyof typeof STRUCTURAL_CODES;

const finding = (code: StructuralCode, message: string, line: number | null = null, section: string | null = null): StructuralFinding => {
  const { tier, fix } = STRUCTURAL_CODES[code];
  return { source: "structural", code, tier, severity: tier === 1 ? "error" : "warning", message, line, section, fix };
};

/**
 * Metadata fields, required, with their valid values (seed 003 "Metadata Checks" table). The code
 * used when the field is missing or invalid: the seed names M001 (missing deliverable_type), M003
 * (document_type not adr-document) and M004 (invalid status); every other invalid or missing
 * value is M002 (invalid value).
 */
export const ADR_METADATA_RULES = Object.freeze([
  { field: "document_type", values: ["adr-document"], missing: "VALID-M003", invalid: "VALID-M003" },
  { field: "artifact_type", values: ["ADR"], missing: "VALID-M002", invalid: "VALID-M002" },
  { field: "layer", values: ["5"], missing: "VALID-M002", invalid: "VALID-M002" },
  { field: "status", values: ["Proposed", "Accepted", "Deprecated", "Superseded"], missing: "VALID-M004", invalid: "VALID-M004" },
  { field: "deliverable_type", values: ["code", "document", "ux", "risk", "process"], missing: "VALID-M001", invalid: "VALID-M002" },
] as const satisfies readonly { field: string; values: readonly string[]; missing: StructuralCode; invalid: StructuralCode }[]);

function metadataFindings(parsed: ParsedAdr): StructuralFinding[] {
  const out: StructuralFinding[] = [];
  if (parsed.frontmatterError) out.push(finding("VALID-M000", `frontmatter does not parse: ${parsed.frontmatterError}`, 1));
  else if (!parsed.frontmatter) out.push(finding("VALID-M000", "no YAML frontmatter", 1));
  const meta = parsed.frontmatter ?? {};
  for (const rule of ADR_METADATA_RULES) {
    const v = meta[rule.field];
    if (v === undefined || v === null || v === "") out.push(finding(rule.missing, `metadata ${rule.field} is missing (one of: ${rule.values.join(", ")})`, 1, "frontmatter"));
    else if (!(rule.values as readonly string[]).includes(String(v))) {
      out.push(finding(rule.invalid, `metadata ${rule.field} is "${String(v)}", not one of: ${rule.values.join(", ")}`, 1, "frontmatter"));
    }
  }
  return out;
}

function idFindings(text: string): StructuralFinding[] {
  const out: StructuralFinding[] = [];
  for (const m of text.matchAll(/(?<![A-Za-z0-9_.])ADR\.[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*/g)) {
    if (!isAdrElementId(m[0])) out.push(finding("STRUCT-ID001", `element ID "${m[0]}" is not in the form ADR.NN.SS.xxxx (two-digit numbers, four lower-case hex digits)`, lineAt(text, m.index)));
  }
  for (const m of text.matchAll(/(?<![A-Za-z0-9_.])ADR-(\d+)(?![\d])/g)) {
    if (m[1].length !== 2) out.push(finding("STRUCT-ID002", `document reference "${m[0]}" is not in the form ADR-NN (two digits)`, lineAt(text, m.index)));
  }
  return out;
}

/**
 * Whether a heading names a decision: its normalised text is "decision", "decision N"/"decision
 * #N", or "decision" followed by a colon, or a spaced dash, and a title ("Decision: use
 * PostgreSQL", "Decision — use PostgreSQL"). "Decision Drivers", "Decision Outcome" or
 * "Decision-making" are not decision headings.
 */
export function isDecisionHeading(title: string): boolean {
  return /^decision(?:\s*#?\d+|\s*:\s*\S.*|\s+[—–-]\s+\S.*)?$/.test(normaliseHeading(title));
}

function decisionFindings(parsed: ParsedAdr): StructuralFinding[] {
  const decisions = parsed.headings.filter((h) => isDecisionHeading(h.title));
  if (decisions.length === 0) return [finding("STRUCT-DEC001", 'no decision: the ADR must have one "## Decision" section', null, "Decision")];
  if (decisions.length > 1) {
    return [finding("STRUCT-DEC002", `${decisions.length} decision headings (lines ${decisions.map((d) => d.line).join(", ")}): an ADR records exactly one decision`, decisions[1].line, "Decision")];
  }
  const section = parsed.sections.find((s) => s.line === decisions[0].line);
  if (!section) return [finding("STRUCT-DEC001", `the decision heading on line ${decisions[0].line} must be a "##" section`, decisions[0].line, "Decision")];
  if (!section.hasContent) return [finding("STRUCT-DEC003", "the Decision section is empty", section.line, section.title)];
  return [];
}

function sectionFindings(parsed: ParsedAdr, required: readonly string[]): StructuralFinding[] {
  const out: StructuralFinding[] = [];
  for (const name of required) {
    if (isDecisionHeading(name)) continue; // the decision checks cover it
    const matches = parsed.sections.filter((s) => normaliseHeading(s.title) === normaliseHeading(name));
    if (matches.length === 0) out.push(finding("STRUCT-SEC001", `required section "## ${name}" is missing`, null, name));
    else if (!matches.some((s) => s.hasContent)) out.push(finding("STRUCT-SEC002", `required section "## ${name}" is empty`, matches[0].line, name));
  }
  return out;
}

function tagFindings(text: string, tags: readonly string[]): StructuralFinding[] {
  const out: StructuralFinding[] = [];
  for (const tag of tags) {
    const prefix = tag.toUpperCase();
    const idPattern = new RegExp(`^${prefix}\\.\\d{2}\\.\\d{2}\\.[0-9a-f]{4}$`);
    const uses = [...text.matchAll(new RegExp(`(?<![\\w@])@${tag}\\b([^\\n|\`]*)`, "g"))];
    if (uses.length === 0) {
      out.push(finding("STRUCT-TAG001", `cumulative tag @${tag} is missing (e.g. "@${tag}: ${prefix}.01.01.0a1b")`, null, "Traceability"));
      continue;
    }
    for (const m of uses) {
      const rest = m[1];
      const value = /^\s*:/.test(rest) ? rest.replace(/^\s*:/, "").trim() : null;
      const ids = value ? value.split(/[\s,;]+/).filter(Boolean) : [];
      const bad = ids.filter((id) => !idPattern.test(id));
      if (value === null || ids.length === 0 || bad.length) {
        const what = value === null ? "has no colon and value" : ids.length === 0 ? "has no value" : `has malformed ID${bad.length > 1 ? "s" : ""} ${bad.map((b) => `"${b}"`).join(", ")}`;
        out.push(finding("STRUCT-TAG002", `@${tag} ${what}; expected "@${tag}: ${prefix}.NN.SS.xxxx"`, lineAt(text, m.index), null));
      }
    }
  }
  return out;
}

export type StructuralResult = { findings: StructuralFinding[]; status: "PASS" | "FAIL"; parsed: ParsedAdr };

/**
 * Runs every structural check (seed 003 "Structural Checklist"), deterministically, in this order:
 * metadata (Tier 2: VALID-M000…M004), element IDs and document references (STRUCT-ID001/002: every
 * `ADR.`-prefixed token must be an element ID, every `ADR-<digits>` a two-digit reference), single
 * decision (STRUCT-DEC001/002/003, see `isDecisionHeading`), required sections present and
 * non-empty (STRUCT-SEC001/002, config.requiredSections), cumulative tags (STRUCT-TAG001/002,
 * config.requiredTags; every use must read `@tag: TAG.NN.SS.xxxx[, …]`).
 * status is FAIL when any Tier-1 finding exists (Tier 2 is advisory and does not fail).
 * The content quality gate (score ≥ threshold) is `combinedStatus`'s job. Never throws.
 */
export function runStructuralChecks(markdown: string, config: AdrConfig = DEFAULT_ADR_CONFIG): StructuralResult {
  const text = normaliseNewlines(markdown);
  const parsed = parseAdr(text);
  const findings = [
    ...metadataFindings(parsed),
    ...idFindings(text),
    ...decisionFindings(parsed),
    ...sectionFindings(parsed, config.requiredSections),
    ...tagFindings(text, config.requiredTags),
  ];
  return { findings, status: findings.some((f) => f.tier === 1) ? "FAIL" : "PASS", parsed };
}

// ---------------------------------------------------------------- self-claimed scores (seed 003 "Do NOT echo the ADR's self-claimed SPEC-Ready score")

export type ScoreClaim = { field: string; value: string; location: "frontmatter" | "body"; line: number };

/** A field named like a score: *_ready_score, *_score (also with hyphens or spaces: "SPEC-Ready Score"), readiness_score, audit_score. */
export function isScoreField(name: string): boolean {
  return /^[a-z][a-z0-9]*(?:[ _-][a-z0-9]+){0,4}[ _-]score$/i.test(name.trim());
}

const KEY = String.raw`([A-Za-z][A-Za-z0-9]*(?:[ _-][A-Za-z0-9]+){0,4}[ _-][Ss][Cc][Oo][Rr][Ee])`;
const FIELD_LINE = new RegExp(String.raw`^\s*(?:[-*+]\s+)?[*_\x60]*${KEY}[*_\x60]*\s*[:=]\s*[*_\x60]*\s*(.*?)\s*[*_\x60]*\s*$`);
const TABLE_ROW = new RegExp(String.raw`^\s*\|\s*[*_\x60]*${KEY}[*_\x60]*\s*\|\s*([^|]*?)\s*\|`);

/**
 * Removes self-claimed scores before content review (seed 003; issue 13 "stripped from what
 * reviewers see"): frontmatter keys (at any depth) named like a score (`isScoreField`), removed with
 * the `yaml` Document API (comments and order kept); body lines that are a score field
 * (`spec_ready_score: 92`, `- **SPEC-Ready Score:** 92/100`) or a two-column table row whose first
 * cell is a score field. Fenced code blocks are left alone. When the frontmatter does not parse,
 * its score lines are removed line by line instead.
 * @returns the stripped Markdown and every claim (field, raw value, where, 1-based line).
 */
export function stripSelfClaimedScores(markdown: string): { stripped: string; claims: ScoreClaim[] } {
  const text = normaliseNewlines(markdown);
  const claims: ScoreClaim[] = [];
  const fm = FRONTMATTER.exec(text);
  let head = "";
  let bodyStart = 0;
  if (fm) {
    bodyStart = fm[0].length;
    const doc = parseDocument(fm[1]);
    const lines = fm[1].split("\n");
    if (doc.errors.length === 0 && doc.contents) {
      visit(doc, {
        Pair(_, pair) {
          const key = isScalar(pair.key) ? String(pair.key.value) : null;
          if (key && isScoreField(key)) {
            const offset = isScalar(pair.key) && pair.key.range ? pair.key.range[0] : 0;
            const value = isScalar(pair.value) ? String(pair.value.value) : JSON.stringify((pair.value as { toJSON?: () => unknown })?.toJSON?.() ?? null);
            claims.push({ field: key, value, location: "frontmatter", line: 1 + lineAt(fm[1], offset) });
            return visit.REMOVE;
          }
        },
      });
      const yamlText = claims.length ? String(doc) : fm[1] + "\n";
      head = `---\n${yamlText.endsWith("\n") ? yamlText : yamlText + "\n"}---\n`;
    } else {
      const kept = lines.filter((l, i) => {
        const m = /^\s*([^:#]+?)\s*:\s*(.*?)\s*$/.exec(l);
        if (m && isScoreField(m[1])) {
          claims.push({ field: m[1], value: m[2], location: "frontmatter", line: i + 2 });
          return false;
        }
        return true;
      });
      head = `---\n${kept.join("\n")}\n---\n`;
    }
    if (claims.length === 0) head = fm[0];
  }
  const bodyLines = text.slice(bodyStart).split("\n");
  const firstBodyLine = lineAt(text, bodyStart);
  let fence: string | null = null;
  const kept = bodyLines.filter((l, i) => {
    const f = /^\s*(`{3,}|~{3,})/.exec(l);
    if (f) {
      if (fence === null) fence = f[1][0];
      else if (f[1][0] === fence) fence = null;
      return true;
    }
    if (fence) return true;
    const m = TABLE_ROW.exec(l) ?? FIELD_LINE.exec(l);
    if (m) {
      claims.push({ field: m[1].trim(), value: m[2].trim(), location: "body", line: firstBodyLine + i });
      return false;
    }
    return true;
  });
  return { stripped: head + kept.join("\n"), claims };
}

/**
 * A claimed score's value on the 0–100 scale: "92" → 92, "92/100" → 92, "9.2/10" → 92, "92%" → 92;
 * null when it is not a number in range ("high", "", "120/100").
 */
export function claimedScoreValue(value: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:(%)|\/\s*(\d+(?:\.\d+)?))?\s*$/.exec(value);
  if (!m) return null;
  const n = Number(m[1]);
  const scaled = m[3] ? (n / Number(m[3])) * 100 : n;
  return Number.isFinite(scaled) && scaled >= 0 && scaled <= 100 ? scaled : null;
}

export type ClaimComparison = ScoreClaim & { claimed: number | null; computed: number | null; differs: boolean };

/**
 * Claimed versus computed (issue 13 "shown afterwards next to the computed score, flagged when they
 * differ"): differs when the claim is not a readable score, no score was computed, or they are more
 * than config.claimTolerance points apart.
 */
export function compareClaims(claims: readonly ScoreClaim[], computed: number | null, config: AdrConfig = DEFAULT_ADR_CONFIG): ClaimComparison[] {
  return claims.map((c) => {
    const claimed = claimedScoreValue(c.value);
    const differs = claimed == null || computed == null || Math.abs(claimed - computed) > config.claimTolerance + 1e-9;
    return { ...c, claimed, computed, differs };
  });
}

// ---------------------------------------------------------------- content review (seed 003 "team mode")

export type LensScores = Partial<Record<Lens, number>>;

function checkLensScores(lensScores: LensScores): [Lens, number][] {
  const entries = Object.entries(lensScores).filter(([, v]) => v !== undefined) as [string, number][];
  for (const [lens, score] of entries) {
    if (!(ADR_LENSES as readonly string[]).includes(lens)) throw new RangeError(`unknown lens "${lens}"`);
    if (typeof score !== "number" || !Number.isFinite(score) || score < 0 || score > 100) throw new RangeError(`${lens} score must be a number from 0 to 100, not ${score}`);
  }
  return entries as [Lens, number][];
}

/**
 * Content score (issue 13; seed 003 REVIEW_CREWS weights): the weighted mean of the lens scores
 * that returned, Σ weight × score / Σ weight over those lenses, on 0–100. A lens with weight 0 does
 * not count. null when no weighted lens returned.
 * @throws RangeError for an unknown lens or a score outside 0–100 or not finite.
 */
export function contentScore(lensScores: LensScores, config: AdrConfig = DEFAULT_ADR_CONFIG): number | null {
  const entries = checkLensScores(lensScores);
  const weight = entries.reduce((s, [l]) => s + config.lensWeights[l], 0);
  if (weight === 0) return null;
  return entries.reduce((s, [l, v]) => s + config.lensWeights[l] * v, 0) / weight;
}

export type Coverage = { returnedWeight: number; missingLenses: Lens[]; missingRequiredLenses: Lens[]; quorumMet: boolean };

/**
 * Coverage quorum (seed 003 "Quorum & coverage"): returnedWeight = Σ weights of the lenses that
 * returned (percent); quorumMet when returnedWeight ≥ config.quorum.minReturnedWeight (default 70)
 * AND every config.quorum.requiredLenses lens returned (default: architect). See config.ts for why.
 * @throws RangeError as `contentScore`.
 */
export function coverage(lensScores: LensScores, config: AdrConfig = DEFAULT_ADR_CONFIG): Coverage {
  const returned = new Set(checkLensScores(lensScores).map(([l]) => l));
  const returnedWeight = [...returned].reduce((s, l) => s + config.lensWeights[l], 0);
  const missingLenses = ADR_LENSES.filter((l) => !returned.has(l));
  const missingRequiredLenses = config.quorum.requiredLenses.filter((l) => !returned.has(l));
  return { returnedWeight, missingLenses, missingRequiredLenses, quorumMet: returnedWeight + 1e-9 >= config.quorum.minReturnedWeight && missingRequiredLenses.length === 0 };
}

/**
 * A lens reviewer's finding: the common finding plus its lens, the playbook check it cites (seed
 * 003: "The lens MUST cite which playbook check fired … check: "C1" or
 * "beyond-checklist:<principle-tag>"; the synthesizer discards uncited findings"; the seed's
 * sub-checks are named A1, A2, A3, BA1, SE1) and whether it blocks the gate.
 */
export const lensFindingSchema = findingSchema.extend({
  lens: z.enum(ADR_LENSES, { error: `lens must be one of ${ADR_LENSES.join(", ")}` }),
  check: z.string({ error: "check is required" }).trim().regex(/^(?:[A-Z]{1,3}\d+|beyond-checklist:[a-z0-9][a-z0-9-]*)$/, 'check must cite a playbook check, e.g. "C1", "SE1" or "beyond-checklist:least-privilege"'),
  blocking: z.boolean().default(false),
});
export type LensFinding = z.output<typeof lensFindingSchema>;

/** Blocking findings that still stand (not RESOLVED): the `blockingFindings` count for `combinedStatus`. */
export function countBlocking(findings: readonly Pick<LensFinding, "blocking" | "status">[]): number {
  return standingFindings(findings).filter((f) => f.blocking).length;
}

export type CombinedStatus = "PASS" | "FAIL" | "LOW_CONFIDENCE";
export type CombinedInput = {
  structuralFindings: readonly Pick<StructuralFinding, "tier" | "code">[];
  contentScore: number | null;
  /** 0–100; default config.threshold (90). */
  threshold?: number;
  blockingFindings: number;
  quorumMet: boolean;
};

/**
 * Combined status (seed 003 "Combined status: PASS only if all Tier 1 pass and content score ≥
 * threshold and no blocking issues; otherwise FAIL"; "if quorum_met == false … low-confidence →
 * human review — never a silent pass"), first match wins:
 * 1. FAIL when a Tier-1 structural check failed or a blocking finding stands (these do not depend
 *    on the missing lenses, so they stay a definite FAIL);
 * 2. LOW_CONFIDENCE when the quorum is not met or no content score exists (human review);
 * 3. FAIL when the content score is below the threshold;
 * 4. PASS.
 * @returns the status and one plain reason per failed condition (empty for PASS).
 * @throws RangeError when threshold or contentScore is outside 0–100, or blockingFindings is not a whole number ≥ 0.
 */
export function combinedStatus(input: CombinedInput, config: AdrConfig = DEFAULT_ADR_CONFIG): { status: CombinedStatus; reasons: string[] } {
  const threshold = input.threshold ?? config.threshold;
  if (!(threshold >= 0 && threshold <= 100)) throw new RangeError("threshold must be from 0 to 100");
  if (input.contentScore != null && !(input.contentScore >= 0 && input.contentScore <= 100)) throw new RangeError("contentScore must be from 0 to 100");
  if (!Number.isInteger(input.blockingFindings) || input.blockingFindings < 0) throw new RangeError("blockingFindings must be a whole number ≥ 0");
  const tier1 = input.structuralFindings.filter((f) => f.tier === 1);
  const hard: string[] = [];
  if (tier1.length) hard.push(`${tier1.length} Tier-1 structural check${tier1.length > 1 ? "s" : ""} failed (${[...new Set(tier1.map((f) => f.code))].join(", ")})`);
  if (input.blockingFindings) hard.push(`${input.blockingFindings} blocking finding${input.blockingFindings > 1 ? "s" : ""}`);
  const scoreLow = input.contentScore != null && input.contentScore < threshold;
  const scoreReason = `content score ${input.contentScore?.toFixed(1)} is below the threshold ${threshold}`;
  if (hard.length) return { status: "FAIL", reasons: scoreLow ? [...hard, scoreReason] : hard };
  if (!input.quorumMet || input.contentScore == null) {
    return { status: "LOW_CONFIDENCE", reasons: [input.contentScore == null ? "no lens returned a score" : "the coverage quorum is not met: human review required"] };
  }
  if (scoreLow) return { status: "FAIL", reasons: [scoreReason] };
  return { status: "PASS", reasons: [] };
}

/**
 * Threshold in force (seed 003 "Adaptation": "use the project's quality-gate score only when it is
 * >= the framework default; ignore any lower value"): max(project, default).
 */
export function effectiveThreshold(projectThreshold: number | null | undefined, config: AdrConfig = DEFAULT_ADR_CONFIG): number {
  return projectThreshold != null && Number.isFinite(projectThreshold) && projectThreshold <= 100 ? Math.max(projectThreshold, config.threshold) : config.threshold;
}

// ---------------------------------------------------------------- report names and versions

/**
 * Audit report file name (seed 003 "Output: ADR-NN.A_audit_report_vNNN.md"): ADR number as two
 * digits, version as three: `adrReportFileName(1, 2)` → `ADR-01.A_audit_report_v002.md`.
 * @throws RangeError unless adrNumber is a whole number 1–99 and version 1–999.
 */
export function adrReportFileName(adrNumber: number, version: number): string {
  if (!Number.isInteger(adrNumber) || adrNumber < 1 || adrNumber > 99) throw new RangeError("adrNumber must be a whole number from 1 to 99");
  if (!Number.isInteger(version) || version < 1 || version > 999) throw new RangeError("version must be a whole number from 1 to 999");
  return `ADR-${String(adrNumber).padStart(2, "0")}.A_audit_report_v${String(version).padStart(3, "0")}.md`;
}

/**
 * Next report version for an ADR and the reports it supersedes (seed 003 "Report cleanup: after
 * writing the new report, delete superseded ADR-NN.A_audit_report_v*.md; keep
 * ADR-NN.F_fix_report_v*.md"; issue 13: superseded versions are kept in history, so the caller
 * marks them superseded instead of deleting). Names that are not this ADR's audit reports
 * (fix reports, other ADRs) are ignored.
 */
export function nextReportVersion(existingFileNames: readonly string[], adrNumber: number): { version: number; fileName: string; supersedes: string[] } {
  const prefix = `ADR-${String(adrNumber).padStart(2, "0")}.A_audit_report_v`;
  const mine = existingFileNames.filter((n) => n.startsWith(prefix) && /^\d{3}\.md$/.test(n.slice(prefix.length)));
  const version = mine.reduce((max, n) => Math.max(max, Number(n.slice(prefix.length, prefix.length + 3))), 0) + 1;
  return { version, fileName: adrReportFileName(adrNumber, version), supersedes: [...mine].sort() };
}
