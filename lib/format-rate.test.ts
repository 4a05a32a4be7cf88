import { describe, expect, it } from "vitest";
import { formatRate } from "./format-rate";

describe("formatRate", () => {
  it("prints two decimals, keeps tiny non-zero rates visible, and a dash for null", () => {
    expect(formatRate(0.0515)).toBe("5.15%");
    expect(formatRate(0.00014)).toBe("0.01%");
    expect(formatRate(0.0000142)).toBe("0.00142%");
    expect(formatRate(0)).toBe("0.00%");
    expect(formatRate(1)).toBe("100.00%");
    expect(formatRate(null)).toBe("—");
  });
});
