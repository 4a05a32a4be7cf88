import { describe, expect, it } from "vitest";
import { fixtureText } from "./fixtures";
import { checkCalibration, sameFamily } from "./reconcile";
import type { AuditorOutput, CalibratorOutput } from "./types";

const primary = () => JSON.parse(fixtureText("auditor-primary")) as AuditorOutput;
const secondary = () => JSON.parse(fixtureText("auditor-secondary")) as AuditorOutput;
const calibrator = (edit: (c: CalibratorOutput) => void = () => {}) => {
  const c = JSON.parse(fixtureText("calibrator")) as CalibratorOutput;
  edit(c);
  return c;
};
const check = (edit: (c: CalibratorOutput) => void) => checkCalibration(calibrator(edit), primary(), secondary());

describe("checkCalibration", () => {
  it("accepts the fixture cycle: every auditor finding covered exactly once", () => {
    expect(checkCalibration(calibrator(), primary(), secondary())).toEqual([]);
  });

  it("names every auditor finding left uncovered", () => {
    const errors = check((c) => {
      c.reconciled_findings[0].covers["auditor-primary"] = [];
      c.reconciled_findings[5].covers["auditor-secondary"] = [];
    });
    expect(errors).toEqual([
      { path: "/reconciled_findings/0/covers/auditor-primary", message: "/reconciled_findings/0/covers/auditor-primary is empty: an agreed finding must cover at least one auditor-primary finding" },
      { path: "/reconciled_findings/5/covers", message: "/reconciled_findings/5/covers is empty: a rejected finding must name the auditor findings it rejects" },
      { path: "/reconciled_findings", message: 'auditor-primary finding "P-1" is not covered by any reconciled finding' },
      { path: "/reconciled_findings", message: 'auditor-secondary finding "S-5" is not covered by any reconciled finding' },
    ]);
  });

  it("names a finding covered twice, at the repeat, with where it was first covered", () => {
    const errors = check((c) => c.reconciled_findings[4].covers["auditor-secondary"].push("S-1"));
    expect(errors).toEqual([
      {
        path: "/reconciled_findings/4/covers/auditor-secondary/1",
        message: '/reconciled_findings/4/covers/auditor-secondary/1: auditor-secondary finding "S-1" is covered more than once (also at /reconciled_findings/0/covers/auditor-secondary/0)',
      },
    ]);
  });

  it("names a finding listed twice within one reconciled finding", () => {
    const errors = check((c) => c.reconciled_findings[3].covers["auditor-primary"].push("P-4"));
    expect(errors.map((e) => e.path)).toEqual(["/reconciled_findings/3/covers/auditor-primary/1"]);
  });

  it("names unknown ids, including an id of the other auditor on the wrong side", () => {
    const errors = check((c) => {
      c.reconciled_findings[3].covers["auditor-primary"].push("P-9");
      c.reconciled_findings[4].covers["auditor-secondary"].push("P-1");
    });
    expect(errors).toEqual([
      { path: "/reconciled_findings/3/covers/auditor-primary/1", message: '/reconciled_findings/3/covers/auditor-primary/1 is "P-9", which is not a finding of auditor-primary' },
      { path: "/reconciled_findings/4/covers/auditor-secondary/1", message: '/reconciled_findings/4/covers/auditor-secondary/1 is "P-1", which is not a finding of auditor-secondary' },
    ]);
  });

  it("keeps unique_primary to primary ids", () => {
    const errors = check((c) => {
      c.reconciled_findings.splice(5, 1); // R-6 (rejected, S-5) goes; R-4 (unique_primary, P-4) takes S-5
      c.reconciled_findings[3].covers["auditor-secondary"] = ["S-5"];
    });
    expect(errors).toEqual([
      { path: "/reconciled_findings/3/covers/auditor-secondary", message: "/reconciled_findings/3/covers/auditor-secondary must be empty: a unique_primary finding covers only auditor-primary findings" },
    ]);
  });

  it("keeps unique_secondary to secondary ids", () => {
    const errors = check((c) => {
      c.reconciled_findings[4].covers["auditor-primary"] = ["P-4"]; // R-5 (unique_secondary, S-2) takes P-4 from R-4
      c.reconciled_findings.splice(3, 1);
    });
    expect(errors).toEqual([
      { path: "/reconciled_findings/3/covers/auditor-primary", message: "/reconciled_findings/3/covers/auditor-primary must be empty: a unique_secondary finding covers only auditor-secondary findings" },
    ]);
  });

  it("requires agreed and disputed findings to cover both auditors", () => {
    const errors = check((c) => {
      c.reconciled_findings[1].covers["auditor-primary"] = []; // R-2 (disputed) keeps only S-3
      c.reconciled_findings[0].covers["auditor-primary"].push("P-2");
      c.reconciled_findings[2].covers["auditor-secondary"] = []; // R-3 (agreed) keeps only P-3
      c.reconciled_findings[4].covers["auditor-secondary"].push("S-4");
    });
    expect(errors.map((e) => e.message)).toEqual([
      "/reconciled_findings/1/covers/auditor-primary is empty: a disputed finding must cover at least one auditor-primary finding",
      "/reconciled_findings/2/covers/auditor-secondary is empty: an agreed finding must cover at least one auditor-secondary finding",
    ]);
  });

  it("requires a unique_* finding to cover at least one finding of its auditor", () => {
    const errors = check((c) => {
      c.reconciled_findings[3].covers["auditor-primary"] = [];
      c.reconciled_findings[0].covers["auditor-primary"].push("P-4");
    });
    expect(errors.map((e) => e.path)).toEqual(["/reconciled_findings/3/covers/auditor-primary"]);
  });

  it("accepts one reconciled finding grouping several findings of one auditor", () => {
    const errors = check((c) => {
      c.reconciled_findings[0].covers["auditor-primary"].push("P-2");
      c.reconciled_findings.splice(1, 1);
      c.reconciled_findings[0].covers["auditor-secondary"].push("S-3");
    });
    expect(errors).toEqual([]);
  });

  it("checks auditors_reconciled against the two auditor outputs", () => {
    expect(check((c) => (c.auditors_reconciled[1].model.name = "gpt-4o"))).toEqual([
      { path: "/auditors_reconciled/1/model", message: "/auditors_reconciled/1/model is openai/gpt-4o but the auditor-secondary output is from openai/gpt-5" },
    ]);
    expect(check((c) => (c.auditors_reconciled[0].model = { family: " Anthropic", name: "Claude-Sonnet-4-5 " }))).toEqual([]);
    expect(
      check((c) => {
        c.auditors_reconciled[1].audit_role = "auditor-primary";
        c.auditors_reconciled[1].model = { ...c.auditors_reconciled[0].model };
      }),
    ).toEqual([
      { path: "/auditors_reconciled/1", message: "/auditors_reconciled/1 lists auditor-primary again (already /auditors_reconciled/0)" },
      { path: "/auditors_reconciled", message: "/auditors_reconciled does not list auditor-secondary" },
    ]);
  });
});

describe("sameFamily", () => {
  const withFamily = (family: string) => ({ ...primary(), model: { family, name: "m" } });

  it("compares families trimmed and case-insensitively, ignoring model names", () => {
    expect(sameFamily(primary(), secondary())).toBe(false);
    expect(sameFamily(withFamily("openai"), withFamily(" OpenAI "))).toBe(true);
    expect(sameFamily(withFamily("google"), withFamily("anthropic"))).toBe(false);
  });
});
