/**
 * The ADR quality gate in the browser (issue 13, seed 003): an operator creates an ADR audit and
 * pastes an ADR that fails a Tier-1 structural check (codes shown), then the fixture ADR
 * (lib/profiles/fixtures/adr-valid.md, which claims its own scores in the frontmatter, a table and
 * a field); a reviewer reads it with the self-claimed scores stripped, enters two lens scores
 * (low confidence: quorum not met, claims still hidden), then the other four (PASS, content score
 * 91.7, each claim flagged as differing from it); the operator generates the report twice (v001
 * superseded by v002, both downloadable).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./axe-test";
import { shot, signIn, USERS } from "./fixtures";

test.describe.configure({ mode: "serial" });

const DATE = "2026-11-27";
const SLUG = `e2e-adr-adr-${DATE}`;
const ADR = readFileSync(path.join("lib", "profiles", "fixtures", "adr-valid.md"), "utf8");
/** The fixture with its Consequences section removed: STRUCT-SEC001 (Tier 1). */
const BROKEN = ADR.replace(/## Consequences\n\n- Operators must run PostgreSQL \(severity: medium\)\.\n\n/, "");

/** Full-page screenshots at 1280 px and 390 px wide. */
async function shots(page: Page, name: string) {
  await shot(page, `${name}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function pasteAdr(page: Page, text: string, version: number) {
  const form = page.getByRole("form", { name: "Upload or paste the ADR" });
  await form.getByLabel("ADR Markdown (or paste it here)").fill(text);
  await form.getByRole("button", { name: "Store ADR version" }).click();
  await expect(form.getByTestId("form-message")).toContainText(`Stored ADR version ${version}.`);
}

/** Enters a lens score; the last lens completes the review, which removes the form (no message to wait for). */
async function scoreLens(page: Page, lens: string, score: number, last = false) {
  const form = page.getByRole("form", { name: "Enter a lens score" });
  await form.getByLabel("Lens").selectOption(lens);
  await form.getByLabel("Score (0–100)").fill(String(score));
  await form.getByRole("button", { name: "Save lens score" }).click();
  if (!last) await expect(form.getByTestId("form-message")).toContainText(`Saved the ${lens.replace(/_/g, " ")} score ${score}.`);
  await expect(page.getByTestId(`lens-${lens}`)).toContainText(String(score));
}

test("[PROFILE-ADR]: structural checks, a low-confidence partial review, a PASS with self-claimed scores flagged, reports superseded", async ({ page }) => {
  expect(BROKEN).not.toBe(ADR);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, USERS.operator);
  await page.goto("/checks/new");
  await page.getByLabel("ADR quality gate").check();
  await page.getByLabel("Project name").fill("e2e-adr");
  await page.getByLabel("Date").fill(DATE);
  await page.getByLabel("Title").fill("ADR-01 PostgreSQL storage (e2e)");
  await page.getByRole("button", { name: "Create checklist audit" }).click();
  await expect(page).toHaveURL(new RegExp(`/checks/${SLUG}$`));
  await expect(page.getByTestId("adr-status")).toHaveText("FAIL");
  await expect(page.getByTestId("adr-reasons")).toContainText("no ADR uploaded yet");
  await expect(page.getByTestId("gate-state").first()).toHaveText("BLOCKED");

  // A Tier-1 structural failure, shown with its code; then the fixture, which passes.
  await pasteAdr(page, BROKEN, 1);
  const structural = page.getByTestId("adr-structural-findings");
  await expect(structural).toContainText("STRUCT-SEC001");
  await expect(structural).toContainText('required section "## Consequences" is missing');
  await expect(structural).toContainText("Tier 1");
  await expect(page.getByTestId("adr-status")).toHaveText("FAIL");
  await shots(page, "profile-adr-structural");
  await pasteAdr(page, ADR, 2);
  await expect(page.getByText("Every structural and metadata check passes.")).toBeVisible();
  await expect(page.getByTestId("adr-structural-status")).toHaveText("PASS");

  // The reviewer: the ADR without its self-claimed scores; two lenses → low confidence.
  await signIn(page, USERS.reviewer);
  await page.goto(`/checks/${SLUG}`);
  await page.getByText("Read the ADR (self-claimed scores removed)").click();
  const stripped = page.getByTestId("adr-stripped");
  await expect(stripped).toContainText("## Decision");
  await expect(stripped).not.toContainText("spec_ready_score");
  await expect(stripped).not.toContainText("SPEC-Ready Score");
  await expect(stripped).not.toContainText("audit_score");
  await expect(page.getByTestId("adr-claims-hidden")).toContainText("3 self-claimed scores are hidden");
  await scoreLens(page, "architect", 95);
  await scoreLens(page, "tech_lead", 92);
  await expect(page.getByTestId("adr-status")).toHaveText("LOW CONFIDENCE");
  await expect(page.getByTestId("adr-coverage")).toContainText("60% of the weight returned (quorum 70% and architect): not met");
  await expect(page.getByTestId("adr-claims-hidden")).toBeVisible();
  const finding = page.getByRole("form", { name: "Add a lens finding" });
  await finding.getByLabel("Lens").selectOption("chaos_engineer");
  await finding.getByLabel("Title").fill("No failure-injection plan for the write path");
  await finding.getByRole("button", { name: "Add finding" }).click();
  await expect(finding.getByTestId("form-message")).toContainText("check: check is required");
  await finding.getByLabel("Playbook check").fill("C4");
  await finding.getByLabel("Severity").selectOption("LOW");
  await finding.getByRole("button", { name: "Add finding" }).click();
  await expect(finding.getByTestId("form-message")).toContainText("Finding added.");
  await expect(page.getByTestId("adr-lens-findings")).toContainText("C4");
  await shots(page, "profile-adr-low-confidence");

  // Every lens returned: PASS, and the claims next to the computed score, flagged.
  await scoreLens(page, "chaos_engineer", 80);
  await scoreLens(page, "security_engineer", 90);
  await scoreLens(page, "operator", 88);
  await scoreLens(page, "auditor", 94, true);
  await expect(page.getByTestId("adr-status")).toHaveText("PASS");
  await expect(page.getByTestId("adr-content-score")).toHaveText("91.7");
  await expect(page.getByTestId("adr-review-complete")).toBeVisible();
  const claims = page.getByTestId("adr-claims");
  await expect(claims.getByRole("row")).toHaveCount(4);
  await expect(claims.getByRole("row", { name: /spec_ready_score/ })).toContainText("95");
  await expect(claims.getByRole("row", { name: /spec_ready_score/ })).toContainText("91.7");
  await expect(claims.getByText("differs")).toHaveCount(3);
  await expect(page.getByTestId("gate-state")).toHaveText("OPEN");
  await shots(page, "profile-adr-pass-claims");

  // The operator generates the report twice: v002 supersedes v001, which stays downloadable.
  await signIn(page, USERS.operator);
  await page.goto(`/checks/${SLUG}`);
  const generate = page.getByRole("form", { name: "Generate the audit report" });
  await generate.getByRole("button", { name: "Generate report" }).click();
  await expect(generate.getByTestId("form-message")).toContainText("Generated ADR-01.A_audit_report_v001.md.");
  await generate.getByRole("button", { name: "Generate report" }).click();
  await expect(generate.getByTestId("form-message")).toContainText("Generated ADR-01.A_audit_report_v002.md.");
  await expect(page.getByTestId("document-ADR-01.A_audit_report_v002.md")).toContainText("current");
  await expect(page.getByTestId("document-ADR-01.A_audit_report_v001.md")).toContainText("superseded");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "ADR-01.A_audit_report_v001.md" }).click()]);
  expect(download.suggestedFilename()).toBe("ADR-01.A_audit_report_v001.md");
  await shots(page, "profile-adr-reports");
});

test("[PROFILE-ADR]: an admin edits the ADR template; duplicates are refused by name", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, USERS.admin);
  await page.getByRole("link", { name: "ADR template" }).click();
  await expect(page).toHaveURL(/\/admin\/adr-template$/);
  const form = page.getByTestId("adr-template-form");
  const box = form.getByLabel("Required sections, one per line");
  const current = await box.inputValue();
  expect(current.split("\n")).toContain("Decision");
  // A duplicate (case does not matter) is refused, naming the field; nothing saved.
  await box.fill(`${current}\ncontext`);
  await form.getByRole("button", { name: "Save template" }).click();
  await expect(form.getByTestId("form-message")).toContainText("requiredSections: section names must be unique");
  await shots(page, "profile-adr-template-refused");
  // Saving the same sections again stores the next version without changing the rule for other tests.
  await box.fill(current);
  await form.getByRole("button", { name: "Save template" }).click();
  await expect(form.getByTestId("form-message")).toContainText(/Saved template version \d+ \(\d+ required sections\)\./);
  await expect(page.getByRole("heading", { name: /Required sections \(version [1-9]\d*\)/ })).toBeVisible();
});
