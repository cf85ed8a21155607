// The foundation's journey: a visitor is sent to sign in; an admin signs in, sees the Users page, signs out.
import { test, expect } from "@playwright/test";
import { ADMIN_EMAIL, ADMIN_PASSWORD, hydrated, screenshot, signIn, unique } from "./helpers";

test("a visitor who is not signed in is sent to the sign-in page", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

test("a wrong password is refused with a message", async ({ page }) => {
  await page.goto("/sign-in");
  await hydrated(page);
  // Once the app runs, the form is sent from the page: the answer arrives without a page load.
  await page.evaluate(() => ((window as unknown as { samePage: boolean }).samePage = true));
  await page.getByLabel("Email").fill(ADMIN_EMAIL);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("Wrong email or password");
  await expect(page).toHaveURL(/\/sign-in$/);
  expect(await page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).toBe(true);
});

test("an admin signs in, sees the Users page, and signs out", async ({ page, context }) => {
  await signIn(page);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Add users" })).toBeVisible();
  await expect(page.getByText(ADMIN_EMAIL)).toBeVisible();

  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === "session");
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");
  await hydrated(page);
  // The list answers a search (whatever users other tests have added, none has this name).
  await page.getByRole("searchbox", { name: "Search users" }).fill(unique("nobody"));
  await expect(page.getByText("No user matches this search.")).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  // The old session no longer opens the Users page.
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("the interface switches to French and remembers it", async ({ page }) => {
  await signIn(page);
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  await hydrated(page);
  await page.getByRole("button", { name: "Français" }).click();
  await expect(page.getByRole("heading", { name: "Utilisateurs" })).toBeVisible();
  // Without a reload, the filters' choices are renamed too.
  await expect(page.locator("#filter-status option")).toHaveText(["Tous", "En attente", "Actif", "Suspendu"]);
  await expect(page.locator("#filter-language option").first()).toHaveText("Tous");
  await page.reload();
  await expect(page.getByRole("heading", { name: "Utilisateurs" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await hydrated(page);
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
});

test("the interface switches to German and remembers it", async ({ page }) => {
  await signIn(page);
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  await hydrated(page);
  await page.getByRole("button", { name: "Deutsch" }).click();
  await expect(page.getByRole("heading", { name: "Benutzer", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Deutsch" })).toHaveAttribute("aria-pressed", "true");
  await page.reload();
  await expect(page.getByRole("heading", { name: "Benutzer", exact: true })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await screenshot(page, "users-page-german");
});

test.describe("before the app's code has loaded (no JavaScript)", () => {
  test.use({ javaScriptEnabled: false });

  test("the sign-in form still refuses a wrong password with a message, and signs in", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(ADMIN_EMAIL);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toContainText("Wrong email or password");
    await page.getByLabel("Email").fill(ADMIN_EMAIL);
    await page.getByLabel("Password").fill(ADMIN_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  });
});
