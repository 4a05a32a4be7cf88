/**
 * The home page's checklist audits list pages (issue 13; "pagination for long lists"): 21 rollout
 * audits in one project, 20 per page, newest first; "Next →" moves the checklist list only
 * (?checks=2) and the sampling audits' stage filter keeps its place; a page past the end shows
 * the last page. The project's page lists the same audits, paged by ?checks= too. An operator
 * archives a checklist audit (read-only, out of the default list, back with "Show archived") and
 * restores it.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./axe-test";
import { shot, signIn, USERS } from "./fixtures";

const PROJECT = "e2e-paged";
const COUNT = 21;
const date = (i: number) => `2026-01-${String(i).padStart(2, "0")}`;
const slug = (i: number) => `${PROJECT}-rollout-${date(i)}`;

async function createRollout(page: Page, i: number) {
  await page.goto("/checks/new");
  await page.getByLabel("Rollout expansion gate").check();
  await page.getByLabel("Project name").fill(PROJECT);
  await page.getByLabel("Date").fill(date(i));
  await page.getByLabel("Title").fill(`Paged rollout ${i}`);
  await page.getByRole("button", { name: "Create checklist audit" }).click();
  await expect(page).toHaveURL(new RegExp(`/checks/${slug(i)}$`));
}

test("the checklist audits list pages 20 at a time, newest first, apart from the audits list", async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, USERS.operator);
  for (let i = 1; i <= COUNT; i++) await createRollout(page, i);

  await page.goto("/");
  const list = page.getByTestId("checklist-audits");
  await expect(list.locator("tbody tr")).toHaveCount(20);
  await expect(list.locator("tbody tr").first()).toContainText(slug(COUNT));
  await expect(list).not.toContainText(slug(1));
  const pages = page.getByRole("navigation", { name: "Checklist audit pages" });
  await expect(pages.locator("p")).toContainText(/Rows 1–20 of \d+ · page 1 of \d+/);
  await expect(pages.getByText("← Previous")).not.toHaveAttribute("href");
  await shot(page, "checklist-list-page1-1280");

  await pages.getByRole("link", { name: "Next →" }).click();
  await expect(page).toHaveURL(/\/\?checks=2#checklist-audits-heading$/);
  await expect(list).toContainText(slug(1));
  await expect(list).not.toContainText(slug(COUNT));
  await expect(pages.locator("p")).toContainText(/Rows 21–\d+ of \d+ · page 2 of \d+/);
  // The sampling audits' filters keep the checklist list's page.
  await expect(page.getByTestId("stage-filter").getByRole("link", { name: "All stages" })).toHaveAttribute("href", "/?checks=2");
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "checklist-list-page2-390");
  await page.setViewportSize({ width: 1280, height: 900 });

  // A page past the end shows the last page; junk reads as page 1.
  await page.goto("/?checks=99999999999999999999");
  await expect(pages.locator("p")).toContainText(/page (\d+) of \1/);
  await expect(list).toContainText(slug(1));
  await page.goto("/?checks=abc");
  await expect(list.locator("tbody tr").first()).toContainText(slug(COUNT));

  // The project's page lists its own checklist audits, paged the same way.
  await list.locator("tbody tr").first().getByRole("link", { name: `project ${PROJECT}` }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${PROJECT}$`));
  await expect(page.getByText("No sampling audits in this project yet.")).toBeVisible();
  await expect(list).not.toContainText(`project ${PROJECT}`); // no link to the page it is on
  await expect(list.locator("tbody tr")).toHaveCount(20);
  await expect(pages.locator("p")).toContainText("Rows 1–20 of 21 · page 1 of 2");
  await pages.getByRole("link", { name: "Next →" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${PROJECT}\\?checks=2#checklist-audits-heading$`));
  await expect(list.locator("tbody tr")).toHaveCount(1);
  await expect(list).toContainText(slug(1));
  await shot(page, "checklist-list-project-1280");
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "checklist-list-project-390");
});

test("an operator archives a checklist audit: read-only and out of the default list until restored", async ({ page }) => {
  await signIn(page, USERS.operator);
  const archived = "e2e-archive-rollout-2026-02-01";
  await page.goto("/checks/new");
  await page.getByLabel("Rollout expansion gate").check();
  await page.getByLabel("Project name").fill("e2e-archive");
  await page.getByLabel("Date").fill("2026-02-01");
  await page.getByLabel("Title").fill("Rollout to archive");
  await page.getByRole("button", { name: "Create checklist audit" }).click();
  await expect(page).toHaveURL(new RegExp(`/checks/${archived}$`));
  const start = page.getByRole("form", { name: "Record rollout start" });
  await expect(start).toBeVisible();

  // A 300-character title without a space wraps inside the page at 390 px.
  const longTitle = "x".repeat(300);
  const add = page.getByTestId("add-finding");
  await add.getByLabel("Title").fill(longTitle);
  await add.getByLabel("Severity").selectOption("LOW");
  await add.getByRole("button", { name: "Add finding" }).click();
  await expect(page.getByTestId("findings")).toContainText(longTitle);
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.getByRole("button", { name: "Archive audit" }).click();
  await expect(page.getByTestId("archived-banner")).toContainText("hidden from the lists and read-only");
  await expect(start).toHaveCount(0);
  await expect(page.getByTestId("add-finding")).toHaveCount(0);
  await expect(page.getByTestId("timeline")).toContainText("Checklist audit archived");
  await shot(page, "checklist-archived-1280");
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "checklist-archived-390");
  await page.setViewportSize({ width: 1280, height: 900 });

  // Out of the home page's list, back with "Show archived", badged.
  await page.goto("/");
  const list = page.getByTestId("checklist-audits");
  await expect(list).not.toContainText(archived);
  await page.getByTestId("checklist-archived-toggle").click();
  await expect(page).toHaveURL(/archived=1/);
  const row = list.locator("tr", { hasText: archived });
  await expect(row).toContainText("Archived");
  // The project's page lists it too, badged.
  await page.goto("/projects/e2e-archive");
  await expect(list.locator("tr", { hasText: archived })).toContainText("Archived");

  await page.goto(`/checks/${archived}`);
  await page.getByRole("button", { name: "Restore audit" }).click();
  await expect(page.getByTestId("archived-banner")).toHaveCount(0);
  await expect(start).toBeVisible();
  await page.goto("/");
  await expect(list).toContainText(archived);
});
