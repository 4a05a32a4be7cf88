import { describe, expect, it } from "vitest";
import { parse, parseDocument } from "yaml";
import { FIXTURE_SLUG, fixtureText } from "./fixtures";
import { externalAuditYaml } from "./telemetry";
import type { AuditorOutput, CalibratorOutput } from "./types";

const primary = JSON.parse(fixtureText("auditor-primary")) as AuditorOutput;
const secondary = JSON.parse(fixtureText("auditor-secondary")) as AuditorOutput;
const calibrator = JSON.parse(fixtureText("calibrator")) as CalibratorOutput;
const finalizedAt = new Date(Date.UTC(2026, 4, 12, 9, 30, 0));

describe("externalAuditYaml", () => {
  it("parses back to one entry per auditor plus the calibrator's statuses and summary", () => {
    const text = externalAuditYaml({ slug: FIXTURE_SLUG, primary, secondary, calibrator, finalizedAt });
    expect(parse(text)).toEqual({
      external_audit: [
        {
          role: "auditor-primary",
          model: { family: "anthropic", name: "claude-sonnet-4-5" },
          prompt_used: `audit/charters/${FIXTURE_SLUG}/prompts/auditor-primary.prompt.md`,
          findings_by_category: { hallucination: 1, implementation_gap: 1, real_debt: 1, false_positive: 1 },
        },
        {
          role: "auditor-secondary",
          model: { family: "openai", name: "gpt-5" },
          prompt_used: `audit/charters/${FIXTURE_SLUG}/prompts/auditor-secondary.prompt.md`,
          findings_by_category: { hallucination: 1, implementation_gap: 2, real_debt: 2, false_positive: 0 },
        },
        {
          role: "calibrator",
          model: { family: "google", name: "gemini-2.5-pro" },
          prompt_used: `audit/charters/${FIXTURE_SLUG}/prompts/calibrator-reconciler.prompt.md`,
          findings_by_status: { agreed: 2, disputed: 1, unique_primary: 1, unique_secondary: 1, rejected: 1 },
          summary: calibrator.summary,
          charter_id: FIXTURE_SLUG,
          finalized_at: "2026-05-12T09:30:00.000Z",
        },
      ],
    });
    expect(text.startsWith(`# external_audit of ${FIXTURE_SLUG}`)).toBe(true);
    expect(text).toMatch(/\nexternal_audit:\n {2}- role: auditor-primary\n/);
  });

  it("records a same-family override with its reason", () => {
    const text = externalAuditYaml({ slug: FIXTURE_SLUG, primary, secondary, calibrator, finalizedAt, override: { reason: "only openai models are approved: see SEC-12" } });
    const entries = (parse(text) as { external_audit: Record<string, unknown>[] }).external_audit;
    expect(entries[2].same_family_override).toEqual({ reason: "only openai models are approved: see SEC-12" });
    expect(entries.slice(0, 2).some((e) => "same_family_override" in e)).toBe(false);
    expect(parse(externalAuditYaml({ slug: FIXTURE_SLUG, primary, secondary, calibrator, finalizedAt, override: null })).external_audit[2]).not.toHaveProperty("same_family_override");
  });

  it("round-trips text YAML would misread: newlines, colons, hashes, quotes, a leading dash, yes/no", () => {
    const summary = "- agreed: 2\n# not a comment\nno\n  indented 'quoted' \"double\" {braces} [list]\n\ntrailing: ";
    const cal = { ...calibrator, summary, model: { family: "yes", name: "1.5" } };
    const text = externalAuditYaml({ slug: FIXTURE_SLUG, primary, secondary, calibrator: cal, finalizedAt, override: { reason: "null" } });
    const doc = parseDocument(text);
    expect(doc.errors).toEqual([]);
    const entry = (doc.toJS() as { external_audit: Record<string, unknown>[] }).external_audit[2];
    expect(entry.summary).toBe(summary);
    expect(entry.model).toEqual({ family: "yes", name: "1.5" });
    expect(entry.same_family_override).toEqual({ reason: "null" });
  });
});
