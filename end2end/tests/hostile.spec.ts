// Hostile files dropped on the panel: the browser's rules (wasm) give each one its code, as the server's do
// (server/tests/verify/hostile.rs runs the same kinds of cases through the rules, `server check` and the confirm).
import { test, expect, Page } from "@playwright/test";
import { HEADER, openPanel, unique } from "./helpers";

type Expected = { file: string } | { codes: string[] } | { valid: true };

/** Drops raw bytes (a binary file renamed `.csv` is not text). */
async function dropBytes(page: Page, name: string, bytes: number[]) {
  const dataTransfer = await page.evaluateHandle(
    ([name, bytes]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes as number[])], name as string, { type: "text/csv" }));
      return dt;
    },
    [name, bytes] as const,
  );
  await page.dispatchEvent("#drop-zone", "dragover", { dataTransfer });
  await page.dispatchEvent("#drop-zone", "drop", { dataTransfer });
}

const text = (s: string) => Array.from(new TextEncoder().encode(s));

/** One learner whose `column` holds `value` (quoted), the rest valid and unique. */
function row(column: number, value: string): number[] {
  const values = ["Ana", "Roux", `${unique("hostile")}@example.org`, "", "FR", "fr"];
  values[column] = value;
  return text(`${HEADER}\r\n${values.map((v) => `"${v.replaceAll('"', '""')}"`).join(",")}\r\n`);
}

function noise(length: number): number[] {
  let state = 7;
  return Array.from({ length }, () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state >> 23;
  });
}

const [FIRST, LAST, EMAIL, ID, COUNTRY, LANGUAGE] = [0, 1, 2, 3, 4, 5];

const CASES: [string, () => number[], Expected][] = [
  ["a formula", () => row(FIRST, '=HYPERLINK("http://evil.example","x")'), { codes: ["firstname.invalid"] }],
  ["a NUL byte", () => row(LAST, "Ro\u0000ux"), { file: "file.not_csv" }],
  ["a zero-width space", () => row(FIRST, "An\u200ba"), { codes: ["firstname.invalid"] }],
  ["a bidi override", () => row(LAST, "\u202exuoR"), { codes: ["lastname.invalid"] }],
  ["HTML in an email", () => row(EMAIL, "<b>a</b>@example.org"), { codes: ["email.invalid"] }],
  ["a display name", () => row(EMAIL, "Ana <ana@example.org>"), { codes: ["email.invalid"] }],
  ["an IP literal", () => row(EMAIL, "ana@[127.0.0.1]"), { codes: ["email.invalid"] }],
  ["a header injection", () => row(EMAIL, "ana@example.org\r\nBcc: x@evil.example"), { codes: ["email.invalid"] }],
  ["a no-break space in a name", () => row(FIRST, "Anne\u00a0Marie"), { valid: true }],
  ["a name of only a period", () => row(LAST, "."), { codes: ["lastname.invalid"] }],
  ["a circled letter", () => row(FIRST, "\u24b6na"), { codes: ["firstname.invalid"] }],
  ["a Roman numeral", () => row(LAST, "Louis \u216b"), { codes: ["lastname.invalid"] }],
  ["a fraction in an identifier", () => row(ID, "A\u00bd"), { codes: ["identifier.invalid"] }],
  ["a lower-case country", () => row(COUNTRY, "fr"), { codes: ["country.invalid"] }],
  ["an upper-case language", () => row(LANGUAGE, "EN"), { codes: ["language.invalid"] }],
  ["an unclosed quote", () => text(`${HEADER}\r\nAna,"Roux,a@example.org,,,fr\r\n`), { file: "file.unreadable" }],
  ["a zip archive", () => [0x50, 0x4b, 0x03, 0x04, ...noise(5000)], { file: "file.not_csv" }],
  ["a PDF over 1 MB", () => [...text("%PDF-1.7\n%\u00e2\u00e3\n"), ...noise(1_100_000)], { file: "file.not_csv" }],
  ["ten thousand columns", () => text(`${HEADER},${Array.from({ length: 9994 }, (_, i) => `x${i}`).join(",")}\r\nAna,Roux,${unique("wide")}@example.org,,,fr\r\n`), { valid: true }],
  ["a ragged row", () => text(`${HEADER}\r\nAna,Roux\r\n`), { codes: ["email.missing", "language.missing"] }],
];

test("hostile files get their codes in the browser, and nothing breaks", async ({ page }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await openPanel(page);
  const banner = page.locator("#import-banner");
  const grid = page.locator("#import-grid");
  for (const [name, build, expected] of CASES) {
    // A known good file first, so that what the next one shows is its own.
    await dropBytes(page, "reset.csv", text(`${HEADER}\r\nAna,Roux,${unique("reset")}@example.org,,,fr\r\nZoe,Roux,${unique("reset")}@example.org,,,fr\r\n`));
    await expect(banner, name).toContainText("2 users ready");
    await dropBytes(page, "hostile.csv", build());
    if ("file" in expected) {
      await expect(banner, name).toContainText(expected.file);
    } else if ("codes" in expected) {
      for (const code of expected.codes) await expect(grid, name).toContainText(code);
      await expect(banner, name).toContainText("1 row with errors");
    } else {
      await expect(banner, name).toContainText("1 user ready");
    }
  }
  expect(errors, "no error in the page").toEqual([]);
});
