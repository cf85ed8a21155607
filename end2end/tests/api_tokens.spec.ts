// API tokens: create one (the secret shown once, copied with the button), reload (the secret is gone, the token
// listed), revoke it after the confirmation dialog, by keyboard, and see it marked revoked; the page passes an axe
// audit.
import { test, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { hydrated, screenshot, signIn, unique } from "./helpers";

const TOKEN = /^bi_[A-Za-z0-9_-]{43}$/;

test("create an API token, see it once, copy it, and revoke it after confirming", async ({ page, context, request }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const name = unique("SIS nightly");
  await signIn(page);
  await hydrated(page);
  await page.getByRole("link", { name: "API tokens" }).click();
  await page.waitForURL("**/tokens");
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();

  // A name is required: the browser refuses an empty one before anything is sent.
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByLabel("Name")).toHaveJSProperty("validity.valueMissing", true);
  await expect(page.locator(".secret-box")).toHaveCount(0);

  // A number of days of our own: the field appears for it.
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Expires").selectOption({ label: "After a number of days…" });
  await page.getByLabel("Number of days (1 to 3650)").fill("45");
  await page.getByRole("button", { name: "Create token" }).click();

  const box = page.getByRole("region", { name: "Copy the new token now" });
  await expect(box).toBeVisible();
  await expect(box).toContainText("It will not be shown again");
  const secret = await box.getByLabel("The new token").inputValue();
  expect(secret).toMatch(TOKEN);
  // The box takes the focus, on its Copy button.
  await expect(box.getByRole("button", { name: "Copy" })).toBeFocused();
  await box.getByRole("button", { name: "Copy" }).click();
  await expect(box.getByRole("status")).toHaveText("Copied to the clipboard.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await expect(page.getByLabel("Name")).toHaveValue("");
  // The token works on the HTTP API (from a client without the browser's session).
  const users = () => request.get("/api/v1/users", { headers: { Authorization: `Bearer ${secret}` } });
  expect((await users()).status()).toBe(200);

  const row = page.locator("table.tokens tbody tr", { hasText: name });
  await expect(row).toContainText("e2e-admin@example.com");
  await expect(row).toContainText("live");
  await expect(row.locator("td").nth(4)).toHaveText("never");
  await screenshot(page, "api-token-created");

  const audit = await new AxeBuilder({ page }).include("main").analyze();
  expect(audit.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // Reload: the secret is gone for good, the token stays listed.
  await page.reload();
  await hydrated(page);
  await expect(page.locator(".secret-box")).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);
  await expect(row).toContainText("live");
  // The API call above is its last use.
  await expect(row.locator("td").nth(4)).not.toHaveText("never");

  // Revoke, by keyboard: the dialog opens on Cancel (the safe choice), Escape closes it and nothing changes.
  const revoke = row.getByRole("button", { name: `Revoke ${name}` });
  await revoke.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("alertdialog", { name: `Revoke “${name}”?` });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("cannot be undone");
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await screenshot(page, "api-token-revoke-dialog");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(row).toContainText("live");

  await revoke.focus();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Shift+Tab");
  await expect(dialog.getByRole("button", { name: "Revoke" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(page.locator("#token-notice")).toHaveText(`The token “${name}” was revoked.`);
  await expect(row).toContainText("revoked");
  await expect(row.getByRole("button", { name: /Revoke/ })).toHaveCount(0);
  await screenshot(page, "api-token-revoked");
  expect((await users()).status()).toBe(401);

  // Still revoked after a reload; the activity log has the creation and the revocation.
  await page.reload();
  await hydrated(page);
  await expect(row).toContainText("revoked");
  await page.goto("/activity");
  await hydrated(page);
  await page.locator("#filter-action").selectOption("token.revoke");
  await expect(page.locator("table.activity tbody tr").first()).toContainText("API token revoked");
  await page.locator("#filter-action").selectOption("token.create");
  await expect(page.locator("table.activity tbody tr").first()).toContainText("API token created");
});
