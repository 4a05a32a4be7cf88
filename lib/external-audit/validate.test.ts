import { describe, expect, it } from "vitest";
import { FIXTURE_SLUG, fixtureText, type FixtureName } from "./fixtures";
import { promptPath } from "./templates";
import type { OutputRole } from "./types";
import { validateAuditOutput } from "./validate";

const expected = (role: OutputRole, slug = FIXTURE_SLUG) => ({ role, slug, promptPath: promptPath(slug, role) });

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests write wrongly typed values into the pasted JSON on purpose
type AnyJson = Record<string, any>;

/** A fixture, changed by `edit`, as pasted text. */
function edited(name: FixtureName, edit: (doc: AnyJson) => void): string {
  const doc = JSON.parse(fixtureText(name)) as AnyJson;
  edit(doc);
  return JSON.stringify(doc, null, 2);
}

function errorsOf(text: string, role: OutputRole, slug = FIXTURE_SLUG) {
  const r = validateAuditOutput(text, expected(role, slug));
  if (r.ok) throw new Error("expected the output to be invalid");
  return r.errors;
}

describe("validateAuditOutput: valid outputs", () => {
  it.each(["auditor-primary", "auditor-secondary", "calibrator"] as const)("accepts the %s fixture and returns it typed", (role) => {
    const r = validateAuditOutput(fixtureText(role), expected(role));
    expect(r).toEqual({ ok: true, output: JSON.parse(fixtureText(role)) });
  });

  it("accepts a fixture rewritten for another audit slug", () => {
    expect(validateAuditOutput(fixtureText("calibrator", "ledger-fix-2027-01-31"), expected("calibrator", "ledger-fix-2027-01-31")).ok).toBe(true);
  });

  it("accepts an auditor that found nothing", () => {
    const text = edited("auditor-primary", (d) => {
      d.findings = [];
      d.findings_by_category = { hallucination: 0, implementation_gap: 0, real_debt: 0, false_positive: 0 };
    });
    expect(validateAuditOutput(text, expected("auditor-primary")).ok).toBe(true);
  });
});

describe("validateAuditOutput: JSON syntax", () => {
  it("names line and column of a syntax error", () => {
    const text = '{\n  "audit_role": "auditor-primary",\n  "summary": "x",\n}';
    expect(errorsOf(text, "auditor-primary")).toEqual([{ path: "", message: "Not valid JSON: line 4, column 1: Expected double-quoted property name" }]);
  });

  it("locates a truncated paste at its end", () => {
    const text = fixtureText("auditor-primary").slice(0, 120);
    const lines = text.split("\n");
    const [error] = errorsOf(text, "auditor-primary");
    expect(error.message).toMatch(new RegExp(`^Not valid JSON: line ${lines.length}, column ${lines[lines.length - 1].length + 1}: `));
  });

  it("locates errors V8 reports without a position", () => {
    expect(errorsOf('{\n  "audit_role": tru,\n  "x": 1\n}', "auditor-primary")).toEqual([
      { path: "", message: "Not valid JSON: line 2, column 20: Unexpected token ','" },
    ]);
    expect(errorsOf("Here is my audit: {}", "auditor-primary")[0].message).toBe("Not valid JSON: line 1, column 1: Unexpected token 'H'");
  });

  it("reports an empty paste", () => {
    expect(errorsOf("", "auditor-primary")[0].message).toBe("Not valid JSON: line 1, column 1: Unexpected end of JSON input");
  });

  it("explains a Markdown code fence around the JSON", () => {
    expect(errorsOf("```json\n{}\n```", "auditor-primary")[0].message).toMatch(/remove the Markdown code fence/);
  });

  it("ignores a leading byte-order mark (a saved file pasted or uploaded)", () => {
    expect(validateAuditOutput(`\uFEFF${fixtureText("auditor-primary")}`, expected("auditor-primary")).ok).toBe(true);
  });

  it("refuses JSON that is not an object", () => {
    expect(errorsOf("[1, 2]", "auditor-primary")).toEqual([{ path: "", message: "the document must be a JSON object" }]);
  });
});

describe("validateAuditOutput: the oneOf discriminator audit_role", () => {
  it("reports only the auditor branch's errors for a calibrator-shaped document declared auditor-primary", () => {
    const text = edited("calibrator", (d) => {
      d.audit_role = "auditor-primary";
      d.prompt_used = promptPath(FIXTURE_SLUG, "auditor-primary");
    });
    expect(errorsOf(text, "auditor-primary")).toEqual([
      { path: "/findings", message: "/findings is required" },
      { path: "/findings_by_category", message: "/findings_by_category is required" },
      { path: "/auditors_reconciled", message: "/auditors_reconciled is not an allowed field" },
      { path: "/reconciled_findings", message: "/reconciled_findings is not an allowed field" },
      { path: "/findings_by_status", message: "/findings_by_status is not an allowed field" },
    ]);
  });

  it("reports only the calibrator branch's errors for an auditor-shaped document declared calibrator", () => {
    const text = edited("auditor-primary", (d) => {
      d.audit_role = "calibrator";
    });
    const errors = errorsOf(text, "calibrator");
    expect(errors.map((e) => e.path).sort()).toEqual(["/auditors_reconciled", "/findings", "/findings_by_category", "/findings_by_status", "/reconciled_findings"]);
    expect(errors.find((e) => e.path === "/findings")?.message).toBe("/findings is not an allowed field");
    expect(errors.some((e) => /audit_role/.test(e.message))).toBe(false);
  });

  it("reports a missing or unknown audit_role alone", () => {
    expect(errorsOf(edited("auditor-primary", (d) => delete d.audit_role), "auditor-primary")).toEqual([{ path: "/audit_role", message: "/audit_role is required" }]);
    expect(errorsOf(edited("auditor-primary", (d) => (d.audit_role = "auditor")), "auditor-primary")).toEqual([
      { path: "/audit_role", message: "/audit_role must be one of auditor-primary, auditor-secondary, calibrator" },
    ]);
  });

  it("refuses a valid output of another role pasted in this role's place", () => {
    expect(errorsOf(fixtureText("auditor-secondary"), "auditor-primary")).toEqual([
      { path: "/audit_role", message: '/audit_role is "auditor-secondary" but this is the auditor-primary output' },
      {
        path: "/prompt_used",
        message: `/prompt_used is "${promptPath(FIXTURE_SLUG, "auditor-secondary")}" but the prepared prompt is "${promptPath(FIXTURE_SLUG, "auditor-primary")}"`,
      },
    ]);
  });

  it("reports the role mismatch along with the schema errors of the declared branch", () => {
    const errors = errorsOf(fixtureText("invalid-auditor-secondary"), "auditor-primary");
    expect(errors[0]).toEqual({ path: "/audit_role", message: '/audit_role is "auditor-secondary" but this is the auditor-primary output' });
    expect(errors.map((e) => e.path)).toEqual(["/audit_role", "/model/family", "/findings/1/category"]);
  });
});

describe("validateAuditOutput: schema errors in plain words", () => {
  it("lists every problem of the invalid fixture with its JSON path", () => {
    expect(errorsOf(fixtureText("invalid-auditor-secondary"), "auditor-secondary")).toEqual([
      { path: "/model/family", message: "/model/family is required" },
      { path: "/findings/1/category", message: "/findings/1/category must be one of hallucination, implementation_gap, real_debt, false_positive" },
    ]);
  });

  it("checks the charter_id pattern (the audit slug shape)", () => {
    for (const bad of ["CHARTER-01", "invoice-backfill", "Invoice-2026-05-10", "invoice--x-2026-05-10", "invoice-2026-5-10", "2026-05-10"]) {
      expect(errorsOf(edited("auditor-primary", (d) => (d.charter_id = bad)), "auditor-primary")).toEqual([
        { path: "/charter_id", message: "/charter_id must be an audit slug like project-name-YYYY-MM-DD" },
      ]);
    }
  });

  it("requires charter_id to be this audit's slug and prompt_used the prepared prompt's path", () => {
    const text = edited("auditor-primary", (d) => {
      d.charter_id = "other-project-2026-05-10";
      d.prompt_used = "prompts/auditor-primary.md";
    });
    expect(errorsOf(text, "auditor-primary")).toEqual([
      { path: "/charter_id", message: `/charter_id is "other-project-2026-05-10" but this audit is "${FIXTURE_SLUG}"` },
      { path: "/prompt_used", message: `/prompt_used is "prompts/auditor-primary.md" but the prepared prompt is "${promptPath(FIXTURE_SLUG, "auditor-primary")}"` },
    ]);
  });

  it("requires auditors_reconciled to have at least 2 items", () => {
    const text = edited("calibrator", (d) => (d.auditors_reconciled = d.auditors_reconciled.slice(0, 1)));
    expect(errorsOf(text, "calibrator")).toEqual([{ path: "/auditors_reconciled", message: "/auditors_reconciled must have at least 2 items" }]);
  });

  it("words types, consts, patterns, minimums, empty strings and unknown fields", () => {
    const text = edited("auditor-primary", (d) => {
      d.schema_version = "v1";
      d.summary = "";
      d.findings[0].id = "P 1";
      d.findings[1].severity = "blocker";
      d.findings[2].title = 7;
      d.findings_by_category.real_debt = -1;
      d.findings_by_category.bug = 0;
      d.model.name = "";
      d.extra = true;
    });
    expect(errorsOf(text, "auditor-primary")).toEqual(
      expect.arrayContaining([
        { path: "/schema_version", message: '/schema_version must be "v0"' },
        { path: "/summary", message: "/summary must not be empty" },
        { path: "/findings/0/id", message: "/findings/0/id must be 1 to 40 letters, digits, dots, underscores or hyphens" },
        { path: "/findings/1/severity", message: "/findings/1/severity must be one of critical, high, medium, low, info" },
        { path: "/findings/2/title", message: "/findings/2/title must be a string" },
        { path: "/findings_by_category/real_debt", message: "/findings_by_category/real_debt must be at least 0" },
        { path: "/findings_by_category/bug", message: "/findings_by_category/bug is not an allowed field" },
        { path: "/model/name", message: "/model/name must not be empty" },
        { path: "/extra", message: "/extra is not an allowed field" },
      ]),
    );
  });
});

describe("validateAuditOutput: cross-checks", () => {
  it("requires findings_by_category to match the findings", () => {
    const text = edited("auditor-secondary", (d) => {
      d.findings_by_category.real_debt = 1;
      d.findings_by_category.false_positive = 2;
    });
    expect(errorsOf(text, "auditor-secondary")).toEqual([
      { path: "/findings_by_category/real_debt", message: "/findings_by_category/real_debt is 1 but /findings has 2 real_debt findings" },
      { path: "/findings_by_category/false_positive", message: "/findings_by_category/false_positive is 2 but /findings has 0 false_positive findings" },
    ]);
  });

  it("reports both counts when a finding changes category but the counts do not", () => {
    const text = edited("auditor-primary", (d) => (d.findings[0].category = "real_debt"));
    expect(errorsOf(text, "auditor-primary").map((e) => e.path)).toEqual(["/findings_by_category/implementation_gap", "/findings_by_category/real_debt"]);
  });

  it("requires finding ids to be unique", () => {
    const text = edited("auditor-primary", (d) => (d.findings[3].id = "P-1"));
    expect(errorsOf(text, "auditor-primary")).toEqual([{ path: "/findings/3/id", message: '/findings/3/id "P-1" is already used by /findings/0' }]);
  });

  it("requires findings_by_status to match the reconciled findings, and their ids to be unique", () => {
    const text = edited("calibrator", (d) => {
      d.findings_by_status.agreed = 3;
      d.reconciled_findings[5].id = "R-2";
    });
    expect(errorsOf(text, "calibrator")).toEqual([
      { path: "/reconciled_findings/5/id", message: '/reconciled_findings/5/id "R-2" is already used by /reconciled_findings/1' },
      { path: "/findings_by_status/agreed", message: "/findings_by_status/agreed is 3 but /reconciled_findings has 2 agreed findings" },
    ]);
  });
});
