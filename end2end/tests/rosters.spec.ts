// Rosters in the browser (docs/rosters.md): an update file previewed as old → new before anything is written, a
// value typed back making its row Unchanged, the confirm, the Users list changing without a reload, the import's
// page listing the changes, its undo; a sync past the safety threshold (the leavers listed, their number typed);
// the mode choice by keyboard alone, relabelling the grid at once; axe on the panel.
import { test, expect, Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { HEADER, dropFile, hydrated, openPanel, screenshot, unique } from "./helpers";

function cell(page: Page, row: number, column: string) {
  return page.locator(`#import-grid tr[data-row="${row}"] input[data-column="${column}"]`);
}

function label(page: Page, row: number) {
  return page.locator(`#import-grid tr[data-row="${row}"] .row-label`);
}

function lines(rows: string[], header = HEADER): string {
  return [header, ...rows].join("\r\n") + "\r\n";
}

/** Adds a class with an `add` file, then offers the panel for another file. */
async function addClass(page: Page, name: string, rows: string[], header = HEADER) {
  await dropFile(page, name, lines(rows, header));
  const users = rows.length === 1 ? "1 user" : `${rows.length} users`;
  await expect(page.locator("#import-banner")).toContainText(`${users} ready, no errors.`);
  await page.getByRole("button", { name: "Confirm and add users" }).click();
  await expect(page.locator("#import-banner")).toContainText(`${users} added with status Pending`);
  await page.getByRole("button", { name: "Import another file" }).click();
}

test("an update file shows old → new, a value typed back is Unchanged, the confirm updates the list and can be undone", async ({
  page,
}) => {
  const tag = unique("upd");
  const [ana, bob, chloe, dan] = ["ana", "bob", "chloe", "dan"].map((n) => `${n}-${tag}@example.org`);
  await openPanel(page);
  await addClass(page, "class.csv", [
    `Ana,Roux,${ana},${tag}-1,FR,fr`,
    `Bob,Lenoir,${bob},${tag}-2,FR,fr`,
    `Chloé,Petit,${chloe},${tag}-3,FR,fr`,
  ]);
  const users = page.locator("table.users tbody tr", { hasText: ana });
  await expect(users).toContainText("Roux");

  await page.getByLabel("Add and update").check();
  await dropFile(
    page,
    "class-update.csv",
    lines([
      `Ana,Roux-Martin,${ana},${tag}-1,FR,fr`, // row 2: a corrected surname
      `Bob,Lenoir,${bob.toUpperCase()},${tag}-2,,fr`, // row 3: the same learner (email case, empty country kept)
      `Chloé,Petit,${chloe},${tag}-3,BE,fr`, // row 4: moved country
      `Dan,Neuf,${dan},${tag}-4,FR,en`, // row 5: new
    ]),
  );
  const banner = page.locator("#import-banner");
  await expect(banner).toContainText("1 new, 2 updated, 1 unchanged, 0 with errors");
  await expect(label(page, 2)).toHaveText("Update");
  await expect(label(page, 3)).toHaveText("Unchanged");
  await expect(label(page, 5)).toHaveText("New");
  // Old → new, the old value read out to screen readers from the input's description.
  const change = page.locator('#import-grid tr[data-row="2"] .cell-change');
  await expect(change).toHaveText(/Roux\s*→\s*Roux-Martin/);
  await expect(change.locator("del")).toHaveText("Roux");
  const described = (await cell(page, 2, "lastname").getAttribute("aria-describedby")) ?? "";
  expect(described).toContain("change-");
  await expect(page.locator(`[id="${described.split(" ").pop()}"] .visually-hidden`)).toHaveText(/was Roux/);
  await page.locator("#import-banner").scrollIntoViewIfNeeded();
  await screenshot(page, "rosters-update-preview");

  // Typing the old value back: the row is Unchanged at once, and the counts follow.
  await cell(page, 4, "country").fill("FR");
  await expect(label(page, 4)).toHaveText("Unchanged");
  await expect(page.locator('#import-grid tr[data-row="4"] .cell-change')).toHaveCount(0);
  await expect(banner).toContainText("1 new, 1 updated, 2 unchanged, 0 with errors");
  await cell(page, 4, "country").fill("BE");
  await expect(label(page, 4)).toHaveText("Update");
  await cell(page, 4, "country").fill("FR");
  await expect(label(page, 4)).toHaveText("Unchanged");

  // A chip shows the rows of its label only; pressed again, every row.
  const chip = page.locator('button.chip[data-label="unchanged"]');
  await expect(chip).toHaveText("Unchanged (2)");
  await chip.click();
  await expect(chip).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator("#import-grid tbody tr")).toHaveCount(2);
  await chip.click();
  await expect(page.locator("#import-grid tbody tr")).toHaveCount(4);

  // Nothing was written by the preview: the list still says Roux.
  await expect(users).not.toContainText("Roux-Martin");
  await page.getByRole("button", { name: "Confirm and apply changes" }).click();
  await expect(banner).toContainText("1 user added with status Pending, 0 rows skipped.");
  await expect(page.locator("#done-counts")).toContainText("1 updated, 2 unchanged");
  await expect(page.locator('#import-grid tr[data-row="2"] .outcome')).toHaveText("Updated");
  await expect(page.locator('#import-grid tr[data-row="3"] .outcome')).toHaveText("Unchanged");
  await expect(page.locator('#import-grid tr[data-row="5"] .outcome')).toHaveText("Added");
  await page.locator("#import-banner").scrollIntoViewIfNeeded();
  await screenshot(page, "rosters-update-done");
  // The list behind the panel changed without a reload.
  await expect(users).toContainText("Roux-Martin");

  // The import's page: mode, counts and each change.
  const importPage = await page.locator("#panel-history").getAttribute("href");
  await page.goto(importPage!);
  await hydrated(page);
  await expect(page.locator(".import-mode")).toContainText("Add and update");
  await expect(page.locator("#roster-counts")).toHaveText("1 updated, 2 unchanged");
  const updated = page.locator("table.import-rows tr.row-updated");
  await expect(updated).toHaveCount(1);
  await expect(updated.locator('ul.changes li[data-column="lastname"]')).toContainText(/lastname:\s*Roux\s*→\s*Roux-Martin/);
  await expect(updated.locator("ul.changes .visually-hidden")).toHaveText(/was Roux/);
  await screenshot(page, "rosters-import-page");
  const audit = await new AxeBuilder({ page }).include("main").analyze();
  expect(audit.violations).toEqual([]);

  // The history lists it with its mode and counts.
  await page.goto("/imports");
  await hydrated(page);
  const line = page.locator("table.history tbody tr", { hasText: "class-update.csv" }).first();
  await expect(line.locator(".import-mode")).toHaveText("Add and update");
  await expect(line.locator(".roster-counts")).toHaveText("1 updated, 2 unchanged");

  // Undo puts the surname back.
  await page.goto(importPage!);
  await hydrated(page);
  await page.getByRole("button", { name: "Undo this import" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Undo this import?" });
  await dialog.getByRole("button", { name: "Undo the import" }).click();
  await expect(page.locator("#undo-outcome")).toBeVisible();
  await page.goto("/");
  await hydrated(page);
  await expect(page.locator("table.users tbody tr", { hasText: ana })).toContainText("Roux");
  await expect(page.locator("table.users tbody tr", { hasText: ana })).not.toContainText("Roux-Martin");
  await expect(page.locator("table.users tbody tr", { hasText: dan })).toHaveCount(0);
});

test("the mode is chosen with the keyboard alone, and the grid is relabelled at once", async ({ page }) => {
  const tag = unique("keys");
  const known = `known-${tag}@example.org`;
  await openPanel(page);
  await addClass(page, "one.csv", [`Kim,Known,${known},,FR,fr`]);
  await dropFile(page, "again.csv", lines([`Kim,Known,${known},,DE,fr`, `Lou,New,new-${tag}@example.org,,FR,fr`]));
  // In `add` mode the known learner is an error.
  await expect(label(page, 2)).toHaveText("Error");
  await expect(label(page, 3)).toHaveText("New");

  // Tab to the mode choice (one stop for the group), then the arrows move the choice.
  const add = page.locator("#mode-add");
  for (let i = 0; i < 20 && !(await add.evaluate((e) => e === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(add).toBeFocused();
  await expect(add).toBeChecked();
  await page.keyboard.press("ArrowDown");
  await expect(page.locator("#mode-update")).toBeChecked();
  await expect(page.locator("#mode-update")).toBeFocused();
  await expect(label(page, 2)).toHaveText("Update");
  await expect(page.locator('#import-grid tr[data-row="2"] .cell-change')).toHaveText(/FR\s*→\s*DE/);
  await page.keyboard.press("ArrowDown");
  await expect(page.locator("#mode-update-only")).toBeChecked();
  await expect(label(page, 3)).toHaveText("Error");
  await page.keyboard.press("ArrowDown");
  await expect(page.locator("#mode-sync")).toBeChecked();
  // The sync's group comes next in the tab order; "Empty cells clear values" is a checkbox the space ticks.
  await page.keyboard.press("Tab");
  await expect(page.locator("#sync-group")).toBeFocused();
  await page.keyboard.type(`K-${tag}`);
  await page.keyboard.press("Tab");
  await expect(page.locator("#missing-remove")).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(page.locator("#missing-suspend")).toBeChecked();
  await page.keyboard.press("Tab");
  await expect(page.locator("#empty-clears")).toBeFocused();
  await page.keyboard.press("Space");
  await expect(page.locator("#empty-clears")).toBeChecked();
  await expect(page.locator("#new-groups")).toContainText(`1 new group: K-${tag}`);
  await screenshot(page, "rosters-mode-keyboard");
  const audit = await new AxeBuilder({ page }).include("#import-panel").analyze();
  expect(audit.violations).toEqual([]);
});

test("a sync past the safety threshold lists the leavers and needs their number typed", async ({ page }) => {
  const tag = unique("sync");
  const group = `3B-${tag}`;
  const emails = Array.from({ length: 10 }, (_, i) => `pupil${i}-${tag}@example.org`);
  await openPanel(page);
  await addClass(
    page,
    "class-3b.csv",
    emails.map((e, i) => `Pupil,N${"abcdefghij"[i]},${e},,FR,fr,${group}`),
    `${HEADER},groups`,
  );

  await page.getByLabel("Sync a group").check();
  await page.locator("#sync-group").fill(group);
  await expect(page.getByLabel("Remove them from the group (they stay learners)")).toBeChecked();
  const newPupil = `new-${tag}@example.org`;
  // Three stay, one joins, seven leave: more than 5 and more than 20 % of 10.
  await dropFile(
    page,
    "class-3b-term2.csv",
    lines([...emails.slice(0, 3).map((e, i) => `Pupil,N${"abc"[i]},${e},,FR,fr`), `Nina,Nouvelle,${newPupil},,FR,fr`]),
  );
  const banner = page.locator("#import-banner");
  await expect(banner).toContainText("1 new, 0 updated, 3 unchanged, 0 with errors");
  const leaving = page.locator("#sync-leaving");
  await expect(leaving).toContainText(`7 members of ${group} are not in the file and will be removed from it.`);
  await expect(leaving.locator("ul.leavers li")).toHaveCount(7);
  for (const e of emails.slice(3)) await expect(leaving).toContainText(e);
  await expect(leaving).toContainText("type 7 to proceed");
  await leaving.scrollIntoViewIfNeeded();
  await screenshot(page, "rosters-sync-preview");

  await page.getByRole("button", { name: "Confirm and apply changes" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Many members leave the group" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`This sync removes 7 learners from ${group}`);
  const proceed = dialog.getByRole("button", { name: "Proceed with 7 removals" });
  const typed = dialog.getByLabel("Type 7 to confirm");
  await expect(typed).toBeFocused();
  await typed.fill("6");
  await expect(proceed).toBeDisabled();
  await screenshot(page, "rosters-removals-dialog");
  // Escape sends nothing.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page.locator("#done-counts")).toHaveCount(0);
  await page.getByRole("button", { name: "Confirm and apply changes" }).click();
  await expect(typed).toHaveValue("");
  await typed.fill("7");
  await expect(proceed).toBeEnabled();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(banner).toContainText("1 user added with status Pending");
  await expect(page.locator("#done-counts")).toContainText("0 updated, 3 unchanged, 7 removed from the group");
  await page.locator("#import-banner").scrollIntoViewIfNeeded();
  await screenshot(page, "rosters-sync-done");
  const audit = await new AxeBuilder({ page }).include("#import-panel").analyze();
  expect(audit.violations).toEqual([]);
});
