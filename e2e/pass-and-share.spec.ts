import { writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "./axe-test";
import { choosePass, createAudit, createShareLink, downloadVerifiedSnapshot, importPopulation, recordStability, shot, signIn, SMALL_CSV, USERS } from "./fixtures";

test.describe.configure({ mode: "serial" });

const SLUG = "e2e-small-2026-11-21";

test("[REVIEW]: every unit of a small audit reviewed PASS gives verdict PASS and gate OPEN", async ({ page }) => {
  await signIn(page, USERS.operator);
  await createAudit(page, { projectName: "e2e-small", date: "2026-11-21", title: "Small ledger fix (e2e)", tier: 1 });
  await recordStability(page, "2");
  await expect(page.getByTestId("stability-status")).toContainText("Passed");
  await importPopulation(page, SLUG, SMALL_CSV);
  await page.getByRole("button", { name: "Draw sample" }).click();
  await expect(page.getByTestId("sample-summary")).toContainText("Tier 1 random stratum: 20 of 24 units (tier size 20); census stratum 1");

  await signIn(page, USERS.reviewer);
  await page.goto(`/audits/${SLUG}`);
  await page.getByRole("link", { name: "Review next unreviewed unit" }).click();
  for (let i = 1; i <= 21; i++) {
    await expect(page.getByTestId("review-position")).toContainText(`${i} of 21 · ${i - 1} reviewed`);
    await choosePass(page);
    await page.keyboard.press("Enter");
  }
  await expect(page).toHaveURL(new RegExp(`/audits/${SLUG}\\?reviewed=all$`));
  await expect(page.getByTestId("all-reviewed")).toBeVisible();
  await expect(page.getByTestId("verdict")).toHaveText("PASS");
  await expect(page.getByTestId("gate-state")).toHaveText("OPEN");
  await expect(page.getByTestId("defect-rate")).toHaveText("0.00%");
  await expect(page.getByTestId("review-progress")).toContainText("21/21");
  await shot(page, "08-overview-pass");
});

test("[SHARE]: the operator publishes the report; it opens signed out as a snapshot whose hash checks out, says when the audit changed, and stops once revoked", async ({ page, browser }) => {
  await signIn(page, USERS.operator);
  await page.goto(`/audits/${SLUG}`);
  const link = await createShareLink(page, "CAB review");
  await shot(page, "09-share-link-created");

  const anonymous = await browser.newContext({ acceptDownloads: true });
  const reader = await anonymous.newPage();
  expect((await reader.goto(link))!.status()).toBe(200);
  await expect(reader.getByTestId("verdict")).toHaveText("PASS");
  await expect(reader.getByTestId("gate-state")).toHaveText("OPEN");
  await expect(reader.getByTestId("defect-rate-chart")).toBeVisible();
  await expect(reader.getByTestId("stratum-table")).toContainText("21");
  await expect(reader.getByTestId("current-user")).toHaveCount(0);
  await expect(reader.getByTestId("changed-since")).toHaveCount(0);
  await expect(reader.getByTestId("report-math")).toContainText("K_u");
  await shot(reader, "10-shared-report");
  await reader.setViewportSize({ width: 390, height: 844 });
  await shot(reader, "10-shared-report-390");
  await reader.setViewportSize({ width: 1280, height: 900 });

  // The reader downloads the snapshot JSON and recomputes its SHA-256: it matches the page.
  const { shownHash, snapshot } = await downloadVerifiedSnapshot(reader);
  expect(snapshot).toMatchObject({ verdict: "PASS", gateState: "OPEN", audit: { slug: SLUG } });

  // Printed by headless chromium: a PDF (converted to PNG and looked at when this page changes).
  const pdf = await reader.pdf({ format: "A4", printBackground: true });
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  writeFileSync(path.join("e2e", "screenshots", "10-shared-report.pdf"), pdf);

  // A reviewer changes a unit after sharing: the public report does not change, it says so.
  const reviewer = await (await browser.newContext()).newPage();
  await signIn(reviewer, USERS.reviewer);
  await reviewer.goto(`/audits/${SLUG}/sample`);
  await reviewer.locator(`a[href^="/audits/${SLUG}/review/"]`).first().click();
  await expect(async () => {
    await reviewer.keyboard.press("u");
    await expect(reviewer.locator('input[name="finding"][value="UNKNOWN"]')).toBeChecked({ timeout: 500 });
  }).toPass();
  const reviewUrl = reviewer.url();
  await reviewer.keyboard.press("Enter");
  // Saved once the page moved on (its URL matched /audits/<slug> before the save too).
  await expect(reviewer).not.toHaveURL(reviewUrl);
  await reader.reload();
  await expect(reader.getByTestId("changed-since")).toBeVisible();
  await expect(reader.getByTestId("verdict")).toHaveText("PASS");
  await expect(reader.getByTestId("report-snapshot-hash")).toHaveText(shownHash);

  // The operator sees the snapshot is out of date and publishes a new one on the same link.
  await page.reload();
  await expect(page.getByTestId("snapshot-outdated")).toBeVisible();
  await page.getByRole("button", { name: "Publish new snapshot" }).click();
  await expect(page.getByTestId("snapshot-outdated")).toHaveCount(0);
  await reader.reload();
  await expect(reader.getByTestId("changed-since")).toHaveCount(0);
  await expect(reader.getByTestId("report-snapshot-hash")).not.toHaveText(shownHash);
  await expect(reader.getByTestId("verdict")).not.toHaveText("PASS");

  // Revoking asks for confirmation naming the label; a dismissed question revokes nothing.
  page.once("dialog", (d) => void d.dismiss());
  await page.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByTestId("share-links")).toContainText("active");
  let question = "";
  page.once("dialog", (d) => {
    question = d.message();
    void d.accept();
  });
  await page.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByTestId("share-links")).toContainText("revoked");
  expect(question).toContain('"CAB review"');
  expect((await reader.goto(link))!.status()).toBe(410);
  await expect(reader.getByTestId("share-unavailable")).toBeVisible();
  await expect(reader.getByTestId("verdict")).toHaveCount(0);
  await shot(reader, "11-shared-report-revoked");
  expect((await reader.goto(link.replace(/.{4}$/, "AAAA")))!.status()).toBe(404);
  await expect(reader.getByTestId("share-unavailable")).toBeVisible();
  expect((await reader.request.get(`${link}/snapshot.json`)).status()).toBe(410);
  // A malformed escape in the token is an unknown link, not a server error.
  expect((await reader.request.get(`${new URL(link).origin}/r/%E0%A4%A`)).status()).toBe(404);
  expect((await reader.request.get(link)).status()).toBe(410);
  await anonymous.close();
});
