import { createHash } from "node:crypto";
import { describe, it, expect } from "vitest";
import { populationChecksum, sha256Hex } from "./checksum";
import type { ExecutionStatus, PopulationUnit } from "./population";

const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");
const u = (unitKey: string, executionStatus: ExecutionStatus = "SUCCEEDED", subgroup: string | null = null, identityKey: string | null = null): PopulationUnit => ({
  unitKey,
  executionStatus,
  subgroup,
  identityKey,
});

describe("sha256Hex", () => {
  it("matches the FIPS 180-2 known answer for \"abc\"", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("hashes the empty string and UTF-8 text", () => {
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("Zürich ✓")).toBe(sha256("Zürich ✓"));
  });
});

describe("populationChecksum", () => {
  it("is the SHA-256 of one tab-separated line per unit, absent values empty", () => {
    const units = [u("k1", "SUCCEEDED", "eu", "a@x"), u("k2", "FAILED", null, null), u("k3", "UNKNOWN", "", "b@x")];
    const expected = sha256("k1\tSUCCEEDED\teu\ta@x\n" + "k2\tFAILED\t\t\n" + "k3\tUNKNOWN\t\tb@x\n");
    expect(populationChecksum(units)).toBe(expected);
  });

  it("hashes an empty population as the empty string", () => {
    expect(populationChecksum([])).toBe(sha256(""));
  });

  it("hashes UTF-8 values", () => {
    expect(populationChecksum([u("clé-✓", "SUCCEEDED", "Zürich")])).toBe(sha256("clé-✓\tSUCCEEDED\tZürich\t\n"));
  });

  it("depends on the order of units", () => {
    const a = u("k1");
    const b = u("k2", "FAILED");
    expect(populationChecksum([a, b])).not.toBe(populationChecksum([b, a]));
  });

  it("changes when any field changes", () => {
    const base = populationChecksum([u("k1", "SUCCEEDED", "eu", "a@x")]);
    expect(populationChecksum([u("k2", "SUCCEEDED", "eu", "a@x")])).not.toBe(base);
    expect(populationChecksum([u("k1", "FAILED", "eu", "a@x")])).not.toBe(base);
    expect(populationChecksum([u("k1", "SUCCEEDED", "us", "a@x")])).not.toBe(base);
    expect(populationChecksum([u("k1", "SUCCEEDED", "eu", "b@x")])).not.toBe(base);
    expect(populationChecksum([u("k1", "SUCCEEDED", "eu", null)])).not.toBe(base);
  });

  it("escapes backslashes, tabs and newlines inside values", () => {
    const units = [u("a\tb", "SUCCEEDED", "line1\nline2", "back\\slash")];
    expect(populationChecksum(units)).toBe(sha256("a\\tb\tSUCCEEDED\tline1\\nline2\tback\\\\slash\n"));
  });

  /** The line format without escaping, to show which pairs would collide without it. */
  const raw = (units: PopulationUnit[]) => units.map((x) => `${x.unitKey}\t${x.executionStatus}\t${x.subgroup ?? ""}\t${x.identityKey ?? ""}\n`).join("");

  it("keeps a tab inside a value apart from a field boundary", () => {
    expect(populationChecksum([u("a\tb")])).not.toBe(populationChecksum([u("a", "SUCCEEDED", "b")]));
    const one = [u("a", "SUCCEEDED", "b\tc", null)];
    const two = [u("a", "SUCCEEDED", "b", "c\t")];
    expect(raw(one)).toBe(raw(two));
    expect(populationChecksum(one)).not.toBe(populationChecksum(two));
  });

  it("keeps a newline inside a value apart from a unit boundary", () => {
    const one = [u("a", "SUCCEEDED", null, "x\nb\tSUCCEEDED\t\t")];
    const two = [u("a", "SUCCEEDED", null, "x"), u("b", "SUCCEEDED")];
    expect(raw(one)).toBe(raw(two));
    expect(populationChecksum(one)).not.toBe(populationChecksum(two));
  });

  it("keeps a literal backslash-t or backslash-n apart from an escaped tab or newline", () => {
    expect(populationChecksum([u("a\\tb")])).not.toBe(populationChecksum([u("a\tb")]));
    expect(populationChecksum([u("a\\nb")])).not.toBe(populationChecksum([u("a\nb")]));
  });

  it("equals the single-string hash for 200,000 units (buffered hashing)", () => {
    const units: PopulationUnit[] = [];
    let text = "";
    const statuses: ExecutionStatus[] = ["SUCCEEDED", "FAILED", "UNKNOWN"];
    for (let i = 0; i < 200_000; i++) {
      const unit = u(`unit-${i}-é`, statuses[i % 3], i % 7 === 0 ? null : `group-${i % 11}`, i % 5 === 0 ? `id-${i % 997}` : null);
      units.push(unit);
      text += `${unit.unitKey}\t${unit.executionStatus}\t${unit.subgroup ?? ""}\t${unit.identityKey ?? ""}\n`;
    }
    expect(text.length).toBeGreaterThan(10 * (1 << 16));
    expect(populationChecksum(units)).toBe(sha256(text));
  });

  it("accepts any iterable, e.g. a generator", () => {
    function* gen() {
      yield u("k1");
      yield u("k2", "UNKNOWN");
    }
    expect(populationChecksum(gen())).toBe(sha256("k1\tSUCCEEDED\t\t\nk2\tUNKNOWN\t\t\n"));
  });
});
