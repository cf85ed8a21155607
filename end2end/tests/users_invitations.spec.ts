// Invitations end to end: an import queues them, the worker writes each as an email (.eml files, as with no
// SMTP server), the learner follows the link, chooses a password and becomes Active; a never-invited learner gets
// an invitation from the sign-in page. Each test imports its own learners, with emails no other test uses.
import { test, expect, Page } from "@playwright/test";
import { HEADER, dropFile, hydrated, signIn, unique } from "./helpers";
import { acceptLink, emailsTo, waitForEmail } from "./mail";

async function importFile(page: Page, text: string, invite: boolean) {
  await signIn(page);
  await hydrated(page);
  await page.getByRole("button", { name: "Add users" }).click();
  await dropFile(page, "invite.csv", text);
  await expect(page.locator("#import-banner")).toContainText("no errors");
  if (!invite) await page.getByRole("switch", { name: "Send an invitation email" }).uncheck();
  await page.getByRole("button", { name: "Confirm and add users" }).click();
  await expect(page.locator("#import-banner")).toContainText("added with status Pending");
  await page.keyboard.press("Escape");
}

test("an imported learner gets the invitation in their language and activates the account", async ({ page }) => {
  const [elodie, hans] = [`${unique("elodie")}@example.fr`, `${unique("hans")}@example.de`];
  await importFile(page, `${HEADER}\r\nÉlodie,Lefèvre,${elodie},,FR,fr\r\nHans,Maier,${hans},,DE,de\r\n`, true);
  const french = await waitForEmail(elodie);
  expect(french).toContain("Votre invitation");
  expect(french).toContain("Bonjour Élodie Lefèvre");
  expect(await waitForEmail(hans)).toContain("Ihre Einladung");
  // The list shows the invitation as sent.
  await page.reload();
  await expect(page.locator("table.users tbody tr", { hasText: elodie })).toContainText("Sent");

  await page.goto(acceptLink(french));
  await hydrated(page);
  await expect(page.getByRole("heading", { name: "Activate your account" })).toBeVisible();
  await expect(page.getByText(`Choose a password for ${elodie}`)).toBeVisible();
  // Too short: the browser holds the form back (the server refuses it too, see the API tests).
  await page.getByLabel("New password").fill("short");
  expect(await page.getByLabel("New password").evaluate((el: HTMLInputElement) => el.checkValidity())).toBe(false);
  await page.getByLabel("New password").fill("a long enough passphrase");
  await page.getByRole("button", { name: "Activate my account" }).click();
  await expect(page.getByRole("status")).toContainText("Your account is active");

  // The link works once.
  await page.goto(acceptLink(french));
  await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();

  // The learner signs in; the admin sees the user Active.
  await page.goto("/learn/sign-in");
  await hydrated(page);
  await page.getByLabel("Email").fill(elodie.toUpperCase());
  await page.getByLabel("Password").fill("a long enough passphrase");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("#learner-answer")).toContainText("Welcome back, Élodie");
  await page.goto("/");
  await expect(page.locator("table.users tbody tr", { hasText: elodie })).toContainText("Active");
});

test("a learner never invited gets the invitation at first sign-in; an unknown email gets the same answer", async ({ page }) => {
  const [noor, nobody] = [`${unique("noor")}@example.org`, `${unique("nobody")}@example.org`];
  await importFile(page, `${HEADER}\r\nNoor,Haddad,${noor},,NL,nl\r\n`, false);
  await page.reload();
  const noorInList = page.locator("table.users tbody tr", { hasText: noor });
  await expect(noorInList).toContainText("Not sent");
  expect(emailsTo(noor)).toHaveLength(0);

  await page.goto("/learn/sign-in");
  await hydrated(page);
  await page.getByLabel("Email").fill(nobody);
  await page.getByLabel("Password").fill("whatever it is");
  const first = page.waitForResponse((r) => r.url().includes("learner_sign_in") && r.ok());
  await page.getByRole("button", { name: "Sign in" }).click();
  // The answer must be in before the next email is typed: a click while the form is still sending is ignored.
  await first;
  await expect(page.locator("#learner-answer")).not.toBeEmpty();
  const unknownAnswer = await page.locator("#learner-answer").textContent();

  await page.getByLabel("Email").fill(noor);
  await page.getByLabel("Password").fill("whatever it is");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect.poll(() => emailsTo(noor).length, { timeout: 20_000 }).toBe(1);
  await expect(page.locator("#learner-answer")).toHaveText(unknownAnswer ?? "");
  expect(emailsTo(noor)[0]).toContain("Je uitnodiging");
  expect(emailsTo(nobody)).toHaveLength(0);

  // Asking again at once sends nothing more (one per 15 minutes). Once the server has answered, a second
  // invitation would be queued, so the list would show it Queued until its email was written and only then Sent:
  // "Sent" after that answer means every invitation of this learner is written.
  const answered = page.waitForResponse((r) => r.url().includes("learner_sign_in") && r.ok());
  await page.getByRole("button", { name: "Sign in" }).click();
  await answered;
  await page.goto("/");
  await expect(async () => {
    await page.reload();
    await expect(noorInList).toContainText("Sent", { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  expect(emailsTo(noor)).toHaveLength(1);
});
