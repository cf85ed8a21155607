// The rules' 250-row check in wasm, in headless Chromium, against PapaParse parsing the same file in the same
// page; appends two benchkit rows (section "The rules") to $BENCH_RESULTS. Called by run.sh, which builds the
// wasm and the page first. The anchor of the first row is the native check's row that the Rust bench
// (`cargo bench -p rules --bench check`) appended to the same $BENCH_RESULTS: run.sh runs that bench first when
// the file has no such row.
import { createServer } from "node:http";
import { readFile, appendFile } from "node:fs/promises";
import { existsSync, readFileSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { createRequire } from "node:module";

const [www, modules] = process.argv.slice(2);
// playwright-core from end2end's node_modules (not an ancestor of this script, so not found by `import`).
const { chromium } = createRequire(join(modules, "noop.js"))("playwright-core");
const RUNS = Number(process.env.RULES_WASM_RUNS ?? 11);
const ITERS = Number(process.env.RULES_WASM_ITERS ?? 200);
const SECTION = "The rules";
const NATIVE = "read, decode, parse and check the 250-row file (native)";

const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };
const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^\/+/, "");
  const file = path === "papaparse.min.js" ? join(modules, "papaparse", path) : join(www, path || "index.html");
  try {
    const body = await readFile(file);
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end();
  }
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${server.address().port}/index.html`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
let result;
try {
  const page = await browser.newPage();
  page.on("pageerror", (e) => console.error("page error:", e));
  await page.goto(url);
  await page.waitForFunction(() => window.ready === true, null, { timeout: 60_000 });
  result = await page.evaluate(([runs, iters]) => window.bench(runs, iters), [RUNS, ITERS]);
} finally {
  await browser.close();
  server.close();
}

function figure(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const n = s.length;
  const median = n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  return { median, min: s[0], max: s[n - 1], runs: n };
}
const wasm = figure(result.wasm);
const papa = figure(result.papa);

const results = process.env.BENCH_RESULTS;
const nativeRow = results && existsSync(results)
  ? readFileSync(results, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l))
      .filter((r) => r.section === SECTION && r.what === NATIVE).pop()
  : undefined;

const rows = [
  {
    section: SECTION,
    what: "the 250-row check in wasm (Chromium)",
    unit: "µs",
    figure: wasm,
    anchor: nativeRow ? { what: "the same check, native (Rust bench)", figure: nativeRow.figure } : null,
    goal: { kind: "ratio_at_most", limit: 2.0 },
  },
  {
    section: SECTION,
    what: "the 250-row check in wasm, against PapaParse in the same page",
    unit: "µs",
    figure: wasm,
    anchor: { what: "PapaParse parses the same file in the same page", figure: papa },
    goal: { kind: "ratio_at_most", limit: 1.0 },
  },
];
const fmt = (f) => `${f.median.toFixed(1)} µs (${f.min.toFixed(1)}–${f.max.toFixed(1)}, ${f.runs} runs)`;
for (const row of rows) {
  const ratio = row.anchor ? `  vs ${row.anchor.what} ${fmt(row.anchor.figure)} → ${(row.figure.median / row.anchor.figure.median).toFixed(2)}×` : "";
  console.log(`[${row.section}] ${row.what}: ${fmt(row.figure)}${ratio}`);
  if (results) await appendFile(results, JSON.stringify(row) + "\n");
}
if (!nativeRow) console.error("no native row in $BENCH_RESULTS: the wasm row has no anchor");
console.log(`(PapaParse read ${result.rows} records)`);
