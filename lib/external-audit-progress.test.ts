import { describe, expect, it } from "vitest";
import { calibrationBlockers, calibratorPromptStale, type CycleState, finalizeBlockers, nextStep, sharedFamily } from "./external-audit-progress";
import type { AuditorOutput } from "./external-audit/types";

const output = (family: string) => ({ model: { family, name: "m" }, findings: [] }) as unknown as AuditorOutput;
const ref = (id: number, family: string | null, valid = true) => ({ id, version: id, valid, output: valid && family ? output(family) : null });
const base: CycleState = { prepared: true, primary: null, secondary: null, overrideReason: null, calibratorPromptId: null, calibrator: null, finalizedAt: null };

describe("calibrationBlockers", () => {
  it("names each missing or invalid auditor output (issue 12 step 4)", () => {
    expect(calibrationBlockers({ ...base, prepared: false })).toEqual(["The auditor prompts are not prepared yet: prepare them first."]);
    expect(calibrationBlockers(base)).toEqual(["The primary auditor's output is missing: paste it first.", "The secondary auditor's output is missing: paste it first."]);
    expect(calibrationBlockers({ ...base, primary: ref(1, "anthropic"), secondary: ref(2, null, false) })).toEqual(["The secondary auditor's output (version 2) is invalid: fix it first."]);
  });

  it("refuses one model family (case-insensitive, trimmed) until an override reason is recorded", () => {
    const same = { ...base, primary: ref(1, "Anthropic"), secondary: ref(2, " anthropic ") };
    expect(sharedFamily(same)).toBe("anthropic");
    expect(calibrationBlockers(same)).toEqual([expect.stringContaining('model family "anthropic"')]);
    expect(nextStep(same).step).toBe("override");
    expect(calibrationBlockers({ ...same, overrideReason: "approved" })).toEqual([]);
    expect(calibrationBlockers({ ...base, primary: ref(1, "anthropic"), secondary: ref(2, "openai") })).toEqual([]);
  });
});

describe("finalizeBlockers and nextStep", () => {
  const ready = { ...base, primary: ref(1, "anthropic"), secondary: ref(2, "openai") };

  it("walks the steps in order", () => {
    expect(nextStep({ ...base, prepared: false }).step).toBe("prepare");
    expect(nextStep(base).step).toBe("paste_auditors");
    expect(nextStep(ready).step).toBe("calibrate");
    expect(nextStep({ ...ready, calibratorPromptId: 3 }).step).toBe("paste_calibrator");
    expect(nextStep({ ...ready, calibratorPromptId: 3, calibrator: ref(4, null, false) })).toEqual({ step: "paste_calibrator", message: "The calibrator's output (version 4) is invalid: fix it first." });
    expect(nextStep({ ...ready, calibratorPromptId: 3, calibrator: ref(4, "google") }).step).toBe("finalize");
    expect(nextStep({ ...ready, calibratorPromptId: 3, calibrator: ref(4, "google"), finalizedAt: new Date() }).step).toBe("finalized");
  });

  it("an auditor output newer than the calibrator prompt makes it stale; a calibrator output older than the prompt does not count", () => {
    const stale = { ...ready, secondary: ref(5, "openai"), calibratorPromptId: 3, calibrator: ref(4, "google") };
    expect(calibratorPromptStale(stale)).toBe(true);
    expect(finalizeBlockers(stale)).toEqual(["An auditor output changed after the calibrator prompt was prepared: calibrate again."]);
    expect(nextStep(stale).step).toBe("calibrate");
    expect(finalizeBlockers({ ...ready, calibratorPromptId: 6, calibrator: ref(4, "google") })).toEqual(["The calibrator's output is missing: paste it first."]);
    expect(finalizeBlockers({ ...ready, calibratorPromptId: 3, calibrator: ref(4, "google"), finalizedAt: new Date() })).toEqual(["The external audit is already finalized."]);
  });
});
