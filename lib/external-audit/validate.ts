import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { AUDIT_OUTPUT_SCHEMA, BRANCH_DEFS, type Branch } from "./schema";
import {
  AUDITOR_ROLES,
  CATEGORIES,
  OUTPUT_ROLES,
  RECONCILED_STATUSES,
  type AuditorOutput,
  type CalibratorOutput,
  type DocumentError,
  type OutputRole,
} from "./types";

/*
 * Validation of a pasted auditor or calibrator output (seed 002 "Schema design", issue 12 step 2
 * and step 5): JSON syntax, the published JSON Schema (oneOf-aware), then what a schema cannot
 * say. Coverage of the auditor findings by the calibrator needs both auditor outputs and lives in
 * reconcile.ts.
 */

type Validators = { full: ValidateFunction; branch: Record<Branch, ValidateFunction> };
let validators: Validators | null = null;

function getValidators(): Validators {
  if (validators) return validators;
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  ajv.addSchema(AUDIT_OUTPUT_SCHEMA);
  const id = AUDIT_OUTPUT_SCHEMA.$id as string;
  const get = (pointer: string) => {
    const fn = ajv.getSchema(`${id}${pointer}`);
    if (!fn) throw new Error(`audit-output schema: ${pointer} not found`);
    return fn;
  };
  validators = { full: get(""), branch: { auditor: get(`#/$defs/${BRANCH_DEFS.auditor}`), calibrator: get(`#/$defs/${BRANCH_DEFS.calibrator}`) } };
  return validators;
}

const where = (path: string) => path || "the document";
const quote = (v: unknown) => JSON.stringify(v);

/** Friendlier words for the schema's patterns than the regular expression itself. */
const PATTERN_WORDS: Record<string, string> = {
  "^[a-z0-9]+(?:-[a-z0-9]+)*-\\d{4}-\\d{2}-\\d{2}$": "an audit slug like project-name-YYYY-MM-DD",
  "^[A-Za-z0-9._-]{1,40}$": "1 to 40 letters, digits, dots, underscores or hyphens",
};

const TYPE_WORDS: Record<string, string> = { string: "a string", integer: "a whole number", number: "a number", object: "an object", array: "a list", boolean: "true or false", null: "null" };

/** One ajv error in plain words, with the JSON pointer it is about. */
function plain(e: ErrorObject): DocumentError {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "required": {
      const path = `${e.instancePath}/${String(p.missingProperty)}`;
      return { path, message: `${path} is required` };
    }
    case "additionalProperties": {
      const path = `${e.instancePath}/${String(p.additionalProperty)}`;
      return { path, message: `${path} is not an allowed field` };
    }
    case "enum":
      return { path: e.instancePath, message: `${where(e.instancePath)} must be one of ${(p.allowedValues as unknown[]).join(", ")}` };
    case "const":
      return { path: e.instancePath, message: `${where(e.instancePath)} must be ${quote(p.allowedValue)}` };
    case "type":
      return { path: e.instancePath, message: `${where(e.instancePath)} must be ${String(p.type).split(",").map((t) => TYPE_WORDS[t] ?? t).join(" or ")}` };
    case "pattern": {
      const words = PATTERN_WORDS[String(p.pattern)] ?? `text matching ${String(p.pattern)}`;
      return { path: e.instancePath, message: `${where(e.instancePath)} must be ${words}` };
    }
    case "minLength":
      return { path: e.instancePath, message: p.limit === 1 ? `${where(e.instancePath)} must not be empty` : `${where(e.instancePath)} must have at least ${String(p.limit)} characters` };
    case "minItems":
      return { path: e.instancePath, message: `${where(e.instancePath)} must have at least ${String(p.limit)} item${p.limit === 1 ? "" : "s"}` };
    case "minimum":
      return { path: e.instancePath, message: `${where(e.instancePath)} must be at least ${String(p.limit)}` };
    default:
      return { path: e.instancePath, message: `${where(e.instancePath)} ${e.message ?? "is not valid"}` };
  }
}

function dedupe(errors: DocumentError[]): DocumentError[] {
  const seen = new Set<string>();
  return errors.filter((e) => (seen.has(e.message) ? false : (seen.add(e.message), true)));
}

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** Whether `text` could still become valid JSON: it parses, or fails only because it ends too early. */
function viablePrefix(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch (err) {
    const message = err instanceof Error ? err.message : "";
    if (message.startsWith("Unexpected end of JSON input")) return true;
    const at = /at position (\d+)/.exec(message);
    return at !== null && Number(at[1]) >= text.length;
  }
}

/**
 * Offset of the first character that makes `text` invalid JSON, for V8 messages that give no
 * position ("Unexpected token 'h', "hello" is not valid JSON"): binary search for the shortest
 * prefix that is no longer viable (a prefix that is not viable stays so when extended).
 */
function errorOffset(text: string): number {
  let lo = 0;
  let hi = text.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (viablePrefix(text.slice(0, mid + 1))) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** JSON.parse with the error located by line and column instead of a character offset. */
function parseJson(pasted: string): { ok: true; value: unknown } | { ok: false; error: DocumentError } {
  const text = pasted.replace(/^\uFEFF/, "");
  if (/^\s*```/.test(text)) {
    return { ok: false, error: { path: "", message: "Not valid JSON: remove the Markdown code fence (```) around the JSON and paste the JSON document alone" } };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    const raw = err instanceof Error ? err.message : String(err);
    const lc = /\(line (\d+) column (\d+)\)/.exec(raw);
    const at = /at position (\d+)/.exec(raw);
    const offset = at ? Number(at[1]) : raw.startsWith("Unexpected end of JSON input") ? text.length : errorOffset(text);
    const pos = lc ? { line: Number(lc[1]), column: Number(lc[2]) } : lineColumn(text, offset);
    const reason = raw.replace(/\s*(in JSON )?at position \d+.*$/s, "").replace(/\s*\(line \d+ column \d+\)/, "").replace(/,\s*(?:\.\.\.)?".*is not valid JSON$/s, "");
    return { ok: false, error: { path: "", message: `Not valid JSON: line ${pos.line}, column ${pos.column}: ${reason}` } };
  }
}

/** Ids that occur more than once in a list, reported at each repeat. */
function duplicateIds(items: { id: string }[], listPath: string): DocumentError[] {
  const first = new Map<string, number>();
  const errors: DocumentError[] = [];
  items.forEach((item, i) => {
    const seen = first.get(item.id);
    if (seen === undefined) first.set(item.id, i);
    else errors.push({ path: `${listPath}/${i}/id`, message: `${listPath}/${i}/id ${quote(item.id)} is already used by ${listPath}/${seen}` });
  });
  return errors;
}

/** Each declared count against the number of list items with that value. */
function countMismatches<K extends string>(keys: readonly K[], declared: Record<K, number>, actual: (key: K) => number, countsPath: string, listPath: string): DocumentError[] {
  return keys.flatMap((key) => {
    const n = actual(key);
    if (declared[key] === n) return [];
    const path = `${countsPath}/${key}`;
    return [{ path, message: `${path} is ${declared[key]} but ${listPath} has ${n} ${key} finding${n === 1 ? "" : "s"}` }];
  });
}

/** What the schema cannot check about one output, given it passed the schema. */
function crossChecks(output: AuditorOutput | CalibratorOutput, expected: { slug: string; promptPath: string }): DocumentError[] {
  const errors: DocumentError[] = [];
  if (output.charter_id !== expected.slug) {
    errors.push({ path: "/charter_id", message: `/charter_id is ${quote(output.charter_id)} but this audit is ${quote(expected.slug)}` });
  }
  if (output.prompt_used !== expected.promptPath) {
    errors.push({ path: "/prompt_used", message: `/prompt_used is ${quote(output.prompt_used)} but the prepared prompt is ${quote(expected.promptPath)}` });
  }
  if (output.audit_role === "calibrator") {
    const list = output.reconciled_findings;
    errors.push(...duplicateIds(list, "/reconciled_findings"));
    errors.push(...countMismatches(RECONCILED_STATUSES, output.findings_by_status, (s) => list.filter((f) => f.status === s).length, "/findings_by_status", "/reconciled_findings"));
  } else {
    const list = output.findings;
    errors.push(...duplicateIds(list, "/findings"));
    errors.push(...countMismatches(CATEGORIES, output.findings_by_category, (c) => list.filter((f) => f.category === c).length, "/findings_by_category", "/findings"));
  }
  return errors;
}

/**
 * Validates the text an operator pasted as one role's output (issue 12 steps 2 and 5, seed 002
 * "Schema design").
 *
 * In order, stopping at the first stage that fails: (1) JSON syntax, reported with line and
 * column; (2) the published schema public/schemas/audit-output.schema.v0.json (draft 2020-12, ajv):
 * on failure only the errors of the `oneOf` branch the document declares in `audit_role` are
 * reported (auditor-primary and auditor-secondary → the auditor branch, calibrator → the
 * calibrator branch), or only an `/audit_role` error when it declares none of the three; a
 * declared role other than `expected.role` is reported too; (3) cross-checks: the declared role is
 * the expected one, `charter_id` equals the audit slug, `prompt_used` equals the prepared prompt's
 * path, ids are unique, `findings_by_category` / `findings_by_status` equal the lists.
 * The calibrator's coverage of the auditor findings is checked by checkCalibration (reconcile.ts).
 * @param text the pasted text, as is (a leading byte-order mark is ignored).
 * @param expected the role being pasted, the audit slug, and promptPath(slug, role).
 * @returns the typed output, or every error found at the failing stage (never empty).
 */
export function validateAuditOutput(
  text: string,
  expected: { role: OutputRole; slug: string; promptPath: string },
): { ok: true; output: AuditorOutput | CalibratorOutput } | { ok: false; errors: DocumentError[] } {
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, errors: [parsed.error] };
  const doc = parsed.value;
  const declared = doc !== null && typeof doc === "object" && !Array.isArray(doc) ? (doc as Record<string, unknown>).audit_role : undefined;
  const roleErrors: DocumentError[] =
    typeof declared === "string" && OUTPUT_ROLES.includes(declared as OutputRole) && declared !== expected.role
      ? [{ path: "/audit_role", message: `/audit_role is ${quote(declared)} but this is the ${expected.role} output` }]
      : [];
  const { full, branch } = getValidators();
  if (!full(doc)) {
    if (doc === null || typeof doc !== "object" || Array.isArray(doc)) return { ok: false, errors: [{ path: "", message: "the document must be a JSON object" }] };
    if (!OUTPUT_ROLES.includes(declared as OutputRole)) {
      const message = declared === undefined ? "/audit_role is required" : `/audit_role must be one of ${OUTPUT_ROLES.join(", ")}`;
      return { ok: false, errors: [{ path: "/audit_role", message }] };
    }
    const validate = (AUDITOR_ROLES as readonly unknown[]).includes(declared) ? branch.auditor : branch.calibrator;
    validate(doc);
    const errors = (validate.errors ?? full.errors ?? []).map(plain);
    return { ok: false, errors: dedupe([...roleErrors, ...errors]) };
  }
  const output = doc as AuditorOutput | CalibratorOutput;
  const errors = [...roleErrors, ...crossChecks(output, expected)];
  return errors.length ? { ok: false, errors } : { ok: true, output };
}
