import { describe, expect, it } from "vitest";
import { stableJson } from "./json";

describe("stableJson", () => {
  it("sorts keys at every depth, keeps array order, indents by 2 and ends with a newline", () => {
    expect(stableJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{\n  "a": {\n    "c": null,\n    "d": [\n      3,\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n');
  });
  it("gives the same text for the same data built in another key order", () => {
    expect(stableJson({ x: 1, y: [1, 2] })).toBe(stableJson({ y: [1, 2], x: 1 }));
  });
  it("drops undefined properties and refuses non-finite numbers", () => {
    expect(stableJson({ a: undefined, b: 1 })).toBe('{\n  "b": 1\n}\n');
    expect(() => stableJson({ a: Number.NaN })).toThrow(RangeError);
  });
});
