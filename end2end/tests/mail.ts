// The invitations the e2e server writes as .eml files (it runs with no SMTP server, see scripts/e2e-server.sh).
import { expect } from "@playwright/test";
import * as fs from "node:fs";
import * as path from "node:path";

const MAIL_DIR = path.resolve(__dirname, "../../target/e2e/mail");

/** The text of every email sent to `address` so far, with quoted-printable and base64 parts decoded. */
export function emailsTo(address: string): string[] {
  if (!fs.existsSync(MAIL_DIR)) return [];
  return fs
    .readdirSync(MAIL_DIR)
    .filter((f) => f.endsWith(".eml"))
    .map((f) => fs.readFileSync(path.join(MAIL_DIR, f), "latin1"))
    .filter((raw) => raw.toLowerCase().includes(address.toLowerCase()))
    .map(decode);
}

function decode(raw: string): string {
  const unfolded = raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
  const base64Parts = [...raw.matchAll(/Content-Transfer-Encoding: base64\r?\n(?:[^\r\n]+\r?\n)*\r?\n([A-Za-z0-9+/=\r\n]+)/g)].map(
    (m) => Buffer.from(m[1].replace(/\r?\n/g, ""), "base64").toString("utf8"),
  );
  return [Buffer.from(unfolded, "latin1").toString("utf8"), ...base64Parts].join("\n");
}

export async function waitForEmail(address: string, count = 1): Promise<string> {
  await expect.poll(() => emailsTo(address).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(count);
  return emailsTo(address)[count - 1];
}

export function acceptLink(email: string): string {
  const match = email.match(/https?:\/\/[^\s"<>]*\/invite\/([A-Za-z0-9_-]{43})/);
  expect(match, "an accept link in the email").not.toBeNull();
  return new URL(match![0]).pathname;
}

/** The path of the admin invitation's accept link in an email (`/admin-invite/<token>`). */
export function adminAcceptLink(email: string): string {
  const match = email.match(/https?:\/\/[^\s"<>]*\/admin-invite\/([A-Za-z0-9_-]{43})/);
  expect(match, "an admin accept link in the email").not.toBeNull();
  return new URL(match![0]).pathname;
}
