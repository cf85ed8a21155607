// Shared steps of the browser tests. Every spec file makes its own data (unique emails through `unique`), so each
// runs alone or with the others, in any order.
import { expect, Page } from "@playwright/test";

export const ADMIN_EMAIL = "e2e-admin@example.com";
export const ADMIN_PASSWORD = "e2e-password-long-enough";
export const HEADER = "firstname,lastname,email,identifier,country,language";

const RUN = Date.now().toString(36);
let made = 0;

/** A word no other test (nor an earlier run against the same database) uses: `label-<run><n>`. */
export function unique(label: string): string {
  made += 1;
  return `${label}-${RUN}${made}`;
}

/** Waits until the wasm has hydrated the page: a click before that would be lost. */
export async function hydrated(page: Page) {
  await expect(page.locator("body[data-hydrated='true']")).toHaveCount(1);
}

/** Signs in and waits to be sent on from the sign-in page (a step taken before that would act on the old page). */
export async function signIn(page: Page, email = ADMIN_EMAIL, password = ADMIN_PASSWORD) {
  await page.goto("/sign-in");
  await hydrated(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}

/** Signs in and opens the Add users panel. */
export async function openPanel(page: Page) {
  await signIn(page);
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  await hydrated(page);
  await page.getByRole("button", { name: "Add users" }).click();
  await expect(page.getByRole("dialog", { name: "Add users" })).toBeVisible();
}

/** Drops a file on the panel's drop zone the way a browser does: dragover, then a drop carrying a DataTransfer. */
export async function dropFile(page: Page, name: string, text: string) {
  const dataTransfer = await page.evaluateHandle(
    ([name, text]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type: "text/csv" }));
      return dt;
    },
    [name, text],
  );
  await page.dispatchEvent("#drop-zone", "dragover", { dataTransfer });
  await page.dispatchEvent("#drop-zone", "drop", { dataTransfer });
}

/** Saves what the admin sees as end2end/screenshots/NAME.png; the README lists the ones taken and why. */
export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `screenshots/${name}.png`, fullPage: true });
}
