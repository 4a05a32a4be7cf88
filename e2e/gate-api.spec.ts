/**
 * Gate API for pipelines, through the browser and HTTP: an admin creates a token (shown once),
 * a pipeline reads closure_gate_status.json with it, another project's token gets 403, no or a bad
 * token 401, and after revocation (confirmed, naming the token) the same token gets 401.
 */
import { type Page } from "@playwright/test";
import { analyzeNow, expect, test } from "./axe-test";
import { shot, signIn, USERS } from "./fixtures";

async function createToken(page: Page, name: string, project = "") {
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Project (empty = every project)").fill(project);
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByTestId("form-message")).toContainText(`Token "${name}" created`);
  return page.getByTestId("new-api-token").inputValue();
}

test("[GATE-API]: a pipeline reads the gate with an admin's token; other projects get 403, no token 401, a revoked token 401", async ({ page }) => {
  await signIn(page, USERS.operator);
  // The demo audit is on its project page whatever page of the audit list it fell to.
  await page.goto("/projects/geonames-dedup");
  const href = (await page.getByRole("link", { name: /GeoNames city de-duplication release/ }).first().getAttribute("href"))!;
  const slug = href.split("/").at(-1)!;

  await signIn(page, USERS.admin);
  await page.getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();
  const token = await createToken(page, "deploy pipeline");
  expect(token).toMatch(/^csg_[A-Za-z0-9_-]{43}$/);
  const otherProject = await createToken(page, "other team", "some-other-project");
  await expect(page.getByTestId("api-tokens")).toContainText("deploy pipeline");

  const gate = (bearer?: string) => page.request.get(`/api/v1/audits/${slug}/gate`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
  const ok = await gate(token);
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toMatchObject({ audit_slug: slug, gate_state: "BLOCKED", verdict: "INCONCLUSIVE", release_allowed: false });
  expect((await gate()).status()).toBe(401);
  expect((await gate(`csg_${"x".repeat(43)}`)).status()).toBe(401);
  expect((await gate(otherProject)).status()).toBe(403);
  expect((await page.request.get(`/api/v1/audits/no-such-audit-2026-01-01/gate`, { headers: { authorization: `Bearer ${token}` } })).status()).toBe(404);

  await page.reload();
  const row = page.getByRole("row", { name: /deploy pipeline/ });
  await expect(row.getByTestId("token-last-used")).not.toHaveText("never");
  const { violations } = await analyzeNow(page);
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await shot(page, "30-api-tokens-1280");
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "30-api-tokens-390");
  await page.setViewportSize({ width: 1280, height: 900 });

  let question = "";
  page.once("dialog", (d) => {
    question = d.message();
    void d.accept();
  });
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("revoked");
  expect(question).toContain('"deploy pipeline"');
  expect((await gate(token)).status()).toBe(401);
});
