// The panel's file handling under pressure: a huge file is refused without being read to its end, a workbook
// renamed .csv is "not CSV", and the drop zone takes no second file while the first is imported, so an answer
// only ever marks its own file's grid. Each test makes its own users, with emails no other test uses.
import { test, expect, Page } from "@playwright/test";
import { HEADER, dropFile, openPanel, unique } from "./helpers";

/** A file of `valid` good rows, emails made unique by `tag`. */
function csv(tag: string, valid: number): string {
  const rows = Array.from({ length: valid }, (_, i) => `Ana${"abcdefghij"[i % 10]},Roux,${tag}-${i}@example.org,,FR,fr`);
  return [HEADER, ...rows].join("\r\n") + "\r\n";
}

function cell(page: Page, row: number, column: string) {
  return page.locator(`#import-grid tr[data-row="${row}"] input[data-column="${column}"]`);
}

/** Counts, in the page, the bytes of every `Blob.slice` taken: how much of a dropped file the panel read. */
async function countSlicedBytes(page: Page) {
  await page.addInitScript(() => {
    const slice = Blob.prototype.slice;
    (window as any).slicedBytes = 0;
    Blob.prototype.slice = function (start?: number, end?: number, contentType?: string) {
      const part = slice.call(this, start, end, contentType);
      (window as any).slicedBytes += part.size;
      return part;
    };
  });
}

/** Drops a file made in the page from `rows` copies of one CSV row under the header: tens of megabytes never
 * cross from the test to the browser. Returns the file's size. */
async function dropRepeatedRows(page: Page, name: string, rows: number): Promise<number> {
  const dataTransfer = await page.evaluateHandle(
    ([name, header, rows]) => {
      const block = "Ana,Roux,ana@example.org,,FR,fr\r\n".repeat(10_000);
      const parts: string[] = [header + "\r\n"];
      for (let i = 0; i < rows / 10_000; i++) parts.push(block);
      const dt = new DataTransfer();
      dt.items.add(new File(parts, name, { type: "text/csv" }));
      return dt;
    },
    [name, HEADER, rows] as const,
  );
  await page.dispatchEvent("#drop-zone", "dragover", { dataTransfer });
  await page.dispatchEvent("#drop-zone", "drop", { dataTransfer });
  return await dataTransfer.evaluate((dt) => dt.files[0].size);
}

test("a file of a million rows is refused for its rows without being read to its end", async ({ page }) => {
  await countSlicedBytes(page);
  await openPanel(page);
  const size = await dropRepeatedRows(page, "everyone.csv", 1_000_000);
  expect(size).toBeGreaterThan(30 * 1024 * 1024);
  const banner = page.locator("#import-banner");
  await expect(banner).toContainText("file.too_many_rows");
  await expect(banner).toContainText("Split the list into several files");
  // The rules stopped the reading at the first slice that showed row 251: a few hundred KB of the 33 MB.
  const read = await page.evaluate(() => (window as any).slicedBytes as number);
  expect(read).toBeGreaterThan(0);
  expect(read).toBeLessThanOrEqual(1024 * 1024);
});

test("a workbook renamed .csv is not CSV, whatever its size", async ({ page }) => {
  await openPanel(page);
  // A zip's signature, then compressed-looking bytes: line breaks in them once counted as rows.
  for (const kilobytes of [4, 40, 1500]) {
    const dataTransfer = await page.evaluateHandle((kilobytes) => {
      const bytes = new Uint8Array(kilobytes * 1024);
      let state = 0x2545f491;
      for (let i = 0; i < bytes.length; i++) {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        bytes[i] = state & 0xff;
      }
      bytes.set([0x50, 0x4b, 0x03, 0x04], 0);
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], "learners.csv", { type: "text/csv" }));
      return dt;
    }, kilobytes);
    await page.dispatchEvent("#drop-zone", "dragover", { dataTransfer });
    await page.dispatchEvent("#drop-zone", "drop", { dataTransfer });
    const banner = page.locator("#import-banner");
    await expect(banner).toContainText("file.not_csv");
    await expect(banner).toContainText("CSV UTF-8");
    await expect(banner).not.toContainText("file.too_many_rows");
    // The next drop must start from a clean banner, or the same text could be the previous file's.
    await dropFile(page, "ok.csv", csv(unique(`reset${kilobytes}`), 1));
    await expect(banner).toContainText("1 user ready, no errors.");
  }
});

test("a second file dropped while the import runs is refused, and the answer marks only its own file", async ({
  page,
}) => {
  await openPanel(page);
  // The confirm's answer waits until the second file has been dropped.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/confirm_import", async (route) => {
    await held;
    await route.continue();
  });
  const first = unique("first");
  await dropFile(page, "first.csv", csv(first, 2));
  const banner = page.locator("#import-banner");
  await expect(banner).toContainText("2 users ready, no errors.");
  await page.getByRole("button", { name: "Confirm and add users" }).click();

  // While the import runs, the drop zone says it is locked, and the file input is off.
  const zone = page.locator("#drop-zone");
  await expect(zone).toHaveAttribute("aria-disabled", "true");
  await expect(zone).toHaveAttribute("aria-busy", "true");
  await expect(page.locator("#file-input")).toBeDisabled();
  const second = unique("second");
  await dropFile(page, "second.csv", csv(second, 3));
  await zone.click({ force: true });
  await expect(page.locator("#import-grid tbody tr")).toHaveCount(2);
  await expect(cell(page, 2, "email")).toHaveValue(`${first}-0@example.org`);

  release();
  await expect(banner).toContainText("2 users added with status Pending, 0 rows skipped.");
  await expect(page.locator("#import-grid tbody tr")).toHaveCount(2);
  await expect(cell(page, 3, "email")).toHaveValue(`${first}-1@example.org`);
  await expect(page.locator('#import-grid tr[data-row="3"] .outcome')).toHaveText("Added");
  await expect(zone).not.toHaveAttribute("aria-disabled", "true");
  await expect(zone).not.toHaveAttribute("aria-busy", "true");

  // Only the first file's users exist; the second file was never read.
  await page.getByRole("button", { name: "Close" }).last().click();
  await expect(page.getByRole("cell", { name: `${first}-1@example.org` })).toBeVisible();
  await expect(page.getByRole("cell", { name: `${second}-0@example.org` })).toHaveCount(0);
});
