import { expect, test } from "./axe-test";
import { BAD_CSV, chooseFile, createAudit, shot, signIn, USERS } from "./fixtures";

test("[AUTH]: requests without a session are refused and pages redirect to sign-in", async ({ page, playwright }) => {
  const api = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  expect((await api.post("/api/audits/anything/import?fileName=a.csv&format=csv", { data: "unit_key\n1" })).status()).toBe(401);
  expect((await api.get("/api/audits/anything/progress")).status()).toBe(401);
  await api.dispose();
  await page.goto("/audits/new");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Faudits%2Fnew/);
});

test("[AUTH]: a reviewer cannot open the new-audit form", async ({ page }) => {
  await signIn(page, USERS.reviewer);
  await page.goto("/audits/new");
  await expect(page.getByTestId("forbidden")).toContainText("operator");
  await expect(page.getByRole("button", { name: "Create audit" })).toHaveCount(0);
});

test("[ADMIN]: admin adds a user and changes roles; repeated failed sign-ins lock the account", async ({ page }) => {
  await signIn(page, USERS.admin);
  await page.getByRole("link", { name: "Users" }).click();
  const add = page.getByRole("form", { name: "Add user" });
  await add.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByTestId("new-email-error")).toContainText("valid email");
  await expect(page.getByTestId("new-roles-error")).toContainText("at least one role");
  await add.getByLabel("Email").fill("casey@example.org");
  await add.getByLabel("Name").fill("Casey Checker");
  await add.getByLabel("Initial password").fill("casey-password-1");
  await add.getByLabel("reviewer").check();
  await add.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByTestId("users")).toContainText("casey@example.org");
  const roles = page.getByRole("form", { name: "Roles of casey@example.org" });
  await roles.getByLabel("operator").check();
  await roles.getByRole("button", { name: "Save roles" }).click();
  await expect(roles.getByText("Roles saved.")).toBeVisible();
  await shot(page, "12-users");

  await page.context().clearCookies();
  await page.goto("/login");
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Email").fill("casey@example.org");
    await page.getByLabel("Password").fill(`wrong-password-${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("login-error")).toHaveText(/Email or password is wrong|Too many failed sign-ins/);
  }
  await page.getByLabel("Password").fill("casey-password-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("login-error")).toContainText("Too many failed sign-ins");
  await shot(page, "13-login-locked");
});

test("[IMPORT]: a bad population file is refused with its bad rows, and nothing is imported", async ({ page }) => {
  await signIn(page, USERS.operator);
  const slug = await createAudit(page, { projectName: "e2e-bad-import", date: "2026-11-22", title: "Bad import (e2e)", tier: 1 });
  await page.goto(`/audits/${slug}/import`);
  await chooseFile(page, BAD_CSV);
  await page.getByRole("button", { name: "Import population" }).click();
  const errors = page.getByTestId("import-errors");
  await expect(errors).toContainText("nothing was imported");
  await expect(errors).toContainText('unknown execution_status "DONE"');
  await expect(errors).toContainText("unit_key is missing");
  await expect(errors).toContainText('duplicate unit_key "a-1" (first seen on row 2)');
  await expect(errors.locator("tbody tr").first()).toContainText("3");
  await shot(page, "14-import-errors");
  await page.goto(`/audits/${slug}`);
  await expect(page.getByRole("link", { name: "Import population" })).toBeVisible();
  await expect(page.getByTestId("verdict-reasons")).toContainText("NO_POPULATION");
});

test("[AUDIT]: an eventual-consistency audit is blocked at once with a consistency-model violation", async ({ page }) => {
  await signIn(page, USERS.operator);
  const slug = await createAudit(page, { projectName: "e2e-eventual", date: "2026-11-22", title: "Cassandra backfill (e2e)", tier: 3, consistency: "Eventual" });
  await expect(page.getByTestId("gate-state")).toHaveText("BLOCKED");
  await expect(page.getByTestId("verdict-reasons")).toContainText("CONSISTENCY_MODEL_VIOLATION");
  await expect(page.getByTestId("consistency-violation")).toBeVisible();
  await expect(page.getByRole("link", { name: "Import population" })).toHaveCount(0);
  await shot(page, "15-eventual-blocked");
  await page.goto(`/audits/${slug}/import`);
  await expect(page.getByText("no population can be imported")).toBeVisible();
});
