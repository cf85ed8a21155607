// The Users list as a place to find people: a part of a name with or without accents, filters by status and
// language, a sort, pages forward and back, and the same view after a reload and with the back button.
import { test, expect, Page } from "@playwright/test";
import { HEADER, dropFile, hydrated, openPanel, screenshot, unique } from "./helpers";

function rows(page: Page) {
  return page.locator("table.users tbody tr");
}

test("search, filter, sort and page the list, and find the same view after a reload", async ({ page }) => {
  const tag = unique("list");
  // 60 learners of this test, one of them Zoé Dupont-Martin, a third of them in German.
  const lines = Array.from({ length: 59 }, (_, i) => {
    const language = i % 3 === 0 ? "de" : "fr";
    return `Ana${"abcdefghij"[i % 10]},Roux${String.fromCharCode(97 + (i % 26))},${tag}-${i}@example.org,,FR,${language}`;
  });
  lines.push(`Zoé,Dupont-Martin,zoe.${tag}@example.org,,BE,fr`);
  await openPanel(page);
  await dropFile(page, "list.csv", [HEADER, ...lines].join("\r\n") + "\r\n");
  await expect(page.locator("#import-banner")).toContainText("60 users ready, no errors.");
  await page.getByRole("button", { name: "Confirm and add users" }).click();
  await expect(page.locator("#import-banner")).toContainText("60 users added");
  await page.keyboard.press("Escape");

  // A part of a name, without its accent and in capitals, finds her; so does a part of her email.
  const search = page.getByLabel("Search users");
  await search.fill("ZOE DUPONT-MAR");
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText("Zoé Dupont-Martin");
  await search.fill(`oe.${tag}`);
  await expect(rows(page)).toHaveCount(1);
  await expect(page.locator("#users-total")).toHaveText("1 user");

  // Everyone of this test: 60, two pages.
  await search.fill(tag);
  await expect(page.locator("#users-total")).toHaveText("60 users");
  await expect(rows(page)).toHaveCount(50);
  await page.locator("#next-page").click();
  await expect(rows(page)).toHaveCount(10);
  await page.locator("#previous-page").click();
  await expect(rows(page)).toHaveCount(50);
  await expect(page.locator("#previous-page")).toBeDisabled();

  // Filters: Pending learners in German, 20 of them; sorted by name, A to Z.
  await page.locator("#filter-status").selectOption("Pending");
  await page.locator("#filter-language").selectOption("de");
  await expect(page.locator("#users-total")).toHaveText("20 users");
  await page.locator("button.sort[data-sort=name]").click();
  await expect(page.locator("th[aria-sort=ascending]")).toContainText("Name");
  // The rows follow the header once the server's answer is in.
  const lastNames = async () =>
    (await rows(page).locator("td:nth-child(2)").allTextContents()).map((n) => n.split(" ")[1].toLowerCase());
  await expect.poll(async () => {
    const names = await lastNames();
    return names.join() === [...names].sort().join();
  }).toBe(true);
  await page.locator("button.sort[data-sort=name]").click();
  await expect(page.locator("th[aria-sort=descending]")).toContainText("Name");
  await screenshot(page, "users-list-filtered");

  // The view is in the address: a reload shows it again, and the back button goes to the view before.
  expect(page.url()).toContain("language=de");
  expect(page.url()).toContain("sort=name");
  await page.reload();
  await hydrated(page);
  await expect(page.locator("#users-total")).toHaveText("20 users");
  await expect(page.locator("#filter-language")).toHaveValue("de");
  await expect(page.locator("th[aria-sort=descending]")).toContainText("Name");
  await expect(page.getByLabel("Search users")).toHaveValue(tag);
  await page.goBack();
  await expect(page.locator("th[aria-sort=ascending]")).toContainText("Name");
  await page.goBack();
  await page.goBack();
  await expect(page.locator("#filter-language")).toHaveValue("");
  await expect(page.locator("#users-total")).toHaveText("60 users");

  // Bulk: tick three German learners, resend their invitations; then the whole view gets French, after the
  // dialog states the count.
  await page.locator("#filter-language").selectOption("de");
  await expect(page.locator("#users-total")).toHaveText("20 users");
  for (const box of (await page.locator("input.select-user").all()).slice(0, 3)) await box.check();
  await expect(page.locator("#bulk-selected")).toHaveText("3 selected");
  await page.locator("#bulk-resend").click();
  const bulk = page.locator("#bulk-dialog");
  await expect(bulk).toContainText("among these 3");
  await page.locator("#bulk-confirm").click();
  await expect(page.locator("#user-notice")).toContainText("Done:");
  await page.locator("#select-page").check();
  await page.locator("#bulk-whole-filter").check();
  await page.locator("#bulk-language").selectOption("fr");
  await page.locator("#bulk-apply-language").click();
  await expect(bulk).toContainText("Set the language of 20 learners to fr?");
  await screenshot(page, "users-bulk-dialog");
  await page.locator("#bulk-confirm").click();
  await expect(page.locator("#user-notice")).toHaveText("Done: 20 learners changed.");
  await expect(page.locator("#users-total")).toHaveText("0 users");
});
