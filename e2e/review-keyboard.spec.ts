import path from "node:path";
import { type Browser, type Page } from "@playwright/test";
import { expect, test } from "./axe-test";
import { choosePass, createAudit, importPopulation, recordStability, shot, signIn, USERS } from "./fixtures";

/*
 * Issue 11, "Reviewing without mistakes", "Claimed vs observed" and the keyboard bullet of
 * "Queues and assignment": a second reviewer sees the first review labelled and is not pre-filled
 * with it; a stale save is refused with who saved it; typing an owner name with p/f/u in it keeps
 * FAIL; `?` lists the shortcuts and Escape closes it; at 390 px the finding bar stays in reach.
 */
test.describe.configure({ mode: "serial" });

const SLUG = "e2e-keys-2026-11-29";
const CLAIMS_CSV = path.join("e2e", "fixtures", "claims-population.csv");
let unitUrl = "";

const findingRadio = (page: Page, f: "PASS" | "FAIL" | "UNKNOWN") => page.locator(`input[name="finding"][value="${f}"]`);

/** A signed-in page in its own browser context (a second person at their own machine). */
async function personAt(browser: Browser, who: { email: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, who);
  return page;
}

/** Presses a shortcut until the page has hydrated and `done` holds. */
async function pressUntil(page: Page, key: string, done: () => Promise<void>): Promise<void> {
  await expect(async () => {
    await page.keyboard.press(key);
    await done();
  }).toPass({ timeout: 30_000 });
}

test("[SETUP]: operator creates an audit with claimed/observed columns and draws the sample", async ({ page }) => {
  await signIn(page, USERS.operator);
  await createAudit(page, { projectName: "e2e-keys", date: "2026-11-29", title: "Keyboard review (e2e)", tier: 1 });
  await recordStability(page, "2");
  await expect(page.getByTestId("stability-status")).toContainText("Passed");
  await importPopulation(page, SLUG, CLAIMS_CSV);
  await page.getByRole("button", { name: "Draw sample" }).click();
  await expect(page.getByTestId("sample-summary")).toBeVisible();
});

test("[REVIEW]: FAIL moves the focus to the owner field, and typing p/f/u there keeps FAIL; the page fills the SoT query and compares claimed with observed", async ({ page }) => {
  await signIn(page, USERS.reviewer);
  await page.goto(`/audits/${SLUG}`);
  await page.getByRole("link", { name: "Review next unreviewed unit" }).click();
  await expect(page.getByTestId("review-position")).toContainText("1 of");
  unitUrl = page.url();
  const unitKey = (await page.locator("h1 .font-mono").textContent())!.trim();
  await expect(page.getByTestId("sot-query")).toHaveText(`SELECT * FROM records WHERE id = '${unitKey}'`);
  await expect(page.getByTestId("claim-comparison")).toContainText("Claimed vs observed");
  await expect(page.getByTestId("claim-comparison")).toContainText("status");

  await pressUntil(page, "f", () => expect(findingRadio(page, "FAIL")).toBeChecked({ timeout: 500 }));
  await expect(page.getByLabel(/Remediation owner/)).toBeFocused();
  await page.keyboard.type("platform-fu@example.org");
  await expect(page.getByLabel(/Remediation owner/)).toHaveValue("platform-fu@example.org");
  await expect(findingRadio(page, "FAIL")).toBeChecked();
  await expect(findingRadio(page, "PASS")).not.toBeChecked();
  await expect(findingRadio(page, "UNKNOWN")).not.toBeChecked();
  // Escape leaves the field; then the letter keys are shortcuts again (and 1 is PASS).
  await page.keyboard.press("Escape");
  await expect(page.getByLabel(/Remediation owner/)).not.toBeFocused();

  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("form-message")).toHaveText("Review saved.");
  await expect(page.getByTestId("current-review")).toContainText(/Reviewed by you at .* UTC: FAIL/);
  await expect(findingRadio(page, "FAIL")).toBeChecked();
  await expect(page.getByTestId("review-history")).toContainText("owner: platform-fu@example.org");
  await shot(page, "review-keyboard-01-fail-with-owner");
});

test("[REVIEW]: a second reviewer sees the first review labelled and is not pre-filled with it; a stale save is refused with who saved it", async ({ browser }) => {
  const rafael = await personAt(browser, USERS.reviewer);
  const rhea = await personAt(browser, USERS.reviewer2);
  await rhea.goto(unitUrl);
  await expect(rhea.getByTestId("current-review")).toContainText(/Reviewed by Rafael Reviewer at .* UTC: FAIL/);
  await expect(rhea.getByTestId("changing-review")).toContainText("You are changing Rafael Reviewer's review");
  for (const f of ["PASS", "FAIL", "UNKNOWN"] as const) await expect(findingRadio(rhea, f)).not.toBeChecked();
  await expect(rhea.getByLabel(/Remediation owner/)).toHaveValue("");
  await shot(rhea, "review-keyboard-02-second-reviewer");

  // Rafael changes his review while Rhea's page is still open at the old revision.
  await rafael.goto(unitUrl);
  await pressUntil(rafael, "u", () => expect(findingRadio(rafael, "UNKNOWN")).toBeChecked({ timeout: 500 }));
  await rafael.getByRole("button", { name: "Save", exact: true }).click();
  await expect(rafael.getByTestId("form-message")).toHaveText("Review saved.");

  await choosePass(rhea);
  await rhea.getByRole("button", { name: "Save", exact: true }).click();
  await expect(rhea.getByTestId("form-message")).toContainText(/Rafael Reviewer saved a review of this unit at .* UTC \(UNKNOWN\) after you opened it\. Your review was not saved: reload to see their review\./);
  await shot(rhea, "review-keyboard-03-stale-save-refused");
  await rhea.getByRole("button", { name: "Reload to see their review" }).click();
  await expect(rhea.getByTestId("current-review")).toContainText(/Reviewed by Rafael Reviewer at .* UTC: UNKNOWN/);
  await expect(rhea.getByTestId("form-message")).toHaveCount(0);
  // Both of Rafael's reviews are in the history; Rhea's refused one is not.
  await expect(rhea.getByTestId("review-history").getByRole("listitem")).toHaveCount(2);
  await expect(rhea.getByTestId("review-history")).not.toContainText("Rhea");

  // Now that she has seen it, she may change it.
  await choosePass(rhea);
  await rhea.getByRole("button", { name: "Save", exact: true }).click();
  await expect(rhea.getByTestId("form-message")).toHaveText("Review saved.");
  await expect(rhea.getByTestId("current-review")).toContainText(/Reviewed by you at .* UTC: PASS/);
  await rafael.context().close();
  await rhea.context().close();
});

test("[KEYS]: ? opens the shortcut overlay, the page behind does not react, Escape closes it", async ({ page }) => {
  await signIn(page, USERS.reviewer);
  await page.goto(unitUrl);
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await pressUntil(page, "?", () => expect(dialog).toBeVisible({ timeout: 500 }));
  await expect(dialog).toContainText("Finding FAIL");
  await expect(dialog).toContainText("Next unreviewed unit of your queue");
  await expect(dialog.getByRole("button", { name: "Close" })).toBeFocused();
  await shot(page, "review-keyboard-04-shortcuts");
  // The overlay is modal: shortcuts of the page behind it do nothing.
  await page.keyboard.press("j");
  await page.keyboard.press("f");
  await expect(page).toHaveURL(unitUrl);
  await expect(findingRadio(page, "FAIL")).not.toBeChecked();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
});

test("[LAYOUT]: at 390 px the finding buttons and a save button stay in reach at the bottom", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, USERS.reviewer);
  await page.goto(unitUrl);
  const bar = page.getByTestId("finding-bar");
  await expect(bar.locator("label", { hasText: "FAIL" })).toBeInViewport();
  await expect(bar.getByRole("button", { name: "Save & next" })).toBeInViewport();
  await page.mouse.wheel(0, 600);
  await expect(bar.getByRole("button", { name: "Save & next" })).toBeInViewport();
  await shot(page, "review-keyboard-05-390px");
});
