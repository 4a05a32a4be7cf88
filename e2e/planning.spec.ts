/**
 * Defensible statistics in the browser (issue 9): the operator sees the planning panel (tier size
 * vs the size that can demonstrate a PASS under the upper bound, the suggested tier), chooses the
 * strict basis, raises the random stratum to the planned size and draws; mid-review the overview
 * says what would flip the verdict and shows the math.
 */
import { type Page } from "@playwright/test";
import { analyzeNow, expect, test } from "./axe-test";
import { choosePass, createAudit, importPopulation, recordStability, shot, signIn, SMALL_CSV, USERS } from "./fixtures";

const SLUG = "e2e-plan-2026-11-25";

async function shots(page: Page, name: string) {
  await shot(page, `${name}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, `${name}-390`);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("[PLANNING]: plan, choose the strict basis, draw the planned size; flip counts and the math mid-review", async ({ page, browser }) => {
  await signIn(page, USERS.operator);
  await createAudit(page, { projectName: "e2e-plan", date: "2026-11-25", title: "Ledger fix (planning e2e)", tier: 1 });
  await recordStability(page, "2");
  await expect(page.getByTestId("stability-status")).toContainText("Passed");
  await importPopulation(page, SLUG, SMALL_CSV);

  const planning = page.getByTestId("planning-panel");
  await expect(page.getByTestId("planning-tier-size")).toHaveText("20");
  const planned = Number(await page.getByTestId("planning-planned-size").textContent());
  expect(planned).toBeGreaterThan(20);
  await expect(page.getByTestId("planning-TIER_CANNOT_PASS")).toContainText(`needs ${planned} clean random units`);
  await expect(page.getByTestId("planning-suggested-tier")).toHaveText("2");
  await expect(page.getByTestId("planning-TIER_BELOW_SUGGESTION")).toBeVisible();
  await expect(planning).toContainText("Execute output includes FAILED");

  // The strict basis at 90%, before the draw.
  await planning.getByLabel("Confidence").selectOption("90");
  await planning.getByLabel("Thresholds apply to").selectOption("upper_bound");
  await planning.getByRole("button", { name: "Save basis" }).click();
  await expect(planning.getByTestId("form-message")).toContainText("upper bound, 90% confidence");
  await expect(planning.getByLabel("Confidence")).toHaveValue("90");
  await expect(planning.getByLabel("Thresholds apply to")).toHaveValue("upper_bound");
  await expect(page.getByTestId("planning-planned-size")).not.toHaveText(String(planned));
  const planned90 = Number(await page.getByTestId("planning-planned-size").textContent());

  // Below the tier size is refused with nothing drawn; the planned size is one click away.
  await page.getByLabel("Random stratum size (units)").fill("5");
  await page.getByRole("button", { name: "Draw sample" }).click();
  await expect(page.getByText("cannot be smaller than the tier size")).toBeVisible();
  await page.getByRole("button", { name: `Use the planned size (${planned90})` }).click();
  await expect(page.getByLabel("Random stratum size (units)")).toHaveValue(String(planned90));
  const { violations } = await analyzeNow(page);
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await shots(page, "40-planning");
  await page.getByRole("button", { name: "Draw sample" }).click();
  await expect(page.getByTestId("sample-summary")).toContainText(`random stratum: ${planned90} of 24 units (tier size 20)`);
  await expect(planning.getByRole("button", { name: "Save basis" })).toHaveCount(0);

  // Mid-review: what would flip the verdict, and the math.
  const reviewer = await (await browser.newContext()).newPage();
  await signIn(reviewer, USERS.reviewer);
  await reviewer.goto(`/audits/${SLUG}`);
  await reviewer.getByRole("link", { name: "Review next unreviewed unit" }).click();
  for (let i = 1; i <= 5; i++) {
    await expect(reviewer.getByTestId("review-position")).toContainText(`${i} of`);
    await choosePass(reviewer);
    await reviewer.keyboard.press("Enter");
  }
  await expect(reviewer.getByTestId("review-position")).toContainText("6 of"); // the fifth save landed
  await page.reload();
  await expect(page.getByTestId("flip-fail")).toContainText("more FAIL finding");
  await expect(page.getByTestId("flip-pass")).toContainText("90% upper bound");
  await expect(page.getByTestId("math-panel")).toContainText("K_u");
  await expect(page.getByTestId("math-panel")).toContainText("Decided on the upper bound at 90% confidence");
  await expect(page.getByTestId("basis-note")).toContainText("Decided on the 90% upper bounds");
  await expect(page.getByTestId("verdict")).toHaveText("INCONCLUSIVE");
  const again = await analyzeNow(page);
  expect(again.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await shots(page, "41-mid-review");

  // The metrics page: subgroups with intervals, findings, composition and progress, each with a table.
  await page.getByRole("link", { name: "Metrics", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Metrics", level: 1 })).toBeVisible();
  for (const chart of ["findings-chart", "composition-chart", "progress-chart"]) await expect(page.getByTestId(chart)).toBeVisible();
  await expect(page.getByTestId("false-positives")).toContainText("Confirmed false positives: 0");
  await page.getByText("Sampled units by inclusion reason as a table").click();
  await expect(page.getByRole("row", { name: /^Random/ })).toContainText(String(planned90));
  const onMetrics = await analyzeNow(page);
  expect(onMetrics.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await shots(page, "42-metrics");
});
