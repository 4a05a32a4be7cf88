import { describe, expect, it } from "vitest";
import { decideVerdict } from "../verdict";
import { closeoutRefusals, effectiveGateState, type CloseoutInput } from "./closeout";

const ok: CloseoutInput = { baseGate: "OPEN", validSignOffs: 0, exceptionGranted: false, destructiveRemediation: false, destructiveCleared: false, alreadyClosed: false, verdictReasons: [] };
const codes = (change: Partial<CloseoutInput>) => closeoutRefusals({ ...ok, ...change }).map((r) => r.code);

describe("effectiveGateState", () => {
  it.each(["OPEN", "CONDITIONAL_PASS", "BLOCKED"] as const)("%s stays itself without an exception, EXCEPTION with one", (base) => {
    expect(effectiveGateState(base, false)).toBe(base);
    expect(effectiveGateState(base, true)).toBe("EXCEPTION");
  });
  it("grants only on a real true (fail closed)", () => {
    expect(effectiveGateState("BLOCKED", "true" as unknown as boolean)).toBe("BLOCKED");
    expect(effectiveGateState("BLOCKED", undefined as unknown as boolean)).toBe("BLOCKED");
  });
});

describe("closeoutRefusals (seed 000 Closure Gating, fail closed)", () => {
  it("OPEN closes with no signature", () => {
    expect(closeoutRefusals(ok)).toEqual([]);
  });

  it("CONDITIONAL_PASS needs at least one valid sign-off: 0 refuses, 1 and 2 allow", () => {
    expect(codes({ baseGate: "CONDITIONAL_PASS", validSignOffs: 0 })).toEqual(["SIGN_OFF_REQUIRED"]);
    expect(codes({ baseGate: "CONDITIONAL_PASS", validSignOffs: 1 })).toEqual([]);
    expect(codes({ baseGate: "CONDITIONAL_PASS", validSignOffs: 2 })).toEqual([]);
  });

  it("an exception does not stand in for the approver sign-off on CONDITIONAL_PASS", () => {
    expect(codes({ baseGate: "CONDITIONAL_PASS", exceptionGranted: true })).toEqual(["SIGN_OFF_REQUIRED"]);
    expect(codes({ baseGate: "CONDITIONAL_PASS", exceptionGranted: true, validSignOffs: 1 })).toEqual([]);
  });

  it("BLOCKED refuses with the verdict's own reasons after GATE_BLOCKED, even with sign-offs", () => {
    const verdict = decideVerdict({ criticalDefects: 0, defectRate: 0.08, unknownRate: 0, failedWithoutOwner: 0, reviewComplete: true });
    expect(verdict.gateState).toBe("BLOCKED");
    const refusals = closeoutRefusals({ ...ok, baseGate: verdict.gateState, validSignOffs: 3, verdictReasons: verdict.reasons });
    expect(refusals.map((r) => r.code)).toEqual(["GATE_BLOCKED", "DEFECT_RATE_ABOVE_7"]);
    expect(refusals[1]).toEqual(verdict.reasons[0]);
    expect(refusals[0].message).toMatch(/BLOCKED/);
  });

  it("BLOCKED with no reasons still refuses", () => {
    expect(codes({ baseGate: "BLOCKED" })).toEqual(["GATE_BLOCKED"]);
  });

  it("a granted break-glass exception lets a BLOCKED audit close", () => {
    expect(codes({ baseGate: "BLOCKED", exceptionGranted: true, verdictReasons: [{ code: "CRITICAL_DEFECT", message: "x" }] })).toEqual([]);
  });

  it("a destructive remediation needs its clearance on any gate, exception included", () => {
    expect(codes({ destructiveRemediation: true })).toEqual(["DESTRUCTIVE_CLEARANCE_REQUIRED"]);
    expect(codes({ destructiveRemediation: true, destructiveCleared: true })).toEqual([]);
    expect(codes({ baseGate: "BLOCKED", exceptionGranted: true, destructiveRemediation: true })).toEqual(["DESTRUCTIVE_CLEARANCE_REQUIRED"]);
    expect(codes({ baseGate: "CONDITIONAL_PASS", validSignOffs: 1, destructiveRemediation: true })).toEqual(["DESTRUCTIVE_CLEARANCE_REQUIRED"]);
  });

  it("a clearance without a destructive remediation is harmless", () => {
    expect(codes({ destructiveCleared: true })).toEqual([]);
  });

  it("lists every reason that applies, in order", () => {
    const reasons = [{ code: "REVIEW_INCOMPLETE", message: "Review is incomplete." }];
    expect(codes({ baseGate: "BLOCKED", verdictReasons: reasons, destructiveRemediation: true })).toEqual(["GATE_BLOCKED", "REVIEW_INCOMPLETE", "DESTRUCTIVE_CLEARANCE_REQUIRED"]);
  });

  it("a closed audit cannot be closed again, whatever else holds", () => {
    expect(codes({ alreadyClosed: true })).toEqual(["ALREADY_CLOSED"]);
    expect(codes({ alreadyClosed: true, baseGate: "BLOCKED", destructiveRemediation: true })).toEqual(["ALREADY_CLOSED"]);
  });

  it.each([
    ["an unknown gate", { baseGate: "EXCEPTION" }, "baseGate"],
    ["a missing gate", { baseGate: undefined }, "baseGate"],
    ["a fractional sign-off count", { baseGate: "CONDITIONAL_PASS", validSignOffs: 0.5 }, "validSignOffs"],
    ["a NaN sign-off count", { baseGate: "CONDITIONAL_PASS", validSignOffs: NaN }, "validSignOffs"],
    ["a negative sign-off count", { validSignOffs: -1 }, "validSignOffs"],
    ["a missing exception flag", { exceptionGranted: undefined }, "exceptionGranted"],
    ["a missing destructive flag", { destructiveRemediation: undefined }, "destructiveRemediation"],
    ["a string clearance flag", { destructiveCleared: "yes" }, "destructiveCleared"],
    ["a missing closed flag", { alreadyClosed: null }, "alreadyClosed"],
    ["missing verdict reasons", { verdictReasons: undefined }, "verdictReasons"],
  ])("refuses %s (fail closed)", (_name, change, field) => {
    const refusals = closeoutRefusals({ ...ok, ...change } as unknown as CloseoutInput);
    expect(refusals.map((r) => r.code)).toEqual(["INPUT_INVALID"]);
    expect(refusals[0].message).toContain(`${field} is missing or invalid`);
  });

  it("refuses a missing input object", () => {
    expect(closeoutRefusals(undefined as unknown as CloseoutInput).map((r) => r.code)).toEqual(["INPUT_INVALID"]);
  });
});
