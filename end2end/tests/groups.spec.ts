// Groups and suspension in the browser: learners created with groups by an import file, the Groups page (rename
// with a name clash refused, delete keeping the members, by keyboard alone), the Users list filtered by a group
// with its groups column, one learner suspended and reactivated from their row, a selection suspended,
// reactivated and added to a group from the bulk bar; axe on both pages; screenshots.
import { test, expect, Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { HEADER, dropFile, hydrated, openPanel, screenshot, unique } from "./helpers";

function rows(page: Page) {
  return page.locator("table.users tbody tr");
}

function row(page: Page, email: string) {
  return page.locator("table.users tbody tr", { hasText: email });
}

function groupRow(page: Page, name: string) {
  return page.locator("table.groups tbody tr", { has: page.getByRole("link", { name: `Show the members of ${name}`, exact: true }) });
}

async function axeClean(page: Page) {
  const audit = await new AxeBuilder({ page }).include("body").analyze();
  expect(audit.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(" ")})`)).toEqual([]);
}

test("groups from an import, renamed and deleted by keyboard, filter the list; learners suspended, reactivated and grouped", async ({
  page,
}) => {
  const tag = unique("grp");
  const [ana, bob, cid, dan] = ["ana", "bob", "cid", "dan"].map((n) => `${n}-${tag}@example.org`);
  const [classB, classC, elite] = [`3B ${tag}`, `4C ${tag}`, `Élite ${tag}`];
  await openPanel(page);
  const file =
    [
      `${HEADER},groups`,
      `Ana,Roux,${ana},,FR,fr,${classB}|${elite}`,
      `Bob,Lenoir,${bob},,FR,fr,${classB}`,
      `Cid,Petit,${cid},,FR,fr,${classC}`,
      `Dan,Moreau,${dan},,FR,fr,`,
    ].join("\r\n") + "\r\n";
  await dropFile(page, "groups.csv", file);
  await expect(page.locator("#import-banner")).toContainText("4 users ready");
  await page.getByRole("button", { name: "Confirm and add users" }).click();
  await expect(page.locator("#import-banner")).toContainText("4 users added");
  await page.keyboard.press("Escape");

  // The list shows each learner's groups; the group filter keeps 3B's two members.
  await page.getByLabel("Search users").fill(tag);
  await expect(rows(page)).toHaveCount(4);
  await expect(row(page, ana).locator("td.groups li")).toHaveText([classB, elite]);
  await expect(row(page, dan).locator("td.groups li")).toHaveCount(0);
  await page.locator("#filter-group").selectOption({ label: classB });
  await expect(rows(page)).toHaveCount(2);
  await expect(page.locator("#group-note")).toContainText(`Showing the members of the group ${classB}.`);
  expect(page.url()).toMatch(/group=\d+/);
  await screenshot(page, "users-filtered-by-group");

  // One learner: suspend Bob from his row, then reactivate him; the notice says it and the status follows.
  await row(page, bob).getByRole("button", { name: "Suspend Bob Lenoir" }).click();
  await expect(page.locator("#user-notice")).toContainText("Bob Lenoir was suspended");
  await expect(row(page, bob).locator(".status")).toHaveText("Suspended");
  await page.locator("#filter-status").selectOption("Suspended");
  await expect(rows(page)).toHaveCount(1);
  await screenshot(page, "users-suspended");
  await row(page, bob).getByRole("button", { name: "Reactivate Bob Lenoir" }).click();
  await expect(page.locator("#user-notice")).toContainText("Bob Lenoir was reactivated.");
  await expect(rows(page)).toHaveCount(0);
  await page.locator("#filter-status").selectOption("");
  await expect(row(page, bob).locator(".status")).toHaveText("Pending");

  // A selection: Ana and Bob suspended, then reactivated, from the bulk bar (the dialog states the count).
  for (const email of [ana, bob]) await row(page, email).locator("input.select-user").check();
  await page.locator("#bulk-suspend").click();
  const bulk = page.locator("#bulk-dialog");
  await expect(bulk).toContainText("Suspend the 2 learners among these");
  await page.locator("#bulk-confirm").click();
  await expect(page.locator("#user-notice")).toHaveText("Done: 2 learners changed.");
  await expect(row(page, ana).locator(".status")).toHaveText("Suspended");
  await expect(row(page, bob).locator(".status")).toHaveText("Suspended");
  await page.locator("#filter-group").selectOption("");
  await page.locator("#filter-status").selectOption("Suspended");
  await page.locator("#select-page").check();
  await page.locator("#bulk-reactivate").click();
  await expect(bulk).toContainText("Reactivate the suspended learners among these 2?");
  await page.locator("#bulk-confirm").click();
  await expect(page.locator("#user-notice")).toHaveText("Done: 2 learners changed.");
  await expect(rows(page)).toHaveCount(0);
  await page.locator("#filter-status").selectOption("");

  // Add Cid and Dan to 3B, by keyboard: the group dialog takes a typed name (case aside, it is 3B).
  await page.getByLabel("Search users").fill(tag);
  await expect(rows(page)).toHaveCount(4);
  for (const email of [cid, dan]) await row(page, email).locator("input.select-user").check();
  await page.locator("#bulk-add-to-group").focus();
  await page.keyboard.press("Enter");
  const groupDialog = page.getByRole("dialog", { name: "Add to a group" });
  await expect(groupDialog).toBeVisible();
  await expect(page.locator("#group-name")).toBeFocused();
  await page.keyboard.type("a|b");
  await page.keyboard.press("Enter");
  await expect(page.locator("#group-dialog-error")).toContainText("without |");
  await page.locator("#group-name").fill("");
  await page.keyboard.type(classB.toLowerCase());
  await screenshot(page, "users-add-to-group-dialog");
  await page.keyboard.press("Enter");
  await expect(groupDialog).toBeHidden();
  await expect(bulk).toContainText(`Add 2 learners to the group ${classB.toLowerCase()}?`);
  await page.keyboard.press("Enter");
  await expect(page.locator("#user-notice")).toHaveText("Done: 2 learners changed.");
  await expect(row(page, dan).locator("td.groups li")).toHaveText([classB]);
  await expect(row(page, cid).locator("td.groups li")).toHaveText([classB, classC]);
  await axeClean(page);

  // The Groups page, from the top bar: 3B has four members now.
  await page.getByRole("link", { name: "Groups", exact: true }).first().click();
  await page.waitForURL("**/groups");
  await hydrated(page);
  await expect(page.getByRole("heading", { name: "Groups", level: 1 })).toBeVisible();
  await expect(groupRow(page, classB).locator("td.group-members")).toHaveText("4");
  await expect(groupRow(page, elite).locator("td.group-members")).toHaveText("1");
  await screenshot(page, "groups-page");
  await axeClean(page);

  // Rename 4C by keyboard: another group's name, in other case and without its accent, is refused in the dialog.
  const rename = groupRow(page, classC).getByRole("button", { name: `Rename ${classC}` });
  await rename.focus();
  await page.keyboard.press("Enter");
  const renameDialog = page.getByRole("dialog", { name: `Rename ${classC}` });
  await expect(renameDialog).toBeVisible();
  await expect(page.locator("#group-new-name")).toBeFocused();
  await page.keyboard.type(`elite ${tag}`.toUpperCase());
  await page.keyboard.press("Enter");
  await expect(renameDialog.locator("#group-name-error")).toContainText("Another group already has this name");
  await screenshot(page, "groups-rename-clash");
  await page.keyboard.press("Control+A");
  await page.keyboard.type(`4ème C ${tag}`);
  await page.keyboard.press("Enter");
  await expect(renameDialog).toBeHidden();
  await expect(page.locator("#group-notice")).toHaveText(`${classC} is now called 4ème C ${tag}.`);
  await expect(groupRow(page, `4ème C ${tag}`)).toHaveCount(1);

  // Delete 3B by keyboard: the dialog opens on Cancel, says the members are kept; Escape changes nothing.
  const remove = groupRow(page, classB).getByRole("button", { name: `Delete ${classB}` });
  await remove.focus();
  await page.keyboard.press("Enter");
  const deleteDialog = page.getByRole("alertdialog", { name: `Delete the group ${classB}?` });
  await expect(deleteDialog).toBeVisible();
  await expect(deleteDialog).toContainText("Its 4 members stay learners of the portal");
  await expect(deleteDialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await screenshot(page, "groups-delete-dialog");
  await page.keyboard.press("Escape");
  await expect(deleteDialog).toBeHidden();
  await expect(groupRow(page, classB)).toHaveCount(1);
  await remove.focus();
  await page.keyboard.press("Enter");
  await expect(deleteDialog).toBeVisible();
  await page.keyboard.press("Shift+Tab");
  await expect(deleteDialog.getByRole("button", { name: "Delete the group" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(deleteDialog).toBeHidden();
  await expect(page.locator("#group-notice")).toHaveText(`The group ${classB} was deleted; its members were kept.`);
  await expect(groupRow(page, classB)).toHaveCount(0);

  // Élite's link shows the Users list filtered by it; the members of the deleted group are all still there.
  await groupRow(page, elite).getByRole("link").click();
  await page.waitForURL(/\/\?group=\d+/);
  await hydrated(page);
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText(ana);
  await page.goto(`/?q=${encodeURIComponent(tag)}`);
  await hydrated(page);
  await expect(rows(page)).toHaveCount(4);
  await expect(row(page, ana).locator("td.groups li")).toHaveText([elite]);

  // The activity log has the rename and the delete.
  await page.goto("/activity");
  await hydrated(page);
  await page.locator("#filter-action").selectOption("group.delete");
  await expect(page.locator("table.activity tbody tr").first()).toContainText("Group deleted");
  await page.locator("#filter-action").selectOption("group.rename");
  await expect(page.locator("table.activity tbody tr").first()).toContainText("Group renamed");
});
