// The import as something to look back on and take back: the history and an import's page, the error report
// downloaded, fixed and dropped again, the same file warned about, and an undo that removes the Pending users
// while a learner who activated stays. Each test makes its own users, with emails no other test uses.
import { test, expect, Page } from "@playwright/test";
import * as fs from "node:fs";
import { HEADER, dropFile, hydrated, openPanel, screenshot, signIn, unique } from "./helpers";
import { acceptLink, waitForEmail } from "./mail";

/** Confirms the panel's file; with errors left, through "ignore errors". */
async function confirm(page: Page, ignoreErrors: boolean) {
  await page.getByRole("button", { name: "Confirm and add users" }).click();
  if (ignoreErrors) {
    const dialog = page.getByRole("alertdialog", { name: "Some rows still have errors" });
    await dialog.getByRole("button", { name: /Ignore errors and add/ }).click();
  }
  await expect(page.locator("#import-banner")).toContainText("added with status Pending");
}

test("the error report of an import downloads, is fixed and imports the rest without a warning", async ({ page }) => {
  const [ana, luc, mia] = [unique("ana"), unique("luc"), unique("mia")];
  await openPanel(page);
  const file = [HEADER, `Ana,Roux,${ana}@example.org,,FR,fr`, `Luc,Martin,${luc}@example,,FR,fr`, `Mia,Weber,${mia}@example.org,,DE,EN`]
    .join("\r\n");
  await dropFile(page, "report.csv", file + "\r\n");
  await expect(page.locator("#import-banner")).toContainText("1 user ready, 2 rows with errors.");
  await confirm(page, true);
  await expect(page.locator("#import-banner")).toContainText("1 user added with status Pending, 2 rows skipped.");

  // The panel links to the import's page, which lists every row's outcome and offers the report.
  await page.locator("#panel-history").click();
  await expect(page.getByRole("heading", { name: /Import #\d+/ })).toBeVisible();
  await hydrated(page);
  await expect(page.locator(".counts")).toContainText("1 added, 2 skipped with errors, 0 already in the portal");
  await expect(page.locator("table.import-rows tbody tr")).toHaveCount(3);
  await expect(page.locator("table.import-rows tr.row-skipped").first()).toContainText("Not a valid email address");
  await screenshot(page, "import-page");
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#download-report").click()]);
  expect(download.suggestedFilename()).toBe("report-errors.csv");
  const report = fs.readFileSync(await download.path(), "utf8");
  expect(report.startsWith("\ufeff" + HEADER + ",groups,status,errors\r\n")).toBe(true);
  expect(report).not.toContain(ana);
  expect(report).toContain(`${luc}@example,`);

  // Fixed in a "spreadsheet", the report is dropped again: no warning for its errors column, two rows ready.
  const fixed = report.replace(`${luc}@example,`, `${luc}@example.org,`).replace(",DE,EN,", ",DE,en,");
  await page.goto("/");
  await hydrated(page);
  await page.getByRole("button", { name: "Add users" }).click();
  await dropFile(page, "report-errors.csv", fixed);
  const banner = page.locator("#import-banner");
  await expect(banner).toContainText("2 users ready, no errors.");
  await expect(banner.locator(".banner-warnings li")).toHaveCount(0);
  await confirm(page, false);

  // The history lists both imports, newest first.
  await page.goto("/imports");
  await hydrated(page);
  await expect(page.getByRole("heading", { name: "Import history" })).toBeVisible();
  await expect(page.locator("table.history tbody tr").first()).toContainText("report-errors.csv");
  await expect(page.locator("table.history tbody tr", { hasText: "report.csv" }).first()).toContainText("Possible until");
  await screenshot(page, "import-history");
});

test("the same file dropped again warns with the earlier import's date and admin", async ({ page }) => {
  const file = `${HEADER}\r\nZoé,Dupont,${unique("zoe")}@example.org,,FR,fr\r\n`;
  await openPanel(page);
  await dropFile(page, "same.csv", file);
  await expect(page.locator("#earlier-import")).toHaveCount(0);
  await confirm(page, false);
  await page.getByRole("button", { name: "Import another file" }).click();
  await expect(page.locator("#import-banner")).toHaveCount(0);
  await dropFile(page, "same-again.csv", file);
  // Its one user exists now: the grid flags it as well.
  await expect(page.locator("#import-banner")).toContainText("0 users ready, 1 row with errors.");
  const warning = page.locator("#earlier-import");
  await expect(warning).toContainText("This file was already imported on");
  await expect(warning).toContainText("by e2e-admin@example.com");
  await screenshot(page, "same-file-warning");
  await warning.getByRole("link", { name: "See that import" }).click();
  await expect(page.getByRole("heading", { name: /Import #\d+/ })).toBeVisible();
});

test("an undo removes the import's Pending users and keeps the one who activated", async ({ page }) => {
  const [active, pending1, pending2] = [unique("kept"), unique("gone"), unique("gone")].map((u) => `${u}@example.org`);
  await openPanel(page);
  const file = [HEADER, `Kim,Active,${active},,FR,en`, `Pat,Pending,${pending1},,FR,en`, `Sam,Pending,${pending2},,FR,en`];
  await dropFile(page, "undo.csv", file.join("\r\n") + "\r\n");
  await confirm(page, false);
  const importPage = await page.locator("#panel-history").getAttribute("href");

  // One learner activates the account from the invitation.
  await page.goto(acceptLink(await waitForEmail(active)));
  await hydrated(page);
  await page.getByLabel("New password").fill("a long enough passphrase");
  await page.getByRole("button", { name: "Activate my account" }).click();
  await expect(page.getByRole("status")).toContainText("Your account is active");

  // The import's users, in the Users list.
  await signIn(page);
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  await page.goto(importPage!);
  await hydrated(page);
  await page.locator("#see-users").click();
  await expect(page.locator(".filter-note")).toContainText("Users added by import #");
  await expect(page.locator("table.users tbody tr")).toHaveCount(3);

  // The dialog states the numbers first; then the undo removes two and names the one kept.
  await page.goto(importPage!);
  await hydrated(page);
  await page.getByRole("button", { name: "Undo this import" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Undo this import?" });
  await expect(dialog).toContainText("2 users who have not activated their account will be removed");
  await expect(dialog).toContainText(active);
  await screenshot(page, "undo-dialog");
  await dialog.getByRole("button", { name: "Undo the import" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator("#undo-outcome")).toContainText("Import undone: 2 users removed, 1 kept.");
  await expect(page.locator("#undo-outcome")).toContainText(active);
  await expect(page.locator(".undo-state")).toContainText("Undone by e2e-admin@example.com");
  await expect(page.getByRole("button", { name: "Undo this import" })).toHaveCount(0);

  // The list: the Pending learners are gone, the Active one stays.
  await page.goto("/");
  await hydrated(page);
  await expect(page.locator("table.users tbody tr", { hasText: active })).toContainText("Active");
  await expect(page.locator("table.users tbody tr", { hasText: pending1 })).toHaveCount(0);
  await expect(page.locator("table.users tbody tr", { hasText: pending2 })).toHaveCount(0);
});
