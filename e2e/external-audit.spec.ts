/**
 * The external-audit cycle in the browser (issue 12, seed 002), with the realistic fixture outputs
 * of lib/external-audit/fixtures rewritten for this audit's slug: prepare both auditor prompts
 * (copy, download), a rejected invalid paste with its errors shown by JSON path, both valid
 * auditor outputs, calibrate, the calibrator output, finalize (the external_audit YAML and the
 * reconciliation summary); then the side-by-side view with the agreement figures, a disputed
 * finding decided, a finding linked to a sampled unit, and the machine-vs-human table.
 */
import { type Page } from "@playwright/test";
import { expect, test } from "./axe-test";
import { fixtureText } from "../lib/external-audit/fixtures";
import { createAudit, importPopulation, recordStability, shot, signIn, SMALL_CSV, USERS } from "./fixtures";

test.describe.configure({ mode: "serial" });
test.use({ permissions: ["clipboard-read", "clipboard-write"] });

const SLUG = "e2e-external-2026-11-26";

/** Full-page screenshots at 1280 px and 390 px wide. */
async function shots(page: Page, name: string) {
  await shot(page, `${name}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Pastes a text into a role's output form and submits it. */
async function paste(page: Page, role: "auditor-primary" | "auditor-secondary" | "calibrator", text: string) {
  const form = page.getByTestId(`paste-${role}`);
  await form.getByRole("textbox").fill(text);
  await form.getByRole("button", { name: "Save and check" }).click();
  return form;
}

test("[EXTERNAL-AUDIT]: a full cycle with two auditors and a calibrator, an invalid paste rejected with its errors", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, USERS.operator);
  await createAudit(page, { projectName: "e2e-external", date: "2026-11-26", title: "Currency backfill (external audit e2e)", tier: 1 });
  await recordStability(page, "2");
  await importPopulation(page, SLUG, SMALL_CSV);
  await page.getByRole("button", { name: "Draw sample" }).click();
  await page.getByRole("link", { name: "External audit" }).click();
  await expect(page).toHaveURL(new RegExp(`/audits/${SLUG}/external-audit$`));
  await expect(page.getByTestId("next-step")).toContainText("Prepare the two auditor prompts");

  // Step 1: prepare, with a git range.
  await page.getByText("Material for the auditors (optional)").click();
  await page.getByLabel("Git range").fill("a1b2c3d..e4f5a6b");
  await page.getByRole("button", { name: "Prepare the auditor prompts" }).click();
  await expect(page.getByTestId("prepare-form").getByTestId("form-message")).toContainText("Prepared auditor-primary v1 and auditor-secondary v1");
  await expect(page.getByTestId("prompt-auditor-primary-path")).toHaveText(`audit/charters/${SLUG}/prompts/auditor-primary.prompt.md`);
  await page.getByTestId("copy-auditor-primary").click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(SLUG);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("prompt-auditor-primary").getByRole("link", { name: "Download .md" }).click()]);
  expect(download.suggestedFilename()).toBe("auditor-primary.prompt.md");
  await expect(page.getByTestId("calibration-blockers")).toContainText("The primary auditor's output is missing: paste it first.");

  // Step 2: an invalid secondary output is stored as version 1 and its errors are listed by JSON path.
  const secondaryForm = await paste(page, "auditor-secondary", fixtureText("invalid-auditor-secondary", SLUG));
  await expect(secondaryForm.getByTestId("form-message")).toContainText("Saved auditor-secondary output version 1, but it is not valid");
  const errors = secondaryForm.getByTestId("paste-auditor-secondary-errors");
  await expect(errors).toContainText("/findings/1/category");
  await expect(errors).toContainText("/model/family");
  await expect(page.getByTestId("calibration-blockers")).toContainText("The secondary auditor's output (version 1) is invalid: fix it first.");
  await shots(page, "external-audit-invalid-paste");

  await paste(page, "auditor-primary", fixtureText("auditor-primary", SLUG));
  await expect(page.getByTestId("paste-auditor-primary").getByTestId("form-message")).toContainText("version 1: valid");
  await paste(page, "auditor-secondary", fixtureText("auditor-secondary", SLUG));
  await expect(page.getByTestId("paste-auditor-secondary").getByTestId("form-message")).toContainText("version 2: valid");
  await page.getByTestId("versions-auditor-secondary").getByText("All versions (2)").click();
  await expect(page.getByTestId("versions-auditor-secondary-v1-errors")).toContainText("/findings/1/category");
  await expect(page.getByTestId("families")).toContainText("anthropic");

  // Step 4: calibrate; step 5: the calibrator's output; step 6: finalize.
  await page.getByRole("button", { name: "Prepare the calibrator prompt" }).click();
  await expect(page.getByTestId("calibrate-form").getByTestId("form-message")).toContainText("Calibrator prompt version 1 prepared.");
  await expect(page.getByTestId("prompt-calibrator-reconciler-path")).toHaveText(`audit/charters/${SLUG}/prompts/calibrator-reconciler.prompt.md`);
  await paste(page, "calibrator", fixtureText("calibrator", SLUG));
  await expect(page.getByTestId("paste-calibrator").getByTestId("form-message")).toContainText("version 1: valid");
  await page.getByRole("button", { name: "Finalize the external audit" }).click();
  const yaml = page.getByTestId("external-audit-yaml");
  await expect(yaml).toContainText("external_audit:");
  await expect(yaml).toContainText("role: auditor-primary");
  await expect(yaml).toContainText("findings_by_status:");
  await expect(page.getByTestId("reconciliation-summary")).not.toBeEmpty();
  await page.getByTestId("copy-yaml").click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain("external_audit:");
  await expect(page.getByTestId("next-step")).toContainText("finalized");

  // In the audit: side by side, agreement, adjudication, machine vs human.
  await expect(page.getByTestId("reconciled-R-2")).toContainText("disputed");
  await expect(page.getByTestId("auditor-agreement")).toContainText("3 matched findings");
  const decide = page.getByTestId("decide-R-2");
  await decide.getByLabel("Decision").selectOption("upheld");
  await decide.getByLabel("Note").fill("The down migration is empty: rollback is impossible.");
  await decide.getByRole("button", { name: "Decide" }).click();
  await expect(page.getByTestId("decision-R-2")).toContainText("upheld");

  const link = page.getByTestId("link-form");
  await link.getByLabel("Auditor finding").selectOption({ index: 1 });
  await link.getByLabel("Sampled unit").selectOption({ index: 1 });
  await link.getByRole("button", { name: "Link" }).click();
  await expect(page.getByTestId("finding-links")).toContainText("P-1");
  await expect(page.getByTestId("mvh-auditor-primary")).toContainText("n = 0"); // the unit is not reviewed yet
  await shots(page, "external-audit-finalized");

  // The timeline of the audit records the steps.
  await page.goto(`/audits/${SLUG}`);
  await expect(page.getByTestId("timeline")).toContainText("External audit finalized");
});

test("[EXTERNAL-AUDIT]: an admin saves a new template version and sees the history", async ({ page }) => {
  await signIn(page, USERS.admin);
  await page.goto("/admin/prompts");
  const form = page.getByTestId("template-form-auditor-secondary");
  const body = form.getByRole("textbox");
  await body.fill(`${await body.inputValue()}\n\nExtra rule added by the e2e test.`);
  await form.getByRole("button", { name: /^Save as version/ }).click();
  await expect(form.getByTestId("form-message")).toContainText("Saved auditor-secondary version");
  await page.getByTestId("template-history-auditor-secondary").getByText(/Version history/).click();
  await expect(page.getByTestId("template-history-auditor-secondary")).toContainText("Version 1");
  await shots(page, "admin-prompts");
});
