// One learner at a time: add one with a bad email (the error shows as you type, with the import's message and
// code), fix it and save; edit a name; delete a learner after the dialog says what happens.
import { test, expect } from "@playwright/test";
import { hydrated, screenshot, signIn, unique } from "./helpers";

test("add one learner, fix the email as you type, edit the name, delete the learner", async ({ page }) => {
  const email = `${unique("single")}@example.org`;
  await signIn(page);
  await hydrated(page);
  await page.getByRole("button", { name: "Add one learner" }).click();
  const form = page.getByRole("dialog", { name: "Add a learner" });
  await expect(form).toBeVisible();
  // A new form is not covered in "missing" messages before anything is typed.
  await expect(form.locator(".field-message:not(:empty)")).toHaveCount(0);
  await form.getByLabel("First name").fill("Zoé");
  await form.getByLabel("Last name").fill("Dupont");
  await form.getByLabel("Language").fill("fr");
  await form.getByLabel("Email", { exact: true }).fill(email.replace(".org", ""));
  await expect(form.getByLabel("Email", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(form.locator("#user-email-message")).toContainText("Not a valid email address");
  await screenshot(page, "user-form-error");
  await form.getByLabel("Email", { exact: true }).fill(email);
  await expect(form.getByLabel("Email", { exact: true })).toHaveAttribute("aria-invalid", "false");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form).toBeHidden();
  await expect(page.locator("#user-notice")).toHaveText("Zoé Dupont was saved.");
  const row = page.locator("table.users tbody tr", { hasText: email });
  await expect(row).toContainText("Zoé Dupont");
  await expect(row).toContainText("Pending");

  // Edit the name.
  await row.getByRole("button", { name: "Edit Zoé Dupont" }).click();
  const edit = page.getByRole("dialog", { name: "Edit the learner" });
  await expect(edit.getByLabel("Email", { exact: true })).toHaveValue(email);
  await edit.getByLabel("Last name").fill("Dupont-Martin");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit).toBeHidden();
  await expect(page.locator("table.users tbody tr", { hasText: email })).toContainText("Zoé Dupont-Martin");

  // Delete: the dialog names the learner and what happens, then the learner leaves the list.
  await page.locator("table.users tbody tr", { hasText: email }).getByRole("button", { name: "Delete Zoé Dupont-Martin" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Delete Zoé Dupont-Martin?" });
  await expect(confirm).toContainText("has not activated their account yet");
  await confirm.getByRole("button", { name: "Delete the learner" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.locator("#user-notice")).toHaveText("Zoé Dupont-Martin was deleted.");
  await expect(page.locator("table.users tbody tr", { hasText: email })).toHaveCount(0);

  // The activity log has the three changes, newest first; filtered by action, only the deletion.
  await page.getByRole("link", { name: "Activity log" }).click();
  await hydrated(page);
  const log = page.locator("table.activity tbody tr");
  await expect(log.first()).toContainText("Learner deleted");
  await expect(log.first()).toContainText("e2e-admin@example.com");
  await page.locator("#filter-action").selectOption("user.delete");
  await expect(log.first()).toHaveAttribute("data-action", "user.delete");
  expect(await log.evaluateAll((rows) => rows.every((r) => r.getAttribute("data-action") === "user.delete"))).toBe(true);
  await screenshot(page, "activity-log");
});
