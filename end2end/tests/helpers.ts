// Shared steps of the browser tests.
import { expect, Page } from "@playwright/test";

export const ADMIN_EMAIL = "e2e-admin@example.com";
export const ADMIN_PASSWORD = "e2e-password-long-enough";

/** Waits until the wasm has hydrated the page: a click before that would be lost. */
export async function hydrated(page: Page) {
  await expect(page.locator("body[data-hydrated='true']")).toHaveCount(1);
}

export async function signIn(page: Page, email = ADMIN_EMAIL, password = ADMIN_PASSWORD) {
  await page.goto("/sign-in");
  await hydrated(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `screenshots/${name}.png`, fullPage: true });
}

/** The panel's body scrolls inside a fixed panel: this captures the whole grid, not just what fits on screen. */
export async function gridScreenshot(page: Page, name: string) {
  await page.locator(".grid-scroll").screenshot({ path: `screenshots/${name}.png` });
}
