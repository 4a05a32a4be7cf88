import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "./axe-test";
import { createAudit, importPopulation, recordStability, shot, signIn, SMALL_CSV, USERS } from "./fixtures";

/**
 * Evidence on a review (issue 11): a reviewer attaches a PNG screenshot on a review page, downloads
 * it back byte-identical (SHA-256), the download is an attachment that is never rendered inline,
 * a link is added, and a removal is recorded with its reason (the item stays listed, the file is
 * no longer downloadable).
 */
test.describe.configure({ mode: "serial" });

const SLUG = "e2e-evidence-2026-11-23";
const PNG = path.join("e2e", "fixtures", "evidence.png");
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

test("[EVIDENCE]: a reviewer attaches a screenshot, downloads it back byte-identical, adds a link and removes the file with a reason", async ({ page }) => {
  await signIn(page, USERS.operator);
  await createAudit(page, { projectName: "e2e-evidence", date: "2026-11-23", title: "Evidence (e2e)", tier: 1 });
  await recordStability(page, "2");
  await importPopulation(page, SLUG, SMALL_CSV);
  await page.getByRole("button", { name: "Draw sample" }).click();
  await expect(page.getByTestId("sample-summary")).toBeVisible();

  await signIn(page, USERS.reviewer);
  await page.goto(`/audits/${SLUG}`);
  await page.getByRole("link", { name: "Review next unreviewed unit" }).click();
  const panel = page.getByTestId("evidence-panel");
  await expect(panel).toContainText("No evidence yet.");

  // Upload (a click before hydration would submit the form natively: retried until the panel reports).
  await expect(async () => {
    await panel.getByLabel("File", { exact: true }).setInputFiles(PNG);
    await panel.getByRole("button", { name: "Upload" }).click();
    await expect(panel.getByTestId("evidence-upload-status")).toHaveText("Uploaded evidence.png (image/png).", { timeout: 5_000 });
  }).toPass({ timeout: 30_000 });
  const original = readFileSync(PNG);
  const item = panel.getByTestId("evidence-item").filter({ hasText: "evidence.png" });
  await expect(item).toContainText("image/png");
  await expect(item).toContainText(sha256(original).slice(0, 12));
  await expect(item).toContainText("Added by");
  await shot(page, "evidence-01-uploaded");

  // Download it back through the browser: the same bytes.
  const link = item.getByRole("link", { name: /evidence\.png/ });
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe("evidence.png");
  const downloaded = readFileSync((await download.path())!);
  expect(sha256(downloaded)).toBe(sha256(original));

  // Served as a download only, never rendered inline.
  const href = (await link.getAttribute("href"))!;
  const res = await page.request.get(href);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-disposition"]).toBe('attachment; filename="evidence.png"');
  expect(res.headers()["content-type"]).toBe("application/octet-stream");
  expect(res.headers()["x-content-type-options"]).toBe("nosniff");
  expect(res.headers()["cache-control"]).toContain("no-store");
  expect(res.headers()["content-security-policy"]).toContain("sandbox");

  // A link with a label.
  await panel.getByLabel("Link (http or https)").fill("https://grafana.example.org/d/unit-check");
  await panel.getByLabel("Label (optional)").fill("Grafana: unit check");
  await panel.getByRole("button", { name: "Add link" }).click();
  await expect(panel.getByTestId("evidence-item").filter({ hasText: "Grafana: unit check" })).toBeVisible();

  // Remove the file with a reason: kept in the list as removed, no longer downloadable.
  await item.getByRole("button", { name: /Remove…/ }).click();
  await item.getByLabel(/Why remove/).fill("screenshot of the wrong unit");
  await item.getByRole("button", { name: "Confirm removal" }).click();
  await expect(item.getByTestId("evidence-removed")).toContainText("screenshot of the wrong unit");
  await expect(item.getByRole("link")).toHaveCount(0);
  expect((await page.request.get(href)).status()).toBe(410);

  await page.setViewportSize({ width: 390, height: 844 });
  await panel.scrollIntoViewIfNeeded();
  await shot(page, "evidence-02-390px");
});
