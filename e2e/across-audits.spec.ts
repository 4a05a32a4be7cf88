/**
 * Issue 11 "Across audits": the eventual-consistency warning and confirm step, the error summary
 * after a failed create, settings edits before the draw, archive / restore, a re-audit of a FAIL
 * audit whose chain shows both runs, and the project page.
 */
import { type Page } from "@playwright/test";
import { expect, test } from "./axe-test";
import { createAudit, importPopulation, recordStability, shot, signIn, SMALL_CSV, USERS } from "./fixtures";

test.describe.configure({ mode: "serial" });

const SOURCE = "e2e-rerun-2026-10-05";

/** Presses a shortcut until the page has hydrated and `done` holds. */
async function pressUntil(page: Page, key: string, done: () => Promise<void>): Promise<void> {
  await expect(async () => {
    await page.keyboard.press(key);
    await done();
  }).toPass({ timeout: 30_000 });
}

test("[AUDIT]: a failed create moves focus to an error summary at the top whose links reach each field", async ({ page }) => {
  await signIn(page, USERS.operator);
  await page.goto("/audits/new");
  await page.getByRole("button", { name: "Create audit" }).click();
  const summary = page.getByTestId("error-summary");
  await expect(summary).toBeFocused();
  await expect(summary).toBeInViewport();
  await expect(summary.getByRole("link", { name: /^Project name: Project name is required/ })).toBeVisible();
  await expect(summary.getByRole("link", { name: /^Risk tier: Choose a risk tier/ })).toBeVisible();
  await expect(summary.getByRole("link", { name: /^Trigger reasons: Choose at least one trigger reason/ })).toBeVisible();
  // Keyboard: Tab to the first link, Enter focuses its field.
  await page.keyboard.press("Tab");
  await expect(summary.getByRole("link").first()).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Project name")).toBeFocused();
  await summary.getByRole("link", { name: /^Title:/ }).click();
  await expect(page.getByLabel("Title")).toBeFocused();
  await shot(page, "across-01-error-summary");
});

test("[AUDIT]: choosing eventual warns inline and asks to confirm before creating a blocked audit", async ({ page }) => {
  await signIn(page, USERS.operator);
  await page.goto("/audits/new");
  await page.getByLabel("Project name").fill("e2e-eventual-confirm");
  await page.getByLabel("Date").fill("2026-10-06");
  await page.getByLabel("Title").fill("Eventual confirm (e2e)");
  await page.getByLabel("What the change did").fill("Backfill on an eventually consistent store.");
  await page.getByLabel(/^Tier 3 /).check();
  await page.getByLabel("Execute output includes FAILED, UNKNOWN, or exceptions").check();
  await page.getByLabel("Source-of-truth query").fill("SELECT 1");
  await page.getByLabel("Stability test query").fill("SELECT 2");
  await page.getByLabel("Expected stability result").fill("2");
  await page.getByLabel("Eventual", { exact: true }).check();
  await expect(page.getByTestId("eventual-warning")).toContainText("the audit will be blocked");
  await page.getByRole("button", { name: "Create audit" }).click();
  const confirm = page.getByRole("alertdialog", { name: "This audit will be blocked" });
  await expect(confirm).toBeVisible();
  await expect(page).toHaveURL(/\/audits\/new$/);
  await shot(page, "across-02-eventual-confirm");
  await confirm.getByRole("button", { name: "Choose another model" }).click();
  await expect(confirm).toHaveCount(0);
  await page.getByRole("button", { name: "Create audit" }).click();
  await page.getByRole("button", { name: "Create it blocked" }).click();
  await expect(page).toHaveURL(/\/audits\/e2e-eventual-confirm-2026-10-06$/);
  await expect(page.getByTestId("consistency-violation")).toBeVisible();
});

test("[AUDIT]: settings are editable before the draw, and fixed after it", async ({ page }) => {
  await signIn(page, USERS.operator);
  await createAudit(page, { projectName: "e2e-rerun", date: "2026-10-05", title: "Ledger repair (e2e)", tier: 2 });
  await page.getByRole("link", { name: "Edit settings" }).click();
  await page.getByLabel(/^Tier 1 /).check();
  await page.getByLabel("Title").fill("Ledger repair, tier 1 (e2e)");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page).toHaveURL(new RegExp(`/audits/${SOURCE}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ledger repair, tier 1 (e2e)");
  await expect(page.getByText("Risk tier 1")).toBeVisible();
  await expect(page.locator("#timeline")).toContainText("Settings changed");

  await recordStability(page, "2");
  await importPopulation(page, SOURCE, SMALL_CSV);
  await page.getByRole("button", { name: "Draw sample" }).click();
  await expect(page.getByTestId("sample-summary")).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit settings" })).toHaveCount(0);
  await page.goto(`/audits/${SOURCE}/settings`);
  await expect(page.getByTestId("settings-fixed")).toContainText("The sample is drawn");
});

test("[AUDIT]: a FAIL audit is re-audited: same population, no sample yet, and the chain shows both runs", async ({ page }) => {
  await signIn(page, USERS.reviewer);
  await page.goto(`/audits/${SOURCE}`);
  await page.getByRole("link", { name: "Review next unreviewed unit" }).click();
  const total = Number((await page.getByTestId("review-position").textContent())!.match(/of (\d+)/)![1]);
  for (let i = 1; i <= total; i++) {
    await expect(page.getByTestId("review-position")).toContainText(`${i} of ${total}`);
    await pressUntil(page, "f", () => expect(page.locator('input[name="finding"][value="FAIL"]')).toBeChecked({ timeout: 500 }));
    await page.getByLabel(/Remediation owner/).fill("ledger-team");
    await page.getByRole("button", { name: "Save and next unreviewed" }).click();
  }
  await expect(page).toHaveURL(new RegExp(`/audits/${SOURCE}\\?reviewed=all$`));
  await expect(page.getByTestId("verdict")).toHaveText("FAIL");

  await signIn(page, USERS.operator);
  await page.goto(`/audits/${SOURCE}`);
  const sourceChecksum = await page.getByText(/^[0-9a-f]{64}$/).first().textContent();
  // Dated the server's UTC day when the button is pressed: today, or tomorrow if the run crosses midnight.
  const [today, tomorrow] = [0, 1].map((d) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10));
  await page.getByRole("button", { name: "Start re-audit" }).click();
  await expect(page).toHaveURL(new RegExp(`/audits/e2e-rerun-(${today}|${tomorrow})$`));
  const rerun = new URL(page.url()).pathname.split("/")[2];
  await expect(page.getByTestId("run-chain-row")).toHaveCount(2);
  await expect(page.getByTestId("run-chain")).toContainText(SOURCE);
  await expect(page.getByTestId("run-chain")).toContainText(`${rerun} (this run)`);
  await expect(page.getByTestId("run-chain").getByText("FAIL")).toBeVisible();
  await expect(page.getByText(sourceChecksum!).first()).toBeVisible();
  await expect(page.locator("#timeline")).toContainText("Re-audit started");
  await shot(page, "across-03-rerun-chain");

  await page.getByTestId("run-chain").getByRole("link", { name: SOURCE }).click();
  await expect(page.getByTestId("run-chain-row")).toHaveCount(2);
  await expect(page.getByRole("button", { name: "Start re-audit" })).toHaveCount(0);

  await page.getByTestId("project-link").click();
  await expect(page).toHaveURL(/\/projects\/e2e-rerun$/);
  await expect(page.getByTestId("project-audits")).toContainText(SOURCE);
  await expect(page.getByTestId("project-audits")).toContainText(rerun);
  await expect(page.getByTestId("defect-trend-chart")).toBeVisible();
  await shot(page, "across-04-project");
});

test("[AUDIT]: an archived audit leaves the default list, keeps its pages read-only, and comes back when restored", async ({ page }) => {
  await signIn(page, USERS.operator);
  await page.goto(`/audits/${SOURCE}`);
  await page.getByRole("button", { name: "Archive audit" }).click();
  await expect(page.getByTestId("archived-banner")).toContainText("Archived");
  await page.goto(`/audits/${SOURCE}/sample`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.goto("/?stage=verdict");
  await expect(page.getByRole("link", { name: "Ledger repair, tier 1 (e2e)" })).toHaveCount(0);
  await page.getByTestId("archived-toggle").click();
  await expect(page).toHaveURL(/archived=1/);
  await expect(page.getByRole("link", { name: "Ledger repair, tier 1 (e2e)" })).toBeVisible();
  await shot(page, "across-05-archived-list");
  await page.goto(`/audits/${SOURCE}`);
  await page.getByRole("button", { name: "Restore audit" }).click();
  await expect(page.getByTestId("archived-banner")).toHaveCount(0);
  await page.goto("/?stage=verdict");
  await expect(page.getByRole("link", { name: "Ledger repair, tier 1 (e2e)" })).toBeVisible();
  await expect(page.getByTestId("audit-stage").first()).toBeVisible();
});
