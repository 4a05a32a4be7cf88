/**
 * The sign-off chain in the browser: an approver signs the exact snapshot, a later review makes the
 * signature stale, the audit closes once signed; a BLOCKED audit is refused with its reasons; a
 * break-glass exception is countersigned by two people in two browser contexts and the gate shows
 * EXCEPTION, while one person trying both slots is refused.
 */
import { type Browser, type Page } from "@playwright/test";
import { analyzeNow, expect, test } from "./axe-test";
import { choosePass, createAudit, importPopulation, recordStability, shot, signIn, SMALL_CSV, USERS } from "./fixtures";

test.describe.configure({ mode: "serial" });

const SLUG = "e2e-signoff-2026-11-23";
const PASSWORDS = { approver: "approver-demo-pass", security: "security-demo-pass", compliance: "compliance-pass-1" };
const COMPLIANCE = { email: "quinn@example.org", password: PASSWORDS.compliance };

/** No serious or critical axe-core violation on the page as it is now. */
async function expectAccessible(page: Page) {
  const { violations } = await analyzeNow(page);
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** Full-page screenshots at 1280 px and 390 px wide. */
async function shots(page: Page, name: string) {
  await shot(page, `${name}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function pageAs(browser: Browser, who: { email: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signIn(page, who);
  return page;
}

/** Chooses a countersign slot once the page has settled (while a streamed page swaps in, a control can briefly exist twice). */
async function chooseSlot(page: Page, label: string) {
  const radio = page.getByRole("radio", { name: label });
  await expect(radio).toHaveCount(1);
  await radio.check();
}

async function signSnapshot(page: Page, password: string, statement: string) {
  await page.getByLabel("Statement").fill(statement);
  await page.getByLabel("Your password (re-enter to sign)").fill(password);
  await page.getByRole("button", { name: /^Sign snapshot/ }).click();
  await expect(page.getByTestId("signoff-form").getByTestId("form-message")).toContainText("Signed snapshot");
}

test("[SIGN-OFF]: a PASS_WITH_NOTES audit is signed off; a later review makes the signature stale; signed again, it closes", async ({ page, browser }) => {
  await signIn(page, USERS.operator);
  await createAudit(page, { projectName: "e2e-signoff", date: "2026-11-23", title: "Ledger backfill (sign-off e2e)", tier: 1 });
  await recordStability(page, "3");
  await expect(page.getByTestId("stability-status")).toContainText("Failed");
  await recordStability(page, "2");
  await expect(page.getByTestId("stability-status")).toContainText("Passed");
  await importPopulation(page, SLUG, SMALL_CSV);
  await page.getByRole("button", { name: "Draw sample" }).click();
  await expect(page.getByTestId("sample-summary")).toContainText("census stratum 1");

  // One FAIL with an owner among 21 reviewed units: estimated defect rate 4.8% → PASS_WITH_NOTES.
  const reviewer = await pageAs(browser, USERS.reviewer);
  await reviewer.goto(`/audits/${SLUG}`);
  await reviewer.getByRole("link", { name: "Review next unreviewed unit" }).click();
  for (let i = 1; i <= 21; i++) {
    await expect(reviewer.getByTestId("review-position")).toContainText(`${i} of 21`);
    if (i === 2) {
      await expect(async () => {
        await reviewer.keyboard.press("f");
        await expect(reviewer.locator('input[name="finding"][value="FAIL"]')).toBeChecked({ timeout: 500 });
      }).toPass();
      await reviewer.getByLabel("Remediation owner").fill("ledger-team@example.org");
      await reviewer.keyboard.press("Control+Enter");
    } else {
      await choosePass(reviewer);
      await reviewer.keyboard.press("Enter");
    }
  }
  await expect(reviewer.getByTestId("verdict")).toHaveText("PASS_WITH_NOTES");

  // The operator asks the approver; closing now is refused: a sign-off is required.
  await page.goto(`/audits/${SLUG}/signoff`);
  await expect(page.getByTestId("closeout-needed")).toContainText("SIGN_OFF_REQUIRED");
  await page.getByLabel("Approver", { exact: true }).selectOption({ label: "Ana Approver" });
  await page.getByRole("button", { name: "Request sign-off" }).click();
  await expect(page.getByTestId("form-message").first()).toContainText("Sign-off requested");

  const approver = await pageAs(browser, USERS.approver);
  await approver.getByRole("link", { name: "Waiting for me" }).click();
  await expect(approver.getByTestId("approval-queue")).toContainText("Ledger backfill (sign-off e2e)");
  await shots(approver, "20-approvals-queue");
  await approver.getByRole("link", { name: "Ledger backfill (sign-off e2e)" }).click();
  await expect(approver).toHaveURL(new RegExp(`/audits/${SLUG}/signoff$`));
  const firstHash = (await approver.getByTestId("snapshot-hash").textContent())!.trim();
  expect(firstHash).toMatch(/^[0-9a-f]{64}$/);
  await expect(approver.getByRole("button", { name: `Sign snapshot ${firstHash.slice(0, 12)}…` })).toBeVisible();
  await expectAccessible(approver);
  await shots(approver, "21-signoff-approver");

  // Step-up: a wrong password is refused and nothing is signed.
  await approver.getByLabel("Statement").fill("Notes reviewed; the remaining defect is owned.");
  await approver.getByLabel("Your password (re-enter to sign)").fill("not-my-password");
  await approver.getByRole("button", { name: /^Sign snapshot/ }).click();
  await expect(approver.getByTestId("signoff-password-error")).toContainText("password is not right");
  await signSnapshot(approver, PASSWORDS.approver, "Notes reviewed; the remaining defect is owned.");
  await expect(approver.getByTestId("signature-valid")).toContainText("Ana Approver");
  await expect(approver.getByTestId("sign-refusals")).toContainText("ALREADY_SIGNED");

  // A reviewer re-saves a unit after the sign-off: the signature becomes stale.
  await reviewer.goto(`/audits/${SLUG}/sample`);
  await reviewer.locator(`a[href^="/audits/${SLUG}/review/"]`).first().click();
  await choosePass(reviewer);
  await reviewer.keyboard.press("Enter");
  await expect(reviewer).toHaveURL(new RegExp(`/audits/${SLUG}\\?reviewed=all$`));
  await approver.reload();
  await expect(approver.getByTestId("signature-stale")).toContainText("no longer satisfies the gate");
  const secondHash = (await approver.getByTestId("snapshot-hash").textContent())!.trim();
  expect(secondHash).not.toBe(firstHash);
  await page.goto(`/audits/${SLUG}/signoff`);
  await page.getByRole("button", { name: "Close audit" }).click();
  await expect(page.getByTestId("closeout-refusals")).toContainText("SIGN_OFF_REQUIRED");

  // Signed again on the new snapshot, the operator closes the audit; it is read-only.
  await signSnapshot(approver, PASSWORDS.approver, "Re-signed after the re-review.");

  // The remediation is destructive: closeout now also needs two people to clear it (no waiver
  // key is configured here, so the app says so and offers only the two-person path).
  await page.reload();
  const remediation = page.getByRole("form", { name: /Remediation of unit/ });
  await remediation.getByLabel("destructive or irreversible").check();
  await remediation.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("closeout-needed")).toContainText("DESTRUCTIVE_CLEARANCE_REQUIRED");
  await expect(page.getByTestId("degraded-mode")).toBeVisible();
  const approveDestructive = async (who: Page, password: string, name: string) => {
    await who.goto(`/audits/${SLUG}/signoff`);
    const form = who.getByRole("form", { name: "Approve destructive remediation" });
    await form.getByLabel("What you approve").fill("Deleting the duplicate ledger rows is reviewed.");
    await form.getByLabel("Your password (re-enter to sign)").fill(password);
    await form.getByRole("button", { name: "Approve the destructive remediation" }).click();
    await expect(who.getByTestId("two-person-approvals")).toContainText(`Approved by ${name}`);
  };
  await approveDestructive(approver, PASSWORDS.approver, "Ana Approver");
  await expect(approver.getByRole("form", { name: "Approve destructive remediation" })).toHaveCount(0);
  await approveDestructive(await pageAs(browser, USERS.security), PASSWORDS.security, "Sam Security");
  await page.reload();
  await expect(page.getByTestId("closeout-allowed")).toBeVisible();
  await expectAccessible(page);
  await shots(page, "27-destructive-cleared");
  await page.getByRole("button", { name: "Close audit" }).click();
  await expect(page.getByTestId("closed-banner")).toContainText("read-only");
  await page.goto(`/audits/${SLUG}`);
  await expect(page.getByTestId("closed-banner")).toBeVisible();
  await expect(page.getByTestId("timeline")).toContainText("Audit closed");
  await expect(page.getByTestId("timeline")).toContainText("Signed off");
  await shots(page, "22-overview-closed");
  // The timeline pages back to the start: the failed stability attempt is still on record.
  await page.getByRole("link", { name: "Next →" }).click();
  await expect(page.getByTestId("timeline")).toContainText('FAILED with result "3"');
  await expect(page.getByTestId("timeline")).toContainText('passed with result "2"');
});

test("[CLOSEOUT]: closing a BLOCKED audit is refused with its reasons", async ({ page }) => {
  await signIn(page, USERS.operator);
  // The demo audit is on its project page whatever page of the audit list it fell to.
  await page.goto("/projects/geonames-dedup");
  const href = await page.getByRole("link", { name: /GeoNames city de-duplication release/ }).first().getAttribute("href");
  await page.goto(`${href}/signoff`);
  await expect(page.getByTestId("gate-state").filter({ visible: true })).toHaveText("BLOCKED");
  await page.getByRole("button", { name: "Close audit" }).click();
  const refusals = page.getByTestId("closeout-refusals");
  await expect(refusals).toContainText("GATE_BLOCKED");
  await expect(refusals).toContainText("REVIEW_INCOMPLETE");
  await page.goto(href!);
  await expect(page.getByTestId("closed-banner")).toHaveCount(0);
});

test("[BREAK-GLASS]: two people countersign in two browser contexts and the gate shows EXCEPTION; one person cannot fill both slots", async ({ page, browser }) => {
  // An admin adds a compliance approver and records that security has been unreachable for 5 hours.
  await signIn(page, USERS.admin);
  await page.getByRole("link", { name: "Users" }).click();
  const add = page.getByRole("form", { name: "Add user" });
  await add.getByLabel("Email").fill(COMPLIANCE.email);
  await add.getByLabel("Name").fill("Quinn Compliance");
  await add.getByLabel("Initial password").fill(COMPLIANCE.password);
  await add.getByLabel("approver").check();
  await add.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByText("Added quinn@example.org")).toBeVisible();
  await page.goto("/security");
  const since = new Date(Date.now() - 5 * 60 * 60 * 1000).toISOString().slice(0, 16);
  const sam = page.getByRole("form", { name: "Availability of Sam Security" });
  await sam.getByLabel("Status").selectOption("unavailable");
  await sam.getByLabel("Since (UTC, empty = now)").fill(since);
  await sam.getByRole("button", { name: "Record" }).click();
  await expect(page.getByTestId("security-team")).toContainText("unavailable");
  await expectAccessible(page);
  await shots(page, "23-security-availability");

  // The operator requests break-glass on the demo audit (BLOCKED: review incomplete).
  await signIn(page, USERS.operator);
  // The demo audit is on its project page whatever page of the audit list it fell to.
  await page.goto("/projects/geonames-dedup");
  const href = (await page.getByRole("link", { name: /GeoNames city de-duplication release/ }).first().getAttribute("href"))!;
  await page.goto(`${href}/break-glass`);
  await page.getByLabel("Impact").selectOption("critical");
  await page.getByLabel("Business justification").fill("City lookups fail for every EU customer; the fix must ship before the review completes.");
  await page.getByLabel("Data team lead").fill("alice@org");
  await page.getByLabel("Compliance officer").fill("bob@org");
  await page.getByLabel("CTO escalation").fill("charlie@org");
  await page.getByRole("button", { name: "Request break-glass exception" }).click();
  await expect(page.getByTestId("break-glass-state")).toContainText("Waiting for countersignatures");

  // Two approvers in two browser contexts; a second tab of the first approver is open too.
  const technical = await pageAs(browser, USERS.approver);
  const compliance = await pageAs(browser, COMPLIANCE);
  const secondTab = await technical.context().newPage();
  await Promise.all([technical.goto(`${href}/break-glass`), compliance.goto(`${href}/break-glass`), secondTab.goto(`${href}/break-glass`)]);
  await expectAccessible(technical);
  await shots(technical, "24-break-glass-approver");

  await chooseSlot(technical, "Technical owner");
  await technical.getByLabel("Statement").fill("I own the fix and accept the risk.");
  await technical.getByLabel("Your password (re-enter to sign)").fill(PASSWORDS.approver);
  await technical.getByRole("button", { name: "Countersign" }).click();
  await expect(technical.getByTestId("form-message")).toContainText("one more independent signer");
  await expect(technical.getByTestId("still-needed")).toContainText("1 countersignature");
  await technical.reload();
  await expect(technical.getByText("You have countersigned; the other slot needs a different person.")).toBeVisible();

  // The same person, from the tab still showing both slots, tries the second slot: refused.
  await chooseSlot(secondTab, "Compliance / security approver");
  await secondTab.getByLabel("Statement").fill("Signing the other slot too.");
  await secondTab.getByLabel("Your password (re-enter to sign)").fill(PASSWORDS.approver);
  await secondTab.getByRole("button", { name: "Countersign" }).click();
  await expect(secondTab.getByTestId("form-message")).toContainText("must come from a different person");

  await compliance.reload();
  await chooseSlot(compliance, "Compliance / security approver");
  await compliance.getByLabel("Statement").fill("Compliance accepts the exception.");
  await compliance.getByLabel("Your password (re-enter to sign)").fill(PASSWORDS.compliance);
  await compliance.getByRole("button", { name: "Countersign" }).click();
  await expect(compliance.getByTestId("form-message")).toContainText("the exception is granted");
  await expect(compliance.getByTestId("break-glass-state")).toContainText("Granted: gate EXCEPTION");
  await expect(compliance.getByTestId("pair-warning")).toContainText("does not hold the security role");
  await expect(compliance.getByTestId("retrospective")).toContainText("Retrospective security audit due");
  await shots(compliance, "25-break-glass-granted");

  await page.goto(href);
  await expect(page.getByTestId("gate-state").filter({ visible: true })).toHaveText("EXCEPTION");
  await page.goto("/projects/geonames-dedup");
  await expect(page.getByRole("row", { name: /GeoNames city de-duplication release/ }).getByTestId("gate-state")).toHaveText("EXCEPTION");

  // The event log verifies, with signed heads.
  await signIn(page, USERS.admin);
  await page.getByRole("link", { name: "Event log" }).click();
  await expect(page.getByTestId("chain-status")).toContainText("Intact");
  await expect(page.getByTestId("heads-status")).toContainText("verify");
  await expectAccessible(page);
  await shots(page, "26-event-log");
});
