// Inviting an admin by email: an admin invites a new address from the admins page, sees the open invitation,
// cannot invite it twice; the invitee opens the link from the email (an .eml file the e2e server writes), chooses
// a password, lands signed in on the Users page, and the link no longer works.
import { test, expect } from "@playwright/test";
import { hydrated, screenshot, signIn, unique } from "./helpers";
import { adminAcceptLink, waitForEmail } from "./mail";

test("an admin invites a new admin, who accepts the link, chooses a password and is signed in", async ({ page }) => {
  const invitee = `${unique("new-admin")}@example.com`;
  await signIn(page);
  await page.goto("/admins");
  await hydrated(page);
  await expect(page.locator("#no-admin-invitations")).toBeVisible();

  await page.getByLabel("Email of the new admin").fill(invitee);
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  await expect(page.locator("#admin-invited")).toContainText(invitee);
  await expect(page.getByLabel("Email of the new admin")).toHaveValue("");
  const row = page.locator("table.admin-invitations tbody tr", { hasText: invitee });
  await expect(row).toContainText("e2e-admin@example.com");

  // The same address again is refused, clearly.
  await page.getByLabel("Email of the new admin").fill(invitee.toUpperCase());
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("already invited");

  // The email leaves through the delivery worker; once sent, the page shows when its link expires.
  const email = await waitForEmail(invitee);
  expect(email).toContain("e2e-admin@example.com invites you to become an admin");
  await expect
    .poll(async () => {
      await page.reload();
      await hydrated(page);
      return row.locator(".invitation-state").textContent();
    })
    .toBe("sent");
  await expect(row.locator("time")).toHaveCount(2);
  await screenshot(page, "admins-invitation");

  // The invitee, in a browser of their own, opens the link and chooses a password.
  const link = adminAcceptLink(email);
  await page.context().clearCookies();
  await page.goto(link);
  await hydrated(page);
  await expect(page.getByRole("heading", { name: "Become an admin" })).toBeVisible();
  await expect(page.getByText(invitee)).toBeVisible();
  await screenshot(page, "admin-accept");
  await page.getByLabel("Your password").fill("short");
  await page.getByLabel("Your password").evaluate((input: HTMLInputElement) => input.removeAttribute("minlength"));
  await page.getByRole("button", { name: "Create my admin account" }).click();
  await expect(page.getByRole("alert")).toContainText("at least 12 characters");
  await page.getByLabel("Your password").fill("the new admin's password");
  await page.getByRole("button", { name: "Create my admin account" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  await expect(page.getByText(invitee)).toBeVisible();

  // The link is used up; the invitation is no longer open; the new admin is on the list.
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
  await page.goto("/admins");
  await hydrated(page);
  await expect(page.locator("table.admins tbody tr", { hasText: invitee })).toContainText("(you)");
  await expect(page.locator("#no-admin-invitations")).toBeVisible();

  // And signs in again with the chosen password.
  await page.context().clearCookies();
  await signIn(page, invitee, "the new admin's password");
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
});
