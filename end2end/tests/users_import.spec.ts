// The import journey in the browser: the template, dropping a file with errors, fixing a cell, a suggestion for all
// rows, "ignore errors", the new users in the list, a rejected file, the keyboard-only flow, and an axe audit.
// Each test makes its own users, with emails no other test uses.
import { test, expect, Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { HEADER, dropFile, hydrated, openPanel, screenshot, signIn, unique } from "./helpers";

/** A file of `valid` good rows (emails made unique by `tag`), followed by `extra` lines. */
function csv(tag: string, valid: number, extra: string[] = []): string {
  const rows = Array.from({ length: valid }, (_, i) => `Ana${"abcdefghij"[i % 10]},Roux,${tag}-${i}@example.org,,FR,fr`);
  return [HEADER, ...rows, ...extra].join("\r\n") + "\r\n";
}

function cell(page: Page, row: number, column: string) {
  return page.locator(`#import-grid tr[data-row="${row}"] input[data-column="${column}"]`);
}

test("the template downloads and reads back as the import's columns", async ({ page }) => {
  await openPanel(page);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download template" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("users-template.csv");
  const path = await download.path();
  const text = require("node:fs").readFileSync(path, "utf8");
  expect(text).toBe(`${HEADER},groups,status\r\n`);
  // Dropped back in, the template is an empty file: nothing to import, and the banner says so.
  await dropFile(page, "users-template.csv", text);
  await expect(page.locator("#import-banner")).toContainText("header row and at least one data row");
});

test("a file with errors: fix a cell, apply a suggestion to all rows, import ignoring the rest", async ({ page }) => {
  await openPanel(page);
  const [jean, zoe, liam] = [unique("jean"), unique("zoe"), unique("liam")];
  const file = csv(unique("errors"), 3, [
    `Jean,Dupont,${jean}@example,,fr,fr`, // row 5: email invalid, country fr
    `Zoé,Martin,${zoe}@example.org,,fr,en`, // row 6: country fr
    `Li4m,Smith,${liam}@example.org,,GB,en`, // row 7: firstname invalid
  ]);
  await dropFile(page, "learners.csv", file);
  const banner = page.locator("#import-banner");
  await expect(banner).toContainText("3 users ready, 3 rows with errors.");
  await expect(page.locator("#import-grid tbody tr")).toHaveCount(6);
  await screenshot(page, "panel-file-with-errors");
  // The message is text next to the cell, tied to it for screen readers.
  const email5 = cell(page, 5, "email");
  await expect(email5).toHaveAttribute("aria-invalid", "true");
  const described = await email5.getAttribute("aria-describedby");
  await expect(page.locator(`#${described}`)).toContainText("Not a valid email address");

  // Fix the email inline: its error goes at the keystroke that makes it valid.
  await email5.fill(`${jean}@example.fr`);
  await expect(email5).toHaveAttribute("aria-invalid", "false");
  await expect(banner).toContainText("3 users ready, 3 rows with errors.");

  // One click puts FR in both rows that had "fr".
  await page.getByRole("button", { name: "Use “FR” in all 2 rows" }).first().click();
  await expect(cell(page, 5, "country")).toHaveValue("FR");
  await expect(cell(page, 6, "country")).toHaveValue("FR");
  await expect(banner).toContainText("5 users ready, 1 row with errors.");

  // The last error stays: the dialog offers to import the valid rows only. Escape closes the dialog alone and
  // gives the focus back to Confirm.
  const confirm = page.getByRole("button", { name: "Confirm and add users" });
  await confirm.click();
  const dialog = page.getByRole("alertdialog", { name: "Some rows still have errors" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Ignore errors and add the 5 valid users" })).toBeFocused();
  await screenshot(page, "confirm-dialog");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("dialog", { name: "Add users" })).toBeVisible();
  await expect(confirm).toBeFocused();
  await confirm.click();
  await dialog.getByRole("button", { name: "Ignore errors and add the 5 valid users" }).click();
  await expect(banner).toContainText("5 users added with status Pending, 1 row skipped.");
  await expect(page.locator('#import-grid tr[data-row="7"] .outcome')).toHaveText("Skipped");
  await expect(page.locator('#import-grid tr[data-row="5"] .outcome')).toHaveText("Added");

  // The list behind the panel already shows them, Pending, without a reload.
  await page.getByRole("button", { name: "Close" }).last().click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByRole("cell", { name: `${jean}@example.fr` })).toBeVisible();
  await expect(page.locator("table.users tbody tr", { hasText: `${zoe}@example.org` })).toContainText("Pending");

  // The same emails again: the portal already has them.
  await page.getByRole("button", { name: "Add users" }).click();
  await dropFile(page, "again.csv", `${HEADER}\r\nZoé,Martin,${zoe.toUpperCase()}@example.org,,FR,fr\r\n`);
  await expect(cell(page, 2, "email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#import-grid")).toContainText("email.exists");

  // Typed key by key, another portal user's email is looked up once the typing pauses, and marked.
  const email2 = cell(page, 2, "email");
  await email2.fill(`${unique("new")}@example.org`);
  await expect(email2).toHaveAttribute("aria-invalid", "false");
  await expect(page.locator("#import-grid")).not.toContainText("email.exists");
  await email2.fill("");
  await email2.pressSequentially(`${jean}@example.fr`);
  await expect(email2).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#import-grid")).toContainText("email.exists");
});

test("a rejected file shows why and what to do", async ({ page }) => {
  await openPanel(page);
  await dropFile(page, "learners.csv", "firstname,email\r\nAna,ana@example.org\r\n");
  const banner = page.locator("#import-banner");
  await expect(banner).toContainText("This file cannot be imported");
  await expect(banner).toContainText("lastname");
  await expect(banner).toContainText("file.missing_columns");
  await expect(page.getByRole("button", { name: "Confirm and add users" })).toBeDisabled();
  await dropFile(page, "photo.png", "not a csv");
  await expect(banner).toContainText("CSV UTF-8");
});

test("a second file replaces the first one's grid, whose rows are taken apart once the new ones are drawn", async ({
  page,
}) => {
  await openPanel(page);
  // More rows than the first screenful, so the first grid is still filling in frame by frame.
  const firstBad = `${unique("first-bad")}@example`;
  await dropFile(page, "first.csv", csv(unique("first"), 45, [`Ana,Roux,${firstBad},,FR,fr`]));
  await expect(page.locator("#import-grid tbody tr")).toHaveCount(46);
  await dropFile(page, "second.csv", csv(unique("second"), 2, [`Li4m,Smith,${unique("liam")}@example.org,,GB,en`]));
  await expect(page.locator("#import-banner")).toContainText("2 users ready, 1 row with errors.");
  await expect(page.locator("#import-grid tbody tr")).toHaveCount(3);
  // The first file's table leaves the page; only the second's was ever shown.
  await expect(page.locator(".grid-file")).toHaveCount(1);
  await expect(page.locator("#import-grid")).not.toContainText(firstBad);
  // Edits and "next error" reach the second file's rows.
  await page.getByRole("button", { name: "Next error" }).click();
  await expect(cell(page, 4, "firstname")).toBeFocused();
  await cell(page, 4, "firstname").fill("Liam");
  await expect(cell(page, 4, "firstname")).toHaveAttribute("aria-invalid", "false");
  await expect(page.locator("#import-banner")).toContainText("3 users ready, no errors.");
});

test("the whole flow with the keyboard only", async ({ page }) => {
  await signIn(page);
  await hydrated(page);
  const addUsers = page.getByRole("button", { name: "Add users" });
  await addUsers.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog", { name: "Add users" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Close" })).toBeFocused();
  // Tab to the drop zone; Enter opens the file chooser.
  const dropZone = page.locator("#drop-zone");
  for (let i = 0; i < 10 && !(await dropZone.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(dropZone).toBeFocused();
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.keyboard.press("Enter")]);
  const kim = unique("kim");
  await chooser.setFiles({
    name: "keyboard.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(csv(unique("keyboard"), 2, [`Kim,Lee,${kim}@example,,KR,ko`])),
  });
  await expect(page.locator("#import-banner")).toContainText("2 users ready, 1 row with errors.");
  // "Next error" takes the focus to the bad cell; typing fixes it.
  await page.getByRole("button", { name: "Next error" }).focus();
  await page.keyboard.press("Enter");
  const bad = cell(page, 4, "email");
  await expect(bad).toBeFocused();
  await page.keyboard.press("End");
  await page.keyboard.type(".kr");
  await expect(bad).toHaveAttribute("aria-invalid", "false");
  await expect(page.locator("#import-banner")).toContainText("3 users ready, no errors.");
  const confirm = page.getByRole("button", { name: "Confirm and add users" });
  await confirm.focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("#import-banner")).toContainText("3 users added with status Pending, 0 rows skipped.");
  // Escape closes the panel and gives the focus back to Add users.
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(addUsers).toBeFocused();
  await expect(page.getByRole("cell", { name: `${kim}@example.kr` })).toBeVisible();
});

test("the panel and the grid pass an accessibility audit", async ({ page }) => {
  await openPanel(page);
  await dropFile(page, "audit.csv", csv(unique("audit"), 2, ["Ann3,Roux,bad,,fr,EN"]));
  await expect(page.locator("#import-grid")).toBeVisible();
  const results = await new AxeBuilder({ page }).include("#import-panel").analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
});
