import { expect, test } from "@playwright/test";
import { choosePass, createAudit, importPopulation, recordStability, shot, signIn, SMALL_CSV, USERS } from "./fixtures";

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

test("[SHARE]: operator shares the verdict report, it opens signed out, and stops working once revoked", async ({ page, browser }) => {
  await signIn(page, USERS.operator);
  await page.goto(`/audits/${SLUG}`);
  await page.getByLabel("Label (optional)").fill("CAB review");
  await page.getByRole("button", { name: "Create share link" }).click();
  const link = await page.getByTestId("new-share-link").inputValue();
  expect(link).toMatch(/\/r\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByTestId("share-links")).toContainText("active");
  await shot(page, "09-share-link-created");

  const anonymous = await browser.newContext();
  const reader = await anonymous.newPage();
  await reader.goto(link);
  await expect(reader.getByTestId("verdict")).toHaveText("PASS");
  await expect(reader.getByTestId("gate-state")).toHaveText("OPEN");
  await expect(reader.getByTestId("defect-rate-chart")).toBeVisible();
  await expect(reader.getByTestId("stratum-table")).toContainText("21");
  await expect(reader.getByTestId("current-user")).toHaveCount(0);
  await shot(reader, "10-shared-report");

  await page.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByTestId("share-links")).toContainText("revoked");
  await reader.goto(link);
  await expect(reader.getByTestId("share-unavailable")).toBeVisible();
  await expect(reader.getByTestId("verdict")).toHaveCount(0);
  await shot(reader, "11-shared-report-revoked");
  await reader.goto(link.replace(/.{4}$/, "AAAA"));
  await expect(reader.getByTestId("share-unavailable")).toBeVisible();
  await anonymous.close();
});
