import { createAudit, shot, signIn, USERS } from "./fixtures";
import { expect, test } from "./axe-test";

/*
 * Issue 10 "Access by project": an admin adds a project and a user whose reviewer role holds in
 * that project only; that user sees only that project's audits, and another project's audit is a
 * 404 for them.
 */

test("[PROJECTS]: a reviewer granted one project sees only its audits", async ({ page }) => {
  await signIn(page, USERS.operator);
  const alpha = await createAudit(page, { projectName: "e2e-alpha", date: "2031-03-01", title: "Alpha change", tier: 1 });
  const beta = await createAudit(page, { projectName: "e2e-beta", date: "2031-03-01", title: "Beta change", tier: 1 });

  await signIn(page, USERS.admin);
  await page.getByRole("link", { name: "Projects" }).click();
  await expect(page.getByRole("heading", { name: "Projects and members" })).toBeVisible();
  const addProject = page.getByRole("form", { name: "Add project" });
  await addProject.getByRole("button", { name: "Add project" }).click();
  await expect(page.getByTestId("project-name-error")).toContainText("Project name is required");
  await addProject.getByLabel("Project name").fill("e2e-alpha");
  await addProject.getByRole("button", { name: "Add project" }).click();
  await expect(addProject.getByTestId("form-message")).toContainText("already exists");

  const who = { email: `scoped-${Date.now()}@example.org`, password: "scoped-password-1" };
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
  const add = page.getByRole("form", { name: "Add user" });
  await add.getByLabel("Email").fill(who.email);
  await add.getByLabel("Name").fill("Scoped Reviewer");
  await add.getByLabel("Initial password").fill(who.password);
  await add.getByLabel("reviewer").check();
  await add.getByLabel("Roles apply in").selectOption({ label: "Only e2e-alpha" });
  await add.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByTestId("users")).toContainText(who.email);

  await page.goto("/admin/projects");
  const alphaCard = page.getByTestId("project").filter({ has: page.getByRole("heading", { name: "e2e-alpha" }) });
  await expect(alphaCard).toContainText(who.email);
  await expect(alphaCard.getByRole("form", { name: `Project roles of ${who.email}` }).getByLabel("reviewer")).toBeChecked();
  await shot(page, "projects-1280");
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "projects-390");
  await page.setViewportSize({ width: 1280, height: 900 });

  await signIn(page, who);
  await expect(page.getByRole("link", { name: "Alpha change" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Beta change" })).toHaveCount(0);
  const res = await page.goto(`/audits/${beta}`);
  expect(res?.status()).toBe(404);
  await page.goto(`/audits/${alpha}`);
  await expect(page.getByRole("heading", { name: "Alpha change" })).toBeVisible();
});
