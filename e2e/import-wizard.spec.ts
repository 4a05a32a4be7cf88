import path from "node:path";
import { analyzeNow, expect, test } from "./axe-test";
import { chooseFile, createAudit, recordStability, shot, signIn, USERS } from "./fixtures";

/*
 * Issue 11, "Every page, for everyone" (smaller things) and "Claimed vs observed": a
 * semicolon-delimited CSV is split by the detected delimiter (the operator may override it); the
 * subgroups found in the file are offered as checkboxes; claimed_X / observed_X pairs are offered
 * (on by default) and the manifest's "Claim differs from observation" filter lists exactly the
 * units whose pair differs; the preview's scroll region is keyboard-reachable (axe).
 */
test.describe.configure({ mode: "serial" });

const SLUG = "e2e-import-2026-12-05";
// 12 units, semicolon-delimited, decimal commas in amount_eur. Census: imp-004 (FAILED, claim
// differs), imp-009 (UNKNOWN, claim differs), imp-010 (FAILED, claim equal). Subgroups EU, LI, US.
const SEMICOLON_CSV = path.join("e2e", "fixtures", "semicolon-claims.csv");

test("[IMPORT]: a semicolon CSV with claimed/observed columns imports with the detected delimiter and a subgroup chosen from the offered list", async ({ page }) => {
  await signIn(page, USERS.operator);
  await createAudit(page, { projectName: "e2e-import", date: "2026-12-05", title: "Import wizard (e2e)", tier: 1 });
  await recordStability(page, "2");
  await expect(page.getByTestId("stability-status")).toContainText("Passed");

  await page.goto(`/audits/${SLUG}/import`);
  await chooseFile(page, SEMICOLON_CSV); // waits until unit_key is mapped: the header was split
  const delimiter = page.getByLabel("Delimiter");
  await expect(delimiter).toHaveValue("detect");
  await expect(delimiter.locator("option:checked")).toHaveText("Detect (found: Semicolon (;))");
  await expect(page.getByLabel(/^execution_status/)).toHaveValue("execution_status");
  await expect(page.getByLabel(/^subgroup/)).toHaveValue("subgroup");
  const preview = page.getByRole("table", { name: "File preview" });
  await expect(preview.getByRole("columnheader")).toHaveText(["unit_key", "execution_status", "subgroup", "identity_key", "claimed_status", "observed_status", "amount_eur"]);
  await expect(preview.getByRole("row").nth(1)).toContainText("10,50");

  // Overriding the delimiter re-reads the file: comma finds one column; back to detect.
  await delimiter.selectOption("comma");
  await expect(page.getByRole("table", { name: "File preview" }).getByRole("columnheader")).toHaveCount(1);
  await delimiter.selectOption("detect");
  await expect(page.getByLabel(/^unit_key/)).toHaveValue("unit_key");

  // The claimed/observed pair is offered and on.
  await expect(page.getByRole("checkbox", { name: "Compare claimed_status with observed_status" })).toBeChecked();

  // The subgroups in the file are offered; LI is chosen from the list.
  const offered = page.getByTestId("offered-subgroups");
  await expect(offered.getByRole("checkbox")).toHaveCount(3);
  await expect(offered).toContainText("Subgroups found in the file");
  await offered.getByRole("checkbox", { name: "LI", exact: true }).check();

  // The preview's scroll region is reachable with the keyboard, and the filled-in wizard passes axe.
  const region = page.getByRole("region", { name: /File preview/ });
  await region.focus();
  await expect(region).toBeFocused();
  const { violations } = await analyzeNow(page);
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await shot(page, "import-wizard-semicolon");

  await page.getByRole("button", { name: "Import population" }).click();
  await expect(page).toHaveURL(new RegExp(`/audits/${SLUG}$`), { timeout: 60_000 });
  await expect(page.getByText("High-risk subgroups", { exact: true }).locator("xpath=following-sibling::div[1]")).toHaveText("LI");
  await page.getByRole("button", { name: "Draw sample" }).click();
  await expect(page.getByTestId("sample-summary")).toBeVisible();
});

test("[MANIFEST]: the 'Claim differs from observation' filter lists exactly the units whose claim differs", async ({ page }) => {
  await signIn(page, USERS.operator);
  await page.goto(`/audits/${SLUG}/sample`);
  await page.getByTestId("quick-filter-claimDiffers").click();
  await expect(page).toHaveURL(new RegExp(`/audits/${SLUG}/sample\\?claimDiffers=1$`));
  await expect(page.getByTestId("quick-filter-claimDiffers")).toHaveAttribute("aria-current", "true");
  const keys = (await page.getByTestId("manifest-unit-key").allTextContents()).map((k) => k.trim()).sort();
  expect(keys).toEqual(["imp-004", "imp-009"]);
  await expect(page.getByTestId("manifest-row").filter({ hasText: "imp-004" })).toContainText("claim differs");
  await shot(page, "import-manifest-claim-differs");
});
