// The site's wasm, JS and CSS as a browser receives them: the sign-in page's HTML names them, and each is fetched raw
// (Node's `http`, which does not decompress) asking for brotli, then gzip. Rows: the bytes on the wire, and the faults
// that would cost a returning admin or the server something (a name that does not change with the content, a file
// sent uncompressed or compressed at request time instead of the build's .br/.gz, a Cache-Control not immutable).
// Sizes do not vary between runs: one run each.
import { test, expect } from "@playwright/test";
import http from "node:http";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { figure, record } from "./record";

const SECTION = "The bundle on the wire";
/** What server/src/assets.rs sends for content-named files. */
const IMMUTABLE = "public, max-age=31536000, immutable";
/** The built site the server serves (scripts/e2e-server.sh: `$root/target/site`). */
const PKG = path.resolve(__dirname, "../../target/site/pkg");
/** Where `cargo leptos build` with LEPTOS_HASH_FILES=true writes the hashes: beside the server's executable. */
const SERVER_BIN = process.env.SERVER_BIN ?? path.resolve(__dirname, "../../target/debug/server");

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  bytes: number;
  body: Buffer;
}

/** GETs `url` and counts the bytes exactly as they came (no decompression: Node's `http` never does it). */
function getRaw(url: string, encoding?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (encoding) headers["accept-encoding"] = encoding;
    http
      .get(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const body = Buffer.concat(chunks);
          resolve({ status: response.statusCode ?? 0, headers: response.headers, bytes: body.length, body });
        });
        response.on("error", reject);
      })
      .on("error", reject);
  });
}

/** One attribute of an HTML start tag (quoted or not), lower-cased name. */
function attribute(tag: string, name: string): string | undefined {
  const match = tag.match(new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i"));
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

/** The wasm, JS and CSS the page's <head> names: modulepreload (JS), preload (wasm), stylesheet (CSS). */
function assets(html: string): { js: string; wasm: string; css: string } {
  const links = [...html.matchAll(/<link\b[^>]*>/gi)].map((m) => m[0]);
  const href = (wanted: (rel: string, href: string) => boolean) =>
    links.map((tag) => [attribute(tag, "rel") ?? "", attribute(tag, "href") ?? ""]).find(([rel, href]) => wanted(rel, href))?.[1];
  const js = href((rel, h) => rel === "modulepreload" && h.endsWith(".js"));
  const wasm = href((rel, h) => rel === "preload" && h.endsWith(".wasm"));
  const css = href((rel, h) => rel === "stylesheet" && h.endsWith(".css"));
  expect(js, "the page names its JS (modulepreload)").toBeTruthy();
  expect(wasm, "the page names its wasm (preload)").toBeTruthy();
  expect(css, "the page names its CSS (stylesheet)").toBeTruthy();
  return { js: js!, wasm: wasm!, css: css! };
}

/** The hashes of hash.txt (`js: …`, `wasm: …`, `css: …`), if the server was built with content-named files. */
function buildHashes(): Map<string, string> {
  const file = path.join(path.dirname(SERVER_BIN), "hash.txt");
  const hashes = new Map<string, string>();
  if (!existsSync(file)) return hashes;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const match = line.match(/^\s*(\w+)\s*:\s*(\S+)\s*$/);
    if (match) hashes.set(match[1], match[2]);
  }
  return hashes;
}

/** Whether a file name carries its content's hash: `stem.HASH.ext`, HASH the one hash.txt lists when there is one. */
function contentNamed(name: string, kind: string, hashes: Map<string, string>): boolean {
  const match = name.match(/^[\w-]+\.([A-Za-z0-9_-]{8,})\.(js|wasm|css)$/);
  if (!match) return false;
  const listed = hashes.get(kind);
  return listed === undefined || listed === match[1];
}

test("the bundle on the wire", async ({ baseURL }) => {
  const page = await getRaw(`${baseURL}/sign-in`);
  expect(page.status).toBe(200);
  const files = assets(page.body.toString("utf8"));
  const hashes = buildHashes();
  console.log(`hash.txt: ${hashes.size ? [...hashes].map(([k, v]) => `${k}=${v}`).join(", ") : "absent"}`);

  const faults: string[] = [];
  const onWire = { br: new Map<string, number>(), gzip: new Map<string, number>() };
  for (const [kind, href] of Object.entries(files)) {
    const url = new URL(href, baseURL).toString();
    const name = path.basename(new URL(url).pathname);
    if (!contentNamed(name, kind, hashes)) faults.push(`${name}: the name carries no content hash`);
    const plain = await getRaw(url);
    for (const [encoding, suffix] of [
      ["br", "br"],
      ["gzip", "gz"],
    ] as const) {
      const answer = await getRaw(url, encoding);
      expect(answer.status, `${name} (${encoding})`).toBe(200);
      onWire[encoding].set(kind, answer.bytes);
      const sent = answer.headers["content-encoding"];
      if (sent !== encoding) faults.push(`${name}: asked for ${encoding}, Content-Encoding is ${sent ?? "missing"}`);
      const built = path.join(PKG, `${name}.${suffix}`);
      if (!existsSync(built)) faults.push(`${name}: no ${name}.${suffix} made at build time in ${PKG}`);
      else if (statSync(built).size !== answer.bytes)
        faults.push(`${name}: ${answer.bytes} bytes sent as ${encoding}, ${statSync(built).size} in ${name}.${suffix} (compressed at request time?)`);
      const cache = answer.headers["cache-control"];
      if (cache !== IMMUTABLE) faults.push(`${name} (${encoding}): Cache-Control is ${cache ?? "missing"}, not "${IMMUTABLE}"`);
    }
    console.log(
      `${kind.padEnd(4)} ${name}: ${plain.bytes} B uncompressed, ${onWire.br.get(kind)} B brotli, ${onWire.gzip.get(kind)} B gzip`,
    );
  }
  for (const fault of faults) console.log(`fault: ${fault}`);

  const kb = (encoding: "br" | "gzip", kinds: string[]) =>
    kinds.reduce((sum, kind) => sum + (onWire[encoding].get(kind) ?? 0), 0) / 1000;
  record(SECTION, "wasm + JS on the wire, brotli", "KB", figure([kb("br", ["wasm", "js"])]), { kind: "at_most", limit: 200 });
  record(SECTION, "wasm + JS + CSS on the wire, gzip", "KB", figure([kb("gzip", ["wasm", "js", "css"])]));
  record(
    SECTION,
    "files not content-named, not precompressed at build time, or not immutable",
    "faults",
    figure([faults.length]),
    { kind: "at_most", limit: 0 },
  );
});
