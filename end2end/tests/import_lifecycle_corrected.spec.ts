// The corrected file and the Excel template (issue 13): the grid's rows, as edited, download as a CSV the app
// wrote (BOM, CRLF, formulas neutralised) that reads back as the same values; the panel offers the .xlsx template
// beside the CSV one and says how to save it as CSV UTF-8.
import { test, expect, Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { HEADER, dropFile, openPanel, screenshot, unique } from "./helpers";

function cell(page: Page, row: number, column: string) {
  return page.locator(`#import-grid tr[data-row="${row}"] input[data-column="${column}"]`);
}

test("the corrected file holds the inline fixes, opens with a BOM and neutralises formulas", async ({ page }) => {
  const ana = unique("ana");
  const zoe = unique("zoe");
  await openPanel(page);
  const file = [
    HEADER,
    `Ana,Roux,${ana}@example,,FR,fr`,
    `Zoë,=HYPERLINK("http://evil.example"),${zoe}@example.org,+33612,FR,fr`,
    `Élodie,"Lefèvre, ""la"" Grande",${unique("elodie")}@example.fr,-7,FR,fr`,
  ].join("\r\n");
  await dropFile(page, "learners.csv", file + "\r\n");
  await expect(page.locator("#import-banner")).toContainText("0 users ready, 3 rows with errors");

  // Fix one cell inline: the download carries the grid as it is now, not the file as dropped.
  await cell(page, 2, "email").fill(`${ana}@example.org`);
  await expect(page.locator("#import-banner")).toContainText("1 user ready, 2 rows with errors");

  await screenshot(page, "grid-download-corrected");

  // Keyboard only: the button takes the focus and Enter saves the file.
  const button = page.getByRole("button", { name: "Download corrected file" });
  await button.focus();
  const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  expect(download.suggestedFilename()).toBe("learners-corrected.csv");
  const bytes = readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString("utf8");
  const lines = text.split("\r\n");
  // Every column the import reads, the optional groups and status included (empty here).
  expect(lines[0]).toBe(`${HEADER},groups,status`);
  expect(lines[1]).toBe(`Ana,Roux,${ana}@example.org,,FR,fr,,`);
  // A value a spreadsheet would run is written with a leading ' (and quoted for its quotes).
  expect(lines[2]).toBe(`Zoë,"'=HYPERLINK(""http://evil.example"")",${zoe}@example.org,'+33612,FR,fr,,`);
  expect(lines[3]).toContain(`"Lefèvre, ""la"" Grande"`);
  expect(lines[3]).toContain(`,'-7,`);
  expect(text.endsWith("\r\n")).toBe(true);

  // Dropped again, the corrected file reads back as the values the grid held: the ' is gone.
  await dropFile(page, "learners-corrected.csv", "\uFEFF" + text);
  await expect(page.locator("#import-banner")).toContainText("1 user ready, 2 rows with errors");
  await expect(cell(page, 2, "email")).toHaveValue(`${ana}@example.org`);
  await expect(cell(page, 3, "lastname")).toHaveValue(`=HYPERLINK("http://evil.example")`);
  await expect(cell(page, 3, "identifier")).toHaveValue("+33612");
  await expect(cell(page, 4, "identifier")).toHaveValue("-7");
  await expect(cell(page, 4, "lastname")).toHaveValue(`Lefèvre, "la" Grande`);
});

test("the panel offers the Excel template and says how to save it as CSV UTF-8", async ({ page }) => {
  await openPanel(page);
  const link = page.getByRole("link", { name: "Excel template (.xlsx)" });
  await expect(link).toHaveAttribute("href", "/import/template.xlsx");
  await expect(page.locator("#save-as-csv-utf8")).toContainText("CSV UTF-8 (Comma delimited)");
  await screenshot(page, "panel-templates");
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe("users-template.xlsx");
  const bytes = readFileSync(await download.path());
  expect(bytes.subarray(0, 4).toString("latin1")).toBe("PK\u0003\u0004");

  // The workbook dropped as is: not CSV, with the same instruction.
  const dataTransfer = await page.evaluateHandle((data) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(data)], "users-template.xlsx"));
    return dt;
  }, [...bytes]);
  await page.dispatchEvent("#drop-zone", "dragover", { dataTransfer });
  await page.dispatchEvent("#drop-zone", "drop", { dataTransfer });
  const banner = page.locator("#import-banner");
  await expect(banner).toContainText("file.not_csv");
  await expect(banner).toContainText("CSV UTF-8");
});
