// The pages write no warning and no error to the browser's console (the debug build's wasm reports a signal read
// outside any reactive context, a failed hydration or a panic there), while an admin goes through them.
import { test, expect, type ConsoleMessage, type Page } from "@playwright/test";
import { HEADER, dropFile, hydrated, openPanel, signIn, unique } from "./helpers";

function watch(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (message: ConsoleMessage) => {
    if (message.type() === "warning" || message.type() === "error") seen.push(`${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => seen.push(`${page.url()}: ${error.message}`));
  return seen;
}

test("the admin's pages write nothing to the console's warnings and errors", async ({ page }) => {
  const seen = watch(page);
  await page.goto("/sign-in");
  await hydrated(page);
  await signIn(page);
  await hydrated(page);
  await page.getByRole("button", { name: "Français" }).click();
  await expect(page.getByRole("heading", { name: "Utilisateurs" })).toBeVisible();
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  await openPanel(page);
  const who = unique("console");
  await dropFile(page, "learners.csv", `${HEADER}\r\nAna,Lopez,${who}@example.org,,FR,fr\r\nLuc,,bad-email,,XX,fr\r\n`);
  await expect(page.locator("#import-grid tbody tr")).toHaveCount(2);
  for (const path of ["/imports", "/activity", "/admins", "/tokens"]) {
    await page.goto(path);
    await hydrated(page);
  }
  expect(seen).toEqual([]);
});
