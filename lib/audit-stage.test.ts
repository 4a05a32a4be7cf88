import { describe, expect, it } from "vitest";
import { auditStage, parseArchivedParam, parseStageParam, type StageInput, stageLabel } from "./audit-stage";

const base: StageInput = {
  audit: { consistencyModel: "strong", sotExpectedResult: "2", stabilityActualResult: "2" },
  populationImport: {},
  sample: {},
  summary: { reviewed: 20, sampled: 20 },
  openDisagreements: 0,
};
const at = (over: Omit<Partial<StageInput>, "audit"> & { audit?: Partial<StageInput["audit"]> }) => auditStage({ ...base, ...over, audit: { ...base.audit, ...over.audit } });

describe("auditStage", () => {
  it("waits for the pre-flight while no passing stability result is recorded", () => {
    expect(at({ audit: { stabilityActualResult: null }, populationImport: null, sample: null, summary: null })).toEqual({ name: "preflight" });
    expect(at({ audit: { stabilityActualResult: "3" } })).toEqual({ name: "preflight" });
    // A population imported before the pre-flight does not skip it.
    expect(at({ audit: { stabilityActualResult: null }, sample: null, summary: null })).toEqual({ name: "preflight" });
  });

  it("then waits for the import, then for the sample", () => {
    expect(at({ audit: { stabilityActualResult: " 2 " }, populationImport: null, sample: null, summary: null })).toEqual({ name: "import" });
    expect(at({ sample: null, summary: null })).toEqual({ name: "sample" });
  });

  it("is in review with its progress while units are unsettled", () => {
    expect(at({ summary: { reviewed: 0, sampled: 20 } })).toEqual({ name: "review", reviewed: 0, sampled: 20 });
    expect(at({ summary: { reviewed: 19, sampled: 20 } })).toEqual({ name: "review", reviewed: 19, sampled: 20 });
  });

  it("stays in review while a double-review disagreement is open", () => {
    expect(at({ summary: { reviewed: 19, sampled: 20 }, openDisagreements: 1 })).toEqual({ name: "review", reviewed: 19, sampled: 20 });
    expect(at({ openDisagreements: 1 })).toMatchObject({ name: "review" });
  });

  it("reaches the verdict when every sampled unit is settled", () => {
    expect(at({})).toEqual({ name: "verdict" });
  });

  it("puts an eventual-consistency audit at its (blocked) verdict: nothing moves it on", () => {
    expect(at({ audit: { consistencyModel: "eventual", stabilityActualResult: null }, populationImport: null, sample: null, summary: null })).toEqual({ name: "verdict" });
  });
});

describe("stageLabel", () => {
  it("names the stage, with progress in review", () => {
    expect(stageLabel({ name: "import" })).toBe("Waiting for import");
    expect(stageLabel({ name: "review", reviewed: 3, sampled: 20 })).toBe("In review (3 of 20)");
  });
});

describe("parseStageParam / parseArchivedParam", () => {
  it("accepts the known stages only, anything else is no filter", () => {
    expect(parseStageParam("review")).toBe("review");
    expect(parseStageParam(["sample", "review"])).toBe("sample");
    for (const junk of [undefined, "", "REVIEW", "done", " review", "__proto__"]) expect(parseStageParam(junk)).toBeUndefined();
  });

  it('shows archived audits only for "1"', () => {
    expect(parseArchivedParam("1")).toBe(true);
    expect(parseArchivedParam(["1"])).toBe(true);
    for (const v of [undefined, "", "0", "true", "yes"]) expect(parseArchivedParam(v)).toBe(false);
  });
});
