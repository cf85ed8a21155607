// The admin's own account: the admins list, a password change (the current one required), and the sessions.
// The test changes the e2e admin's password and puts it back, so the other spec files still sign in.
import { test, expect } from "@playwright/test";
import { ADMIN_PASSWORD, hydrated, screenshot, signIn } from "./helpers";

test("an admin sees the admins and their sessions, and changes their password with the current one", async ({ page }) => {
  await signIn(page);
  await hydrated(page);
  await page.getByRole("link", { name: "Admins and your account" }).click();
  await hydrated(page);
  await expect(page.getByRole("heading", { name: "Admins" })).toBeVisible();
  await expect(page.locator("table.admins tbody tr", { hasText: "e2e-admin@example.com" })).toContainText("(you)");
  await expect(page.locator("table.sessions tbody tr.current")).toContainText("this browser");

  const change = async (current: string, next: string) => {
    await page.getByLabel("Current password").fill(current);
    await page.getByLabel("New password").fill(next);
    await page.getByRole("button", { name: "Change password" }).click();
  };
  await change("not the password", "another long password");
  await expect(page.getByRole("alert")).toContainText("The current password is wrong");
  await change(ADMIN_PASSWORD, "another long password");
  await expect(page.locator("#password-changed")).toBeVisible();
  await screenshot(page, "admins-page");
  // Back to the password the other tests use.
  await change("another long password", ADMIN_PASSWORD);
  await expect(page.getByRole("button", { name: "Change password" })).toBeEnabled();
  await expect(page.getByRole("alert")).toHaveCount(0);
  // The password really is the old one again: a fresh sign-in with it works.
  await page.context().clearCookies();
  await signIn(page);
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
});
