/**
 * The production readiness audit in the browser (issue 13, seed 001): create a launch readiness
 * audit with its launch context (strictness HIGH), add a Stop-Ship finding (tag pre-fills the
 * category) → NOT READY / BLOCKED, resolve it → READY / OPEN, add a Fix Soon without a due date →
 * CONDITIONAL_PASS and the approver's sign-off is refused naming it, give it a due date, the
 * approver signs → CONDITIONAL_PASS signed; download the report prod-audit-YYYY-MM-DD.md. Then the
 * operator shares the report: a signed-out reader sees the snapshot, checks its hash, is told when
 * the audit changed, sees the new snapshot, and gets 410 once the link is revoked.
 */
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./axe-test";
import { createShareLink, downloadVerifiedSnapshot, shot, signIn, USERS } from "./fixtures";

test.describe.configure({ mode: "serial" });

const DATE = "2026-11-30";
const SLUG = `e2e-shop-launch-${DATE}`;
const STOP_SHIP = "Stripe webhook signature not verified";
const FIX_SOON = "No request correlation IDs";

/** Full-page screenshots at 1280 px and 390 px wide. */
async function shots(page: Page, name: string) {
  await shot(page, `${name}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** The finding's row on the audit page. */
const row = (page: Page, title: string) => page.getByTestId("findings").locator("li", { hasText: title });

async function addFinding(page: Page, f: { section: string; title: string; severity: string; tags?: string; category?: string }) {
  const form = page.getByTestId("add-finding");
  await form.getByLabel("Section").selectOption({ label: f.section });
  await form.getByLabel("Severity").selectOption(f.severity);
  await form.getByLabel("Title").fill(f.title);
  await form.getByLabel("Tags").fill(f.tags ?? "");
  if (f.category) await form.getByLabel("Category").selectOption(f.category);
  await form.getByRole("button", { name: "Add finding" }).click();
  await expect(row(page, f.title)).toBeVisible();
}

async function setStatus(page: Page, title: string, status: string) {
  const r = row(page, title);
  await r.getByLabel(/Status of finding/).selectOption(status);
  await r.getByRole("button", { name: "Set status" }).click();
}

async function expectVerdict(page: Page, verdict: string, gate: string) {
  await expect(page.getByTestId("profile-verdict")).toHaveText(verdict);
  await expect(page.getByTestId("gate-state").first()).toHaveText(gate);
}

async function trySign(page: Page, statement: string) {
  await signIn(page, USERS.approver);
  await page.goto(`/checks/${SLUG}`);
  const form = page.getByTestId("sign-off-form");
  await form.getByLabel("Statement").fill(statement);
  await form.getByLabel("Your password").fill(USERS.approver.password);
  await form.getByRole("button", { name: "Sign off" }).click();
  return form.getByTestId("form-message");
}

test("a production readiness audit from launch context to a signed CONDITIONAL_PASS and its report", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, USERS.operator);
  await page.goto("/");
  await page.getByRole("link", { name: "New checklist audit" }).click();
  await expect(page).toHaveURL(/\/checks\/new$/);
  await page.getByRole("radio", { name: /Production readiness/ }).check();
  await page.getByLabel("Project name").fill("e2e-shop");
  await page.getByLabel("Date").fill(DATE);
  // Bad input first: a missing title and every missing launch answer are named in one pass, nothing is created.
  await page.getByRole("button", { name: "Create checklist audit" }).click();
  await expect(page.getByTestId("title-error")).toContainText("Enter a title");
  await expect(page.getByTestId("error-summary")).toBeFocused(); // focus moves to the summary, whose links reach each field
  await expect(page.getByTestId("error-summary")).toContainText("Kind of launch: Choose the launch kind");
  await expect(page.getByTestId("launchKind-error")).toContainText("Choose the launch kind");
  await page.getByLabel("Title").fill("Shop checkout launch");
  await expect(page.getByTestId("slug-preview")).toHaveText(SLUG);
  await page.getByRole("button", { name: "Create checklist audit" }).click();
  await expect(page.getByTestId("title-error")).toHaveText("");
  await expect(page.getByTestId("launchKind-error")).toContainText("Choose the launch kind");
  await expect(page.getByTestId("expectedTraffic-error")).toContainText("monthly active users");
  await shots(page, "profile-launch-new-errors");

  await page.getByRole("radio", { name: "public", exact: true }).check();
  await page.getByRole("group", { name: "Will real user data be stored?" }).getByLabel("yes").check();
  await page.getByRole("group", { name: "Is payment or billing involved?" }).getByLabel("yes").check();
  await page.getByLabel("Acceptable failure mode").selectOption("DOWNTIME");
  // A refused submit keeps every answer, the select too.
  await page.getByRole("button", { name: "Create checklist audit" }).click();
  // This round's result (only the traffic is missing now), not the last round's still on screen.
  await expect(page.getByTestId("error-summary")).toContainText("There is a problem with 1 field");
  await expect(page.getByTestId("expectedTraffic-error")).toContainText("monthly active users");
  await expect(page.getByLabel("Acceptable failure mode")).toHaveValue("DOWNTIME");
  await expect(page.getByRole("radio", { name: "public", exact: true })).toBeChecked();
  await page.getByLabel("Expected traffic (monthly active users)").fill("5000");
  await page.getByLabel("Stop-ship criteria for this launch").fill("Any payment can be lost\nAny customer can see another's order");
  await page.getByRole("button", { name: "Create checklist audit" }).click();
  await expect(page).toHaveURL(new RegExp(`/checks/${SLUG}$`));
  await expect(page.getByText("Strictness HIGH")).toBeVisible();
  await expectVerdict(page, "READY", "OPEN");

  // A Stop-Ship finding: the Verdict Criteria tag pre-fills the category.
  const add = page.getByTestId("add-finding");
  await add.getByLabel("Tags").fill("unverified-financial-webhook");
  await expect(add.getByLabel("Category")).toHaveValue("STOP_SHIP");
  await addFinding(page, { section: "5. Security and Abuse Audit", title: STOP_SHIP, severity: "HIGH", tags: "unverified-financial-webhook" });
  await expectVerdict(page, "NOT READY", "BLOCKED");
  await expect(page.getByTestId("verdict-reasons")).toContainText(STOP_SHIP);
  await expect(page.getByTestId("remediation-plan")).toContainText(STOP_SHIP);
  await shots(page, "profile-launch-blocked");

  await setStatus(page, STOP_SHIP, "RESOLVED");
  await expectVerdict(page, "READY", "OPEN");

  // A Fix Soon without a timeline: CONDITIONAL_PASS, and sign-off is refused naming it.
  await addFinding(page, { section: "7. Observability and Debuggability", title: FIX_SOON, severity: "MEDIUM", category: "FIX_SOON" });
  await expectVerdict(page, "READY WITH CONDITIONS", "CONDITIONAL_PASS");
  await expect(page.getByTestId("signoff-blockers")).toContainText(`Fix Soon "${FIX_SOON}" needs a due date before sign-off`);

  const refused = await trySign(page, "Ship with the logging fix planned");
  await expect(refused).toContainText(`Fix Soon "${FIX_SOON}" needs a due date before sign-off`);
  await expect(page.getByTestId("signed-state")).toHaveText("Not signed");

  // The operator gives it a due date (within the 14 days allowed).
  await signIn(page, USERS.operator);
  await page.goto(`/checks/${SLUG}`);
  const due = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const r = row(page, FIX_SOON);
  await r.getByText(/Edit finding/).click();
  await r.getByLabel("Due date").fill(due);
  await r.getByLabel("Owner").fill("Platform team");
  await r.getByRole("button", { name: "Save finding" }).click();
  await expect(r).toContainText(`due ${due}`);
  await expect(page.getByTestId("signoff-blockers")).toHaveCount(0);

  // It now waits in the approver's queue.
  await signIn(page, USERS.approver);
  await page.goto("/approvals");
  const queued = page.getByTestId("checklist-queue").locator("li", { hasText: SLUG });
  await expect(queued).toContainText("Not signed yet.");
  await expect(queued).toContainText("CONDITIONAL_PASS");
  await shots(page, "profile-launch-approvals");

  // The approver signs: CONDITIONAL_PASS, signed.
  const signed = await trySign(page, "Ship with the logging fix planned");
  await expect(signed).toContainText("Signed snapshot");
  await expect(page.getByTestId("signed-state")).toHaveText("Signed (1)");
  await expectVerdict(page, "READY WITH CONDITIONS", "CONDITIONAL_PASS");
  await expect(page.getByTestId("timeline")).toContainText("Signed off");
  await shots(page, "profile-launch-signed");
  await page.goto("/approvals");
  await expect(page.getByRole("link", { name: "Shop checkout launch" })).toHaveCount(0);
  await page.goto(`/checks/${SLUG}`);

  // The report downloads as prod-audit-YYYY-MM-DD.md.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("report-download").click()]);
  expect(download.suggestedFilename()).toMatch(/^prod-audit-\d{4}-\d{2}-\d{2}\.md$/);
  const text = readFileSync((await download.path())!, "utf8");
  expect(text).toContain("# Production Readiness Audit: Shop checkout launch");
  expect(text).toContain("READY WITH CONDITIONS");
  expect(text).toContain(FIX_SOON);
  // The sign-off is on record in the report: the snapshot signed, the approver, the statement.
  const hash = await page.getByTestId("snapshot-hash").textContent();
  expect(text).toContain(`Snapshot SHA-256 \`${hash}\`: signed by 1 approver.`);
  expect(text).toMatch(/\| Ana Approver \| [0-9T:-]+Z \| valid \| Ship with the logging fix planned \|/);

  // The home page lists it with its badges.
  await page.goto("/");
  const listed = page.getByTestId("checklist-audits").locator("tr", { hasText: SLUG });
  await expect(listed).toContainText("READY WITH CONDITIONS");
  await expect(listed).toContainText("CONDITIONAL_PASS");
  await shots(page, "profile-launch-home");
});

test("[PROFILE SHARE]: the operator shares the checklist report; it opens signed out as a snapshot whose hash checks out, says when the audit changed, and stops once revoked", async ({ page, browser }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, USERS.operator);
  await page.goto(`/checks/${SLUG}`);
  const panel = page.locator("#share");
  await expect(panel).toContainText("No share links yet.");
  // Bad input: an expiry outside 1–90 days is refused naming the field, nothing is created.
  await panel.getByLabel("Expires after").evaluate((el) => {
    const select = el as HTMLSelectElement;
    select.add(new Option("a year", "365"));
    select.value = "365";
  });
  await panel.getByRole("button", { name: "Create share link" }).click();
  await expect(page.getByTestId("expiresInDays-error")).toContainText("At most 90 days");
  await expect(panel).toContainText("No share links yet.");

  await panel.getByLabel("Expires after").selectOption("7");
  const link = await createShareLink(page, "Launch review");
  await expect(page.getByTestId("timeline")).toContainText("Share link created");
  await shots(page, "profile-launch-share-created");

  const anonymous = await browser.newContext({ acceptDownloads: true });
  const reader = await anonymous.newPage();
  expect((await reader.goto(link))!.status()).toBe(200);
  await expect(reader.getByTestId("verdict")).toHaveText("READY WITH CONDITIONS");
  await expect(reader.getByTestId("gate-state")).toHaveText("CONDITIONAL_PASS");
  await expect(reader.getByTestId("report-findings")).toContainText(FIX_SOON);
  await expect(reader.getByTestId("report-findings")).toContainText(STOP_SHIP);
  await expect(reader.getByTestId("report-finding-counts")).toContainText("1 STOP SHIP (0 open) · 1 FIX SOON (1 open)");
  await expect(reader.getByTestId("report-signatures")).toContainText("valid");
  await expect(reader.getByTestId("changed-since")).toHaveCount(0);
  await shot(reader, "profile-launch-shared-report-1280");
  await reader.setViewportSize({ width: 390, height: 844 });
  await shot(reader, "profile-launch-shared-report-390");
  await reader.setViewportSize({ width: 1280, height: 900 });

  const { shownHash, snapshot } = await downloadVerifiedSnapshot(reader);
  expect(snapshot).toMatchObject({ format: "countersign.profile-share-snapshot/1", verdict: "READY_WITH_CONDITIONS", gate: "CONDITIONAL_PASS", audit: { slug: SLUG } });

  // A finding added after sharing: the public report does not change, it says so; a new snapshot shows it.
  await addFinding(page, { section: "6. Performance and Load Readiness", title: "Cold cache on first request", severity: "LOW", category: "ACCEPTABLE_RISK" });
  await reader.reload();
  await expect(reader.getByTestId("changed-since")).toBeVisible();
  await expect(reader.getByTestId("report-findings")).not.toContainText("Cold cache on first request");
  await page.reload();
  await expect(page.getByTestId("snapshot-outdated")).toBeVisible();
  await page.getByRole("button", { name: "Publish new snapshot" }).click();
  await expect(page.getByTestId("snapshot-outdated")).toHaveCount(0);
  await reader.reload();
  await expect(reader.getByTestId("changed-since")).toHaveCount(0);
  await expect(reader.getByTestId("report-findings")).toContainText("Cold cache on first request");
  await expect(reader.getByTestId("report-snapshot-hash")).not.toHaveText(shownHash);
  // The approver's signature was over the earlier state: the new snapshot shows it stale.
  await expect(reader.getByTestId("report-signatures")).toContainText("stale");

  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByTestId("share-links")).toContainText("revoked");
  expect((await reader.goto(link))!.status()).toBe(410);
  await expect(reader.getByTestId("share-unavailable")).toBeVisible();
  expect((await reader.request.get(`${link}/snapshot.json`)).status()).toBe(410);
  await anonymous.close();
});
