/**
 * The import wizard's in-browser preview (components/import/read-header.ts previewFile), run on
 * Node's File: the CSV delimiter is detected or taken as chosen (issue 11), and the rows read for
 * the offered subgroups go past the five shown.
 */
import { describe, expect, it } from "vitest";
import { previewFile, SCAN_ROWS } from "@/components/import/read-header";

const file = (name: string, text: string) => new File([text], name);
const SEMICOLON = "unit_key;execution_status;subgroup;claimed_status;observed_status\nu1;SUCCEEDED;eu;closed;open\nu2;FAILED;us;closed;closed\n";

describe("previewFile", () => {
  it("detects a semicolon delimiter and splits the header and rows with it", async () => {
    const p = await previewFile(file("p.csv", SEMICOLON));
    expect(p).toMatchObject({ format: "csv", delimiter: "semicolon", detected: "semicolon", scannedAll: true });
    expect(p.columns).toEqual(["unit_key", "execution_status", "subgroup", "claimed_status", "observed_status"]);
    expect(p.rows[0]).toEqual({ unit_key: "u1", execution_status: "SUCCEEDED", subgroup: "eu", claimed_status: "closed", observed_status: "open" });
  });

  it("splits with the delimiter chosen instead of the detected one", async () => {
    const p = await previewFile(file("p.csv", SEMICOLON), "comma");
    expect(p).toMatchObject({ delimiter: "comma", detected: "semicolon" });
    expect(p.columns).toEqual(["unit_key;execution_status;subgroup;claimed_status;observed_status"]);
  });

  it("shows five rows but reads up to SCAN_ROWS rows for the offered subgroups", async () => {
    const rows = Array.from({ length: SCAN_ROWS + 10 }, (_, i) => `u${i},SUCCEEDED,g${i % 20}`);
    const p = await previewFile(file("p.csv", ["unit_key,execution_status,subgroup", ...rows].join("\n")));
    expect(p.rows).toHaveLength(5);
    expect(p.scanned).toHaveLength(SCAN_ROWS);
    expect(p.scannedAll).toBe(false);
    expect(new Set(p.scanned.map((r) => r.subgroup)).size).toBe(20);
  });

  it("JSON Lines: a bad line past the shown rows is left to the server; a bad shown line is reported", async () => {
    const good = Array.from({ length: 6 }, (_, i) => JSON.stringify({ unit_key: `u${i}`, execution_status: "SUCCEEDED", subgroup: i % 2 ? "eu" : null }));
    const p = await previewFile(file("p.jsonl", [...good, "{oops"].join("\n")));
    expect(p).toMatchObject({ format: "jsonl", columns: ["unit_key", "execution_status", "subgroup"] });
    expect(p.scanned.map((r) => r.subgroup)).toEqual(["", "eu", "", "eu", "", "eu"]);
    await expect(previewFile(file("p.jsonl", `${good[0]}\n{oops\n`))).rejects.toThrow("Line 2 is not valid JSON.");
  });
});
