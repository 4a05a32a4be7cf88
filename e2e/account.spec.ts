import { type Browser, type Page } from "@playwright/test";
import { expect, test } from "./axe-test";
import { signIn, USERS } from "./fixtures";

/*
 * Issue 10 "Sign-in and sessions": own password change, deactivation, sign-out revoking copied
 * cookies. Each test works on a user it adds itself, so the demo users keep their passwords and
 * sessions for the other specs.
 */

/** Adds a reviewer with a unique email through Admin → Users (the page must be signed in as admin). */
async function addUser(page: Page, label: string): Promise<{ email: string; password: string }> {
  const who = { email: `${label}-${Date.now()}@example.org`, password: `${label}-password-1` };
  await page.goto("/admin/users");
  const add = page.getByRole("form", { name: "Add user" });
  await add.getByLabel("Email").fill(who.email);
  await add.getByLabel("Name").fill(`E2E ${label}`);
  await add.getByLabel("Initial password").fill(who.password);
  await add.getByLabel("reviewer").check();
  await add.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByTestId("users")).toContainText(who.email);
  return who;
}

/** A second, independent browser signed in as `who`. */
async function secondBrowser(browser: Browser, who: { email: string; password: string }) {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const page = await context.newPage();
  await signIn(page, who);
  return { context, page };
}

test("[ACCOUNT]: a user changes their own password, stays signed in, and signs in with the new one", async ({ page }) => {
  await signIn(page, USERS.admin);
  const who = await addUser(page, "pw-change");
  await signIn(page, who);
  await page.getByRole("link", { name: "Account" }).click();
  await expect(page).toHaveURL(/\/account$/);

  const form = page.getByRole("form", { name: "Change password" });
  await form.getByLabel("Current password").fill("not-the-password");
  await form.getByLabel("New password", { exact: true }).fill("pw-change-new-password");
  await form.getByLabel("New password again").fill("pw-change-new-password");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByTestId("current-password-error")).toContainText("not right");

  await form.getByLabel("Current password").fill(who.password);
  await form.getByLabel("New password", { exact: true }).fill("pw-change-new-password");
  await form.getByLabel("New password again").fill("pw-change-new-password");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByTestId("form-message")).toContainText("Password changed");

  // This browser's session was re-issued: still signed in after a reload.
  await page.reload();
  await expect(page.getByTestId("current-user")).toBeVisible();

  await page.context().clearCookies();
  await page.goto("/login");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("login-error")).toContainText("Email or password is wrong");

  await signIn(page, { email: who.email, password: "pw-change-new-password" });
});

test("[ACCOUNT]: an admin deactivates a user: their open session stops working and they cannot sign in", async ({ page, browser }) => {
  await signIn(page, USERS.admin);
  const who = await addUser(page, "deactivate");
  const other = await secondBrowser(browser, who);

  await page.goto("/admin/users");
  await page.getByRole("form", { name: `Access of ${who.email}` }).getByRole("button", { name: "Deactivate" }).click();
  await expect(page.getByRole("form", { name: `Access of ${who.email}` }).getByRole("button", { name: "Reactivate" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: who.email })).toContainText("deactivated");

  await other.page.goto("/");
  await expect(other.page).toHaveURL(/\/login/);
  await expect(other.page.getByTestId("current-user")).toHaveCount(0);
  await other.page.getByLabel("Email").fill(who.email);
  await other.page.getByLabel("Password").fill(who.password);
  await other.page.getByRole("button", { name: "Sign in" }).click();
  await expect(other.page.getByTestId("login-error")).toContainText("Email or password is wrong");
  await other.context.close();
});

test("[ACCOUNT]: a copied session cookie stops working after sign-out", async ({ page, browser }) => {
  await signIn(page, USERS.admin);
  const who = await addUser(page, "signout");
  await signIn(page, who);

  const copy = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  await copy.addCookies(await page.context().cookies());
  const copyPage = await copy.newPage();
  await copyPage.goto("/");
  await expect(copyPage.getByTestId("current-user")).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  await copyPage.goto("/");
  await expect(copyPage).toHaveURL(/\/login/);
  await expect(copyPage.getByTestId("current-user")).toHaveCount(0);
  expect(await (await copy.request.get("/api/auth/session")).json()).toEqual({});
  await copy.close();
});
