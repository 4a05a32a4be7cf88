import { describe, expect, it } from "vitest";
import { claimDiffers, claimPairs, claimPairsFromMapping, claimPairsToMapping, claimPairValues, valuesDiffer } from "./claim-pairs";

describe("claimPairs", () => {
  it("pairs claimed_X with observed_X in the order of the claimed columns", () => {
    expect(claimPairs(["unit_key", "observed_status", "claimed_balance", "claimed_status", "observed_balance"])).toEqual([
      { field: "balance", claimed: "claimed_balance", observed: "observed_balance" },
      { field: "status", claimed: "claimed_status", observed: "observed_status" },
    ]);
  });

  it("ignores a claimed column without its observed twin and the reverse", () => {
    expect(claimPairs(["claimed_status", "observed_state", "observed_owner", "status"])).toEqual([]);
  });

  it("matches prefixes and suffixes case-insensitively and ignores surrounding spaces", () => {
    expect(claimPairs([" Claimed_Status", "OBSERVED_status "])).toEqual([{ field: "Status", claimed: " Claimed_Status", observed: "OBSERVED_status " }]);
  });

  it("uses the first column of each side when several normalise to the same field", () => {
    expect(claimPairs(["claimed_a", "observed_A", "claimed_A", "observed_a"])).toEqual([{ field: "a", claimed: "claimed_a", observed: "observed_A" }]);
  });

  it("needs a non-empty suffix and the exact prefixes", () => {
    expect(claimPairs(["claimed_", "observed_", "claimedstatus", "observedstatus", "xclaimed_a", "observed_a"])).toEqual([]);
  });

  it("finds nothing in an empty header", () => {
    expect(claimPairs([])).toEqual([]);
  });
});

describe("valuesDiffer / claimDiffers", () => {
  const pairs = claimPairs(["claimed_status", "observed_status", "claimed_balance", "observed_balance"]);

  it("compares after trimming, exactly otherwise", () => {
    expect(valuesDiffer(" ACTIVE ", "ACTIVE")).toBe(false);
    expect(valuesDiffer("ACTIVE", "active")).toBe(true);
    expect(valuesDiffer("1.0", "1")).toBe(true);
  });

  it("is false when every pair agrees and true when one differs", () => {
    expect(claimDiffers({ claimed_status: "closed", observed_status: "closed", claimed_balance: "0", observed_balance: "0" }, pairs)).toBe(false);
    expect(claimDiffers({ claimed_status: "closed", observed_status: "closed", claimed_balance: "0", observed_balance: "12" }, pairs)).toBe(true);
  });

  it("reads a missing column as empty", () => {
    expect(claimDiffers({ claimed_status: "", claimed_balance: "", observed_balance: "" }, pairs)).toBe(false);
    expect(claimDiffers({ claimed_status: "closed", claimed_balance: "", observed_balance: "" }, pairs)).toBe(true);
  });

  it("is false without pairs", () => {
    expect(claimDiffers({ claimed_status: "a", observed_status: "b" }, [])).toBe(false);
  });
});

describe("claimPairValues", () => {
  it("gives each pair's values and whether they differ", () => {
    const pairs = claimPairs(["claimed_status", "observed_status", "claimed_owner", "observed_owner"]);
    expect(claimPairValues({ claimed_status: "closed", observed_status: "open", claimed_owner: "ann" }, pairs)).toEqual([
      { field: "status", claimed: "claimed_status", observed: "observed_status", claimedValue: "closed", observedValue: "open", differs: true },
      { field: "owner", claimed: "claimed_owner", observed: "observed_owner", claimedValue: "ann", observedValue: "", differs: true },
    ]);
  });
});

describe("claimPairsToMapping / claimPairsFromMapping", () => {
  const pairs = [
    { field: "status", claimed: "claimed_status", observed: "observed_status" },
    { field: "Balance", claimed: "Claimed_Balance", observed: "observed_balance" },
  ];

  it("stores each pair as two string entries and reads them back in order", () => {
    const stored = claimPairsToMapping(pairs);
    expect(stored).toEqual({
      "claimed.status": "claimed_status",
      "observed.status": "observed_status",
      "claimed.Balance": "Claimed_Balance",
      "observed.Balance": "observed_balance",
    });
    expect(claimPairsFromMapping({ unitKey: "id", executionStatus: "status", subgroup: undefined, ...stored })).toEqual(pairs);
  });

  it("reads no pairs from a mapping without them and ignores a half pair", () => {
    expect(claimPairsFromMapping({ unitKey: "id", executionStatus: "status" })).toEqual([]);
    expect(claimPairsFromMapping({ "claimed.status": "claimed_status", "observed.state": "observed_state" })).toEqual([]);
  });
});
