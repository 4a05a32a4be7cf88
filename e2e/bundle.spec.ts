import { expect, test } from "./axe-test";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import yauzl from "yauzl";
import { BUNDLE_FILES } from "../lib/artifacts/paths";
import { createAudit, importPopulation, recordStability, signIn, SMALL_CSV, USERS } from "./fixtures";

// 2027-01-01 is a Friday in ISO week 53 of 2026: the bundle's folder crosses the year boundary.
const SLUG = "e2e-bundle-2027-01-01";

/** Entry names of a zip, in archive order, and each entry's text. */
function readZip(file: string): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(readFileSync(file), { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error("not a zip"));
      const out = new Map<string, string>();
      zip.on("error", reject);
      zip.on("end", () => resolve(out));
      zip.on("entry", (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error("no stream"));
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("error", reject);
          stream.on("end", () => {
            out.set(entry.fileName, Buffer.concat(chunks).toString("utf8"));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

test("[BUNDLE]: the operator downloads the audit artifact bundle from the overview and it holds the seed's outputs", async ({ page }) => {
  await signIn(page, USERS.operator);
  await createAudit(page, { projectName: "e2e-bundle", date: "2027-01-01", title: "Artifact bundle export (e2e)", tier: 1 });
  await recordStability(page, "2");
  await expect(page.getByTestId("stability-status")).toContainText("Passed");
  await importPopulation(page, SLUG, SMALL_CSV);
  await page.getByRole("button", { name: "Draw sample" }).click();
  await expect(page.getByTestId("sample-summary")).toBeVisible();

  const link = page.getByRole("link", { name: "Download artifact bundle (zip)" });
  await expect(link).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe(`${SLUG}-artifacts.zip`);
  const dir = path.join("test-results", "bundle");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);

  const entries = await readZip(file);
  const root = `tmp/by-week/2026-W53/${SLUG}/`;
  expect([...entries.keys()]).toEqual(BUNDLE_FILES.map((f) => root + f));
  const gate = JSON.parse(entries.get(`${root}closure_gate_status.json`)!);
  expect(gate).toMatchObject({ audit_slug: SLUG, gate_state: "BLOCKED", verdict: "INCONCLUSIVE" });
  const packet = JSON.parse(entries.get(`${root}decision_replay_packet.json`)!);
  expect(packet.sampling.seed).toMatch(/^[0-9a-f]{32}$/);
  expect(entries.get(`${root}sample_verdicts.csv`)!.split("\r\n")[0]).toContain("confirmed_false_positives");
  expect(entries.get(`${root}post-production-audit-summary.md`)).toContain("**INCONCLUSIVE**");
});
