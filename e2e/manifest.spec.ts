import { type Page } from "@playwright/test";
import { expect, test } from "./axe-test";
import { choosePass, createAudit, importPopulation, recordStability, shot, signIn, SMALL_CSV, USERS } from "./fixtures";

/*
 * Issue 11, "Reviewing without mistakes", the manifest bullet: the verdict reason "1 failed unit
 * has no remediation owner" links to the manifest filtered to that unit; the manifest searches
 * (case-insensitively) and sorts by finding with real links; an empty result offers "Clear
 * filters"; at 390 px the table scrolls inside its card, not the page.
 */
test.describe.configure({ mode: "serial" });

const SLUG = "e2e-manifest-2026-12-02";
// small-population.csv: 25 units, acct-013 the only FAILED one (the census, reviewed first).
const FAILED_UNIT = "acct-013";

const unitKeys = (page: Page) => page.getByTestId("manifest-unit-key").allTextContents();

test("[SETUP]: a small audit fully reviewed, its one census unit FAIL without an owner", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, USERS.operator);
  await createAudit(page, { projectName: "e2e-manifest", date: "2026-12-02", title: "Manifest search (e2e)", tier: 1 });
  await recordStability(page, "2");
  await expect(page.getByTestId("stability-status")).toContainText("Passed");
  await importPopulation(page, SLUG, SMALL_CSV);
  await page.getByRole("button", { name: "Draw sample" }).click();
  await expect(page.getByTestId("sample-summary")).toContainText("Tier 1 random stratum: 20 of 24 units (tier size 20); census stratum 1");

  await signIn(page, USERS.reviewer);
  await page.goto(`/audits/${SLUG}`);
  await page.getByRole("link", { name: "Review next unreviewed unit" }).click();
  await expect(page.getByTestId("review-position")).toContainText("1 of 21 · 0 reviewed");
  await expect(page.locator("h1")).toContainText(FAILED_UNIT);
  await expect(async () => {
    await page.keyboard.press("f");
    await expect(page.locator('input[name="finding"][value="FAIL"]')).toBeChecked({ timeout: 500 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByLabel(/Remediation owner/)).toBeFocused();
  await page.keyboard.press("Control+Enter"); // saved with no owner
  for (let i = 2; i <= 21; i++) {
    await expect(page.getByTestId("review-position")).toContainText(`${i} of 21 · ${i - 1} reviewed`);
    await choosePass(page);
    await page.keyboard.press("Enter");
  }
  await expect(page).toHaveURL(new RegExp(`/audits/${SLUG}\\?reviewed=all$`));
  // 1 defect in the census of 1 among 25 units: 4% estimated, above 3%, so the owner decides.
  await expect(page.getByTestId("verdict")).toHaveText("INCONCLUSIVE");
});

test("[MANIFEST]: the verdict reason 'failed unit has no remediation owner' opens the manifest filtered to that unit", async ({ page }) => {
  await signIn(page, USERS.operator);
  await page.goto(`/audits/${SLUG}`);
  const reason = page.getByTestId("reason-link-FAILED_WITHOUT_OWNER");
  await expect(reason).toHaveText("1 failed unit has no remediation owner.");
  // Reasons that count no units are not links.
  await expect(page.getByTestId("verdict-reasons")).toContainText("DEFECT_RATE_ABOVE_3");
  await expect(page.getByTestId("reason-link-DEFECT_RATE_ABOVE_3")).toHaveCount(0);
  await reason.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/audits/${SLUG}/sample\\?failedWithoutOwner=1$`));
  await expect(page.getByTestId("quick-filter-failedWithoutOwner")).toHaveAttribute("aria-current", "true");
  await expect(page.getByRole("checkbox", { name: "FAIL without owner" })).toBeChecked();
  expect(await unitKeys(page)).toEqual([FAILED_UNIT]);
  await expect(page.getByText("Rows 1–1 of 1")).toBeVisible();
  await expect(page.getByTestId("manifest-row")).toContainText("none"); // the owner column
  await shot(page, "manifest-01-fail-without-owner");

  // The quick filter is a toggle link that keeps the other parameters.
  await page.getByTestId("quick-filter-failedWithoutOwner").click();
  await expect(page).toHaveURL(new RegExp(`/audits/${SLUG}/sample$`));
  await expect(page.getByText("Rows 1–21 of 21")).toBeVisible();
});

test("[MANIFEST]: search a unit key (case-insensitive), then clear from the empty state", async ({ page }) => {
  await signIn(page, USERS.reviewer);
  await page.goto(`/audits/${SLUG}/sample`);
  const searched = (await unitKeys(page))[3];
  await page.getByLabel("Search", { exact: true }).fill(searched.toUpperCase());
  await page.getByLabel("Search", { exact: true }).press("Enter");
  await expect(page).toHaveURL(new RegExp(`[?&]q=${searched.toUpperCase()}`));
  expect(await unitKeys(page)).toEqual([searched]);
  await expect(page.getByLabel("Search", { exact: true })).toHaveValue(searched.toUpperCase());

  // A wildcard is a literal character: "acct-0_3" matches nothing (acct-013 would, unescaped).
  await page.getByLabel("Search", { exact: true }).fill("acct-0_3");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByTestId("manifest-empty")).toContainText("No units match these filters");
  await shot(page, "manifest-02-empty");
  await page.getByTestId("manifest-empty").getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(new RegExp(`/audits/${SLUG}/sample$`));
  await expect(page.getByText("Rows 1–21 of 21")).toBeVisible();
});

test("[MANIFEST]: sort by finding with the column header, both ways, keeping the filters", async ({ page }) => {
  await signIn(page, USERS.reviewer);
  await page.goto(`/audits/${SLUG}/sample?subgroup=eu`);
  const header = page.getByTestId("sort-finding");
  await header.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/[?&]sort=finding(&|$)/);
  await expect(page).toHaveURL(/[?&]subgroup=eu(&|$)/);
  await expect(page.locator("th", { has: page.getByTestId("sort-finding") })).toHaveAttribute("aria-sort", "ascending");
  await expect(page.getByTestId("manifest-finding").first()).toContainText("FAIL");
  expect((await unitKeys(page))[0]).toBe(FAILED_UNIT);

  await page.getByTestId("sort-finding").click();
  await expect(page).toHaveURL(/[?&]dir=desc(&|$)/);
  await expect(page.locator("th", { has: page.getByTestId("sort-finding") })).toHaveAttribute("aria-sort", "descending");
  await expect(page.getByTestId("manifest-finding").first()).toContainText("PASS");
  expect((await unitKeys(page)).at(-1)).toBe(FAILED_UNIT);
  // Filtering from the form keeps the sort.
  await page.getByLabel("Review", { exact: true }).selectOption("PASS");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/[?&]sort=finding&dir=desc(&|$)/);
  await expect(page.getByTestId("manifest-finding").filter({ hasText: "FAIL" })).toHaveCount(0);
  await shot(page, "manifest-03-sorted");
});

test("[MANIFEST]: at 390 px the table scrolls inside its card, the page does not", async ({ page }) => {
  await signIn(page, USERS.reviewer);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/audits/${SLUG}/sample`);
  const region = page.getByRole("region", { name: "Sampled units" });
  await expect(region).toBeVisible();
  const { inner, outer } = await region.evaluate((el) => ({ inner: el.scrollWidth, outer: el.clientWidth }));
  expect(inner).toBeGreaterThan(outer);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await shot(page, "manifest-04-390");
});
