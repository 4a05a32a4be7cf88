import { type Page } from "@playwright/test";
import { expect, test } from "./axe-test";
import { choosePass, createAudit, importPopulation, recordStability, shot, signIn, USERS } from "./fixtures";

/*
 * Issue 11, "Queues and assignment" + "Double review and agreement": the operator splits a
 * six-unit sample evenly between two reviewers and asks for blind second reviews on all of it;
 * each reviewer, in their own browser context, works through their queue from the home page,
 * then second-reviews the other's units; one disagreement keeps the verdict INCONCLUSIVE until
 * the operator adjudicates it; the agreement matrix and Cohen's kappa are shown.
 */

test.describe.configure({ mode: "serial" });

const SLUG = "e2e-team-2026-11-23";
const CSV = "e2e/fixtures/double-review-population.csv";

/** Reviews every unit of the signed-in reviewer's queue from the home page: FAIL (with an owner) for the units listed in `fail` (by queue order, 0-based), PASS otherwise. */
async function reviewMyQueue(page: Page, fail: number[] = []): Promise<number> {
  let done = 0;
  for (;;) {
    await page.goto("/");
    // This audit's links in the queue: [0] is its title, [1] its first open unit.
    const links = page.getByTestId("my-queue").locator(`a[href*="/audits/${SLUG}/review/"]`);
    if ((await links.count()) === 0) return done;
    await links.nth(1).click();
    await expect(page).toHaveURL(/\/review\/\d+/); // the review page, not still the queue: the save below must move away from it
    const url = page.url();
    if (fail.includes(done)) {
      await expect(async () => {
        await page.keyboard.press("f");
        await expect(page.locator('input[name="finding"][value="FAIL"]')).toBeChecked({ timeout: 500 });
      }).toPass({ timeout: 30_000 });
      await page.getByLabel("Remediation owner").fill("ledger-team");
      await page.keyboard.press("Control+Enter");
    } else {
      await choosePass(page);
      await page.keyboard.press("Enter");
    }
    await expect(page).not.toHaveURL(url);
    done++;
  }
}

/** Saves the signed-in reviewer's blind second reviews from the team page, one finding each, in queue order. */
async function secondReviewAll(page: Page, findings: ("PASS" | "FAIL")[]): Promise<void> {
  await page.goto(`/audits/${SLUG}/team`);
  await expect(page.getByTestId("my-second-reviews").getByRole("link")).toHaveCount(findings.length);
  await page.getByTestId("my-second-reviews").getByRole("link").first().click();
  for (const [i, finding] of findings.entries()) {
    await expect(page.getByRole("heading", { name: /Second review of unit/ })).toBeVisible();
    // Blind: nothing of the first review is on the page.
    await expect(page.getByText(/by Rafael|by Rhea|ledger-team/)).toHaveCount(0);
    if (i === 0) await shot(page, `double-review-blind-${findings.join("-")}`);
    await page.getByLabel(finding, { exact: true }).check();
    const url = page.url();
    await page.getByRole("button", { name: "Save second review" }).click();
    await expect(page).not.toHaveURL(url);
  }
  await expect(page).toHaveURL(new RegExp(`/audits/${SLUG}/team\\?second=`));
}

test("[TEAM]: operator splits the sample evenly between two reviewers and requests second reviews on all of it", async ({ page }) => {
  await signIn(page, USERS.operator);
  await createAudit(page, { projectName: "e2e-team", date: "2026-11-23", title: "Ledger backfill, double-reviewed (e2e)", tier: 1 });
  await recordStability(page, "2");
  await importPopulation(page, SLUG, CSV);
  await page.getByRole("button", { name: "Draw sample" }).click();
  await expect(page.getByTestId("sample-summary")).toContainText("6 of 6 units");

  await page.getByRole("link", { name: "Team and double review" }).click();
  const split = page.getByRole("form", { name: "Split the open units" });
  await split.getByLabel("Evenly (round-robin in review order)").check();
  await split.getByLabel(/Rafael Reviewer/).check();
  await split.getByLabel(/Rhea Reviewer/).check();
  await split.getByRole("button", { name: "Assign" }).click();
  await expect(split.getByTestId("form-message")).toHaveText("6 units assigned.");
  await expect(page.getByTestId("reviewer-progress")).toContainText(/Rafael Reviewer\s*3\s*0\s*3/);
  await expect(page.getByTestId("reviewer-progress")).toContainText(/Rhea Reviewer\s*3\s*0\s*3/);

  const request = page.getByRole("form", { name: "Request second reviews" });
  await request.getByLabel("Share of the units (%)").fill("100");
  await request.getByRole("button", { name: "Request second reviews" }).click();
  await expect(request.getByTestId("form-message")).toContainText("Second reviews requested on 6 more units");
  await expect(page.getByTestId("second-review-status")).toContainText("6 requested, 0 done");
  await shot(page, "double-review-01-team");
});

test("[TEAM]: two reviewers in two browser contexts review their queues, then second-review each other blind; one disagrees", async ({ browser }) => {
  const a = await (await browser.newContext()).newPage();
  const b = await (await browser.newContext()).newPage();
  await signIn(a, USERS.reviewer);
  await signIn(b, USERS.reviewer2);
  await a.goto("/");
  await expect(a.getByTestId("my-queue")).toContainText("3 units to review");
  await shot(a, "double-review-02-my-queue");

  // Rafael fails his first unit (with an owner) and passes the others; Rhea passes hers.
  expect(await reviewMyQueue(a, [0])).toBe(3);
  expect(await reviewMyQueue(b)).toBe(3);

  // Rhea agrees on Rafael's FAIL, disagrees on his second unit, agrees on the third; Rafael agrees on all of hers.
  await secondReviewAll(b, ["FAIL", "FAIL", "PASS"]);
  await secondReviewAll(a, ["PASS", "PASS", "PASS"]);
  await a.context().close();
  await b.context().close();
});

test("[TEAM]: the open disagreement keeps the verdict INCONCLUSIVE; the operator adjudicates it and the verdict follows; kappa is shown", async ({ page }) => {
  await signIn(page, USERS.operator);
  await page.goto(`/audits/${SLUG}`);
  await expect(page.getByTestId("verdict")).toHaveText("INCONCLUSIVE");
  await expect(page.getByTestId("verdict-reasons")).toContainText("1 double-review disagreement awaits adjudication.");
  // First reviews: FAIL, PASS ×5; second: FAIL, FAIL, PASS ×4 → p_o = 5/6, p_e = (5·4 + 1·2)/36 → κ = 8/14.
  await expect(page.getByTestId("kappa-summary")).toContainText("κ = 0.57 over 6 units (5 agree)");
  await expect(page.getByTestId("kappa-summary")).toContainText("1 disagreement awaits adjudication");
  await shot(page, "double-review-03-inconclusive");

  await page.getByRole("link", { name: "Team and double review" }).click();
  await expect(page.getByTestId("agreement-overall-kappa")).toHaveText("0.57");
  await expect(page.getByTestId("adjudication-queue")).toContainText("Rafael Reviewer and Rhea Reviewer disagree");
  await page.getByTestId("adjudication-queue").getByRole("link", { name: "Adjudicate" }).click();
  await expect(page.getByTestId("first-review")).toContainText("PASS");
  await expect(page.getByTestId("first-review")).toContainText("Rafael Reviewer");
  await expect(page.getByTestId("second-review")).toContainText("FAIL");
  await expect(page.getByTestId("second-review")).toContainText("Rhea Reviewer");
  await shot(page, "double-review-04-adjudicate");
  await page.getByLabel("FAIL", { exact: true }).check();
  await page.getByLabel("Remediation owner (FAIL)").fill("ledger-team");
  await page.getByLabel("Note").fill("Balance differs from the ledger: Rhea is right.");
  await page.getByRole("button", { name: "Save adjudication" }).click();
  await expect(page).toHaveURL(new RegExp(`/audits/${SLUG}/team\\?adjudicated=1$`));
  await expect(page.getByText("No open disagreement.")).toBeVisible();

  await page.goto(`/audits/${SLUG}`);
  // 2 of 6 units FAIL after adjudication: above 7%.
  await expect(page.getByTestId("verdict")).toHaveText("FAIL");
  await expect(page.getByTestId("verdict-reasons")).not.toContainText("disagreement");
  await expect(page.getByTestId("kappa-summary")).toContainText("κ = 0.57");
  await expect(page.getByTestId("kappa-summary")).not.toContainText("await");
  await shot(page, "double-review-05-verdict");
});
