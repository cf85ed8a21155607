// Column matching (issue 13): a file whose header the aliases do not fully know is offered Match columns,
// pre-filled by the rules' suggestions; applied, it reads as usual and is remembered for the admin, so the next
// file with the same header row is matched at once, with a notice. And the error report's `errors` column is
// ignored without the unknown-columns warning.
import { test, expect, Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { HEADER, dropFile, openPanel, screenshot, unique } from "./helpers";

// `Langue préférée` is no alias: the file lacks the required language column. `Service` is unknown too.
const FRENCH = "Prénom;Nom;Adresse électronique;Langue préférée;Pays;Service";

function frenchFile(tag: string, names: string[]): string {
  const rows = names.map((n, i) => `${n};Roux;${tag}-${i}@example.org;fr;FR;RH`);
  return [FRENCH, ...rows].join("\r\n") + "\r\n";
}

function select(page: Page, header: string) {
  return page.getByRole("combobox", { name: header, exact: true });
}

test("French headers are matched, imported, and the matching is remembered for the next file", async ({ page }) => {
  // The header row gets a tag of its own, so an earlier run's remembered matching never applies.
  const header = unique("Notes");
  const tag = unique("match");
  await openPanel(page);
  await dropFile(page, "equipe.csv", frenchFile(tag, ["Élodie", "Zoé"]).replace("Service", header));
  const banner = page.locator("#import-banner");
  await expect(banner).toContainText("file.missing_columns");
  await expect(banner).toContainText("language");

  // Offered, with the suggestions filled in and the first values beside each column.
  await page.getByRole("button", { name: "Match columns" }).click();
  const form = page.getByRole("form", { name: "Match columns" });
  await expect(form).toBeVisible();
  await expect(select(page, "Prénom")).toHaveValue("firstname");
  await expect(select(page, "Nom")).toHaveValue("lastname");
  await expect(select(page, "Adresse électronique")).toHaveValue("email");
  await expect(select(page, "Langue préférée")).toHaveValue("language");
  await expect(select(page, "Pays")).toHaveValue("country");
  await expect(select(page, header)).toHaveValue("");
  await expect(form).toContainText(`${tag}-0@example.org · ${tag}-1@example.org`);
  await screenshot(page, "matching-banner");
  const audit = await new AxeBuilder({ page }).include("#import-panel").analyze();
  const serious = audit.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  // Keyboard: leaving the language unmatched says so, and Apply keeps the file refused.
  await select(page, "Langue préférée").focus();
  await select(page, "Langue préférée").selectOption("");
  await expect(form).toContainText("Still without a column of your file: language (required).");
  await page.getByRole("button", { name: "Apply the matching" }).click();
  await expect(banner).toContainText("file.missing_columns");
  await select(page, "Langue préférée").selectOption("language");
  await page.keyboard.press("Tab");
  await page.getByRole("button", { name: "Apply the matching" }).press("Enter");

  // Read with the matching: the grid as usual, the ignored column without a warning.
  await expect(banner).toContainText("2 users ready, no errors.");
  await expect(banner).not.toContainText("file.unknown_columns");
  await expect(page.locator("#import-grid tbody tr")).toHaveCount(2);
  await expect(page.locator('#import-grid tr[data-row="2"] input[data-column="language"]')).toHaveValue("fr");
  await expect(page.locator('#import-grid tr[data-row="3"] input[data-column="email"]')).toHaveValue(
    `${tag}-1@example.org`,
  );
  await page.getByRole("button", { name: "Confirm and add users" }).click();
  await expect(banner).toContainText("2 users added with status Pending, 0 rows skipped.");

  // The same header row with other rows: matched at once, with the notice.
  await page.getByRole("button", { name: "Import another file" }).click();
  const next = unique("again");
  await dropFile(page, "equipe-2.csv", frenchFile(next, ["Léa", "Noé", "Inès"]).replace("Service", header));
  await expect(banner).toContainText("3 users ready, no errors.");
  await expect(page.locator("#matching-notice")).toContainText("Columns matched as last time.");
  await expect(page.locator('#import-grid tr[data-row="4"] input[data-column="firstname"]')).toHaveValue("Inès");
  await expect(page.locator('#import-grid tr[data-row="4"] input[data-column="email"]')).toHaveValue(
    `${next}-2@example.org`,
  );
  // Change opens the form with the remembered choices.
  await page.getByRole("button", { name: "Change", exact: true }).click();
  await expect(select(page, "Langue préférée")).toHaveValue("language");
  await expect(select(page, header)).toHaveValue("");
  await page.getByRole("button", { name: "Confirm and add users" }).click();
  await expect(banner).toContainText("3 users added with status Pending, 0 rows skipped.");
});

test("a file with the error report's errors column imports with no unknown-column warning", async ({ page }) => {
  const tag = unique("errors");
  await openPanel(page);
  const text = `${HEADER},errors\r\nAna,Roux,${tag}@example.org,,FR,fr,"email.invalid: not an address"\r\n`;
  await dropFile(page, "report.csv", text);
  const banner = page.locator("#import-banner");
  await expect(banner).toContainText("1 user ready, no errors.");
  await expect(banner).not.toContainText("Unknown");
  await expect(page.locator(".banner-warnings li")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Match columns" })).toHaveCount(0);
  await page.getByRole("button", { name: "Confirm and add users" }).click();
  await expect(banner).toContainText("1 user added with status Pending, 0 rows skipped.");
});
