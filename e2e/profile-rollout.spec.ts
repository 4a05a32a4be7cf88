/**
 * The rollout expansion gate in the browser (issue 13, seed 004): create a rollout audit, record
 * 10 % reached just now, try to expand to 25 % → refused with the soak-time and checkpoint
 * reasons; enter seed 004 §11.1's table with its stated 6.8 → flagged (recomputed 5.475); five
 * approvers vote 3 GO / 2 NO-GO → GO with the dissent shown; the approval document generated.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./axe-test";
import { shot, signIn, USERS } from "./fixtures";

test.describe.configure({ mode: "serial" });

const DATE = "2026-11-30";
const SLUG = `e2e-rollout-rollout-${DATE}`;
const RUN = Date.now();
const APPROVERS = [1, 2, 3, 4].map((i) => ({ email: `rollout-ap${i}-${RUN}@example.org`, password: `rollout-approver-${i}-pass`, name: `Rollout Approver ${i}` }));

// Seed 004 §11.1 "Scoring Breakdown" as printed (its "Total Weighted Score" says 6.8/10).
const SEED_TABLE = `| Category | Weight | Score | Weighted Score | Rationale |
|----------|--------|-------|----------------|-----------|
| **Deployment Execution Quality** | 20% | 5.5/10 | 1.1 | Rapid expansion, insufficient soak time |
| **Task Coordination** | 15% | 4.5/10 | 0.675 | Poor handoffs, missed stakeholders |
| **Decision Process** | 20% | 3.5/10 | 0.7 | Bypassed checkpoint, no approval documented |
| **Agent Workload Distribution** | 10% | 7.5/10 | 0.75 | Good selection, balanced workloads |
| **Monitoring & Observability** | 15% | 7.0/10 | 1.05 | Infrastructure good, baseline insufficient |
| **Risk Management** | 20% | 6.0/10 | 1.2 | Technical risks OK, process risks ignored |`;

/** Full-page screenshots at 1280 px and 390 px wide. */
async function shots(page: Page, name: string) {
  await shot(page, `${name}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Signs in as `who` and records a vote for the first open role slot of the 25% expansion. */
async function vote(page: Page, who: { email: string; password: string }, choice: "GO" | "NO-GO", rationale: string) {
  await signIn(page, who);
  await page.goto(`/checks/${SLUG}`);
  const form = page.getByRole("form", { name: "Vote on the 25% expansion" });
  await form.getByLabel(choice, { exact: true }).check();
  await form.getByLabel("Rationale").fill(rationale);
  await form.getByRole("button", { name: "Record vote" }).click();
  // The form goes away once every slot is answered, so wait for the vote in the table.
  await expect(page.getByTestId("approval-votes")).toContainText(rationale);
}

test("[ROLLOUT]: a refused expansion (soak time, checkpoints), a flagged quality score, and a 3–2 GO with dissent", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });

  // An admin adds four more approvers: each approver role slot takes a different person.
  await signIn(page, USERS.admin);
  for (const a of APPROVERS) {
    await page.goto("/admin/users");
    const add = page.getByRole("form", { name: "Add user" });
    await add.getByLabel("Email").fill(a.email);
    await add.getByLabel("Name").fill(a.name);
    await add.getByLabel("Initial password").fill(a.password);
    await add.getByLabel("approver").check();
    await add.getByRole("button", { name: "Add user" }).click();
    await expect(page.getByTestId("users")).toContainText(a.email);
  }

  // The operator creates the rollout audit and records 10% reached 25 hours ago.
  await signIn(page, USERS.operator);
  await page.goto("/checks/new");
  await page.getByLabel("Rollout expansion gate").check();
  await page.getByLabel("Project name").fill("e2e-rollout");
  await page.getByLabel("Date").fill(DATE);
  await page.getByLabel("Title").fill("Semantic cache rollout 10% → 25%");
  await page.getByRole("button", { name: "Create checklist audit" }).click();
  await expect(page).toHaveURL(new RegExp(`/checks/${SLUG}$`));
  await expect(page.getByTestId("rollout-current")).toContainText("Not started");
  const start = page.getByRole("form", { name: "Record rollout start" });
  await start.getByLabel("When (UTC, empty = now)").fill(new Date(Date.now() - 25 * 3_600_000).toISOString().slice(0, 16));
  await start.getByLabel("Note (optional)").fill("Feature flags at 10%");
  await start.getByRole("button", { name: "Record 10% reached" }).click();
  await expect(page.getByTestId("rollout-current")).toContainText("At 10% since");
  await expect(page.getByTestId("stage-10")).toContainText("current");
  await expect(page.getByTestId("verdict-subject")).toHaveText("The verdict on the next expansion, to 25%: whether it may go ahead now.");

  // Expanding to 25% now is refused, with the reasons.
  const expand = page.getByRole("form", { name: "Expand to 25%" });
  await expand.getByRole("button", { name: "Expand to 25%" }).click();
  await expect(expand.getByTestId("form-message")).toContainText("Expansion to 25% refused.");
  const refusals = expand.getByTestId("expansion-refusals");
  await expect(refusals).toContainText(/soak time at 10% is 2[45] h( \d+ min)? of the required 48 h/);
  await expect(refusals).toContainText('required checkpoint "hour_24_checkpoint_complete" for 25% is not complete');
  await expect(refusals).toContainText('required checkpoint "hour_48_checkpoint_complete" for 25% is not complete');
  await expect(refusals).toContainText("no expansion approval for 25% is recorded");
  await expect(page.getByTestId("stage-25")).not.toContainText("current");
  await shots(page, "rollout-1-refused");

  // The hour-48 checkpoint cannot be recorded at hour 25 (seed 004 §1.1 "SKIPPED, -33h early").
  const checkpoint = page.getByRole("form", { name: "Record checkpoint" });
  await checkpoint.getByLabel("Checkpoint").selectOption("hour_48_checkpoint_complete");
  await checkpoint.getByRole("button", { name: "Record checkpoint complete" }).click();
  await expect(checkpoint.getByTestId("form-message")).toContainText('"hour_48_checkpoint_complete" is due 48 h after the rollout started');
  await expect(checkpoint.getByLabel("Checkpoint")).toHaveValue("hour_48_checkpoint_complete");
  await expect(page.getByTestId("rollout-checkpoints")).toContainText("from hour 48, before 25%");

  // A checkpoint recorded with its note.
  await checkpoint.getByLabel("Checkpoint").selectOption("hour_24_checkpoint_complete");
  await checkpoint.getByLabel("Note (optional)").fill("Hour-24 report filed");
  await checkpoint.getByRole("button", { name: "Record checkpoint complete" }).click();
  await expect(page.getByTestId("rollout-checkpoints")).toContainText("Hour-24 report filed");

  // Seed 004 §11.1: the stated 6.8 does not match the recomputed 5.475.
  const quality = page.getByRole("form", { name: "Check a weighted quality score" });
  await quality.getByLabel("Report", { exact: true }).fill("Orchestration audit §11.1");
  await quality.getByLabel("Category table").fill(SEED_TABLE);
  await quality.getByLabel("Overall score the report states").fill("6.8");
  await quality.getByRole("button", { name: "Recompute and record" }).click();
  const score = page.getByTestId("quality-score").first();
  await expect(score.getByTestId("quality-stated")).toHaveText("6.8");
  await expect(score.getByTestId("quality-recomputed")).toHaveText("5.475");
  await expect(score).toContainText("mismatch: 1.325 apart");

  // Five approvers vote: 3 GO, 2 NO-GO.
  await vote(page, USERS.approver, "GO", "Error rate and p95 within budget");
  await vote(page, APPROVERS[0], "GO", "Metrics validated against baseline");
  await vote(page, APPROVERS[1], "NO-GO", "Hour-48 checkpoint report not filed yet");
  await vote(page, APPROVERS[2], "GO", "No open security findings");
  await expect(page.getByTestId("approval-decision-value")).toHaveText("PENDING");
  await vote(page, APPROVERS[3], "NO-GO", "P1 fix for cache eviction still in review");
  await expect(page.getByTestId("approval-decision-value")).toHaveText("GO");
  await expect(page.getByTestId("approval-decision")).toContainText("3 GO, 2 NO-GO");
  const dissent = page.getByTestId("approval-dissent");
  await expect(dissent).toContainText("Rollout Approver 2");
  await expect(dissent).toContainText("Hour-48 checkpoint report not filed yet");
  await expect(dissent).toContainText("Rollout Approver 4");
  await expect(page.getByRole("form", { name: "Vote on the 25% expansion" })).toHaveCount(0);
  await shots(page, "rollout-2-approval");

  // The operator generates the approval document; the expansion is still refused (soak time).
  await signIn(page, USERS.operator);
  await page.goto(`/checks/${SLUG}`);
  const approval = page.getByRole("form", { name: "Generate the 25% approval document" });
  await approval.getByLabel("Rationale").fill("Majority GO; dissent recorded.");
  await approval.getByLabel("Metrics summary").fill("Error rate 0.02%, p95 180 ms");
  await approval.getByLabel("Security status").fill("No open findings");
  await approval.getByLabel("Risk assessment").fill("Medium: soak time not met yet");
  await approval.getByLabel("Conditions (one a line, optional)").fill("Complete the hour-48 checkpoint first");
  await approval.getByRole("button", { name: "Generate 25_EXPANSION_APPROVAL.md" }).click();
  await expect(page.getByTestId("approval-documents")).toContainText("25_EXPANSION_APPROVAL.md");
  const download = page.waitForEvent("download");
  await page.getByTestId("approval-documents").getByRole("link", { name: "25_EXPANSION_APPROVAL.md" }).click();
  expect((await download).suggestedFilename()).toBe("25_EXPANSION_APPROVAL.md");
  await page.getByRole("form", { name: "Expand to 25%" }).getByRole("button", { name: "Expand to 25%" }).click();
  await expect(page.getByTestId("expansion-refusals")).toContainText(/soak time at 10% is/);
  await expect(page.getByTestId("expansion-refusals")).not.toContainText("no expansion approval");
  await shots(page, "rollout-3-operator");
});
