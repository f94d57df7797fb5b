// The user self-service portal: "My certificates" (EPMM V2 certificate guide, the User Portal call for all user-provided configurations)
// with upload (the guide's upload of a user-provided certificate), replace and delete of the signed-in user's own certificates.
// PKCS#12 files are built at test time by the mock (`/_mock/pkcs12`, --test-hooks) with the same
// code as its native tests; nothing secret is checked in. Each test restores jdoe's certificates.
import { test, expect, signIn, basic, rel, SELF_SERVICE } from './support';
import type { APIRequestContext, Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const WIFI = 'Wi-Fi EAP-TLS identity'; // CE 11: jdoe has none; password required
const VPN = 'VPN client certificate'; // CE 12: expires in 20 days
const SMIME = 'S/MIME email signing'; // CE 13: expired
const SAMPLE = 'testUserProv'; // CE 10: valid (the User Portal call's sample displayName)

async function fixture(request: APIRequestContext, kind: string, password: string): Promise<Buffer> {
  const r = await request.get(`/_mock/pkcs12?kind=${kind}&password=${encodeURIComponent(password)}&cn=jdoe`);
  expect(r.status()).toBe(200);
  return Buffer.from(await r.body());
}

async function mine(request: APIRequestContext): Promise<any[]> {
  const r = await request.post('/api/v2/configuration/CE/USER_PROVIDED/all/getAllUserProvidedCertificateDetails', {
    headers: { Authorization: basic(SELF_SERVICE.user, SELF_SERVICE.password) },
    data: { userId: 'jdoe' },
  });
  expect(r.status()).toBe(200);
  return (await r.json()).results;
}

function card(page: Page, name: string) {
  return page.getByRole('article').filter({ has: page.getByRole('heading', { name, exact: true }) });
}

async function openSelfService(page: Page) {
  await signIn(page, SELF_SERVICE, '/self-service');
  await expect(page).toHaveURL(/\/self-service$/);
  await expect(page.getByRole('heading', { name: 'My certificates', level: 1 })).toBeVisible();
}

test.afterEach(async ({ request }) => {
  // Leave jdoe's certificates as seeded, whatever happened.
  await request.post('/_mock/v2/reset');
});

test('one card per required configuration: missing, valid until, expires in N days, expired', async ({ page, request }) => {
  const rows = await mine(request);
  await openSelfService(page);
  await expect(page.getByRole('article')).toHaveCount(rows.length);
  await expect(card(page, WIFI)).toContainText('Missing');
  await expect(card(page, WIFI)).toContainText('Password required');
  await expect(card(page, WIFI).getByRole('button', { name: 'Upload certificate' })).toBeVisible();
  await expect(card(page, VPN)).toContainText(/Expires in (19|20) days/);
  await expect(card(page, VPN)).toContainText('No password required.');
  await expect(card(page, SMIME)).toContainText(/Expired on \d{4}-\d\d-\d\d/);
  await expect(card(page, SAMPLE)).toContainText(/Valid until \d{4}-\d\d-\d\d/);
  const vpn = rows.find((r) => r.ceId === 12);
  await expect(card(page, VPN)).toContainText(`Uploaded ${new Date(vpn.certificateUploadedDate).toISOString().slice(0, 10)}`);
});

test('upload a valid file, replace it by drag and drop, then delete it', async ({ page, request }) => {
  await openSelfService(page);
  const wifi = card(page, WIFI);
  await wifi.getByRole('button', { name: 'Upload certificate' }).click();
  let dialog = page.getByRole('dialog', { name: `Upload certificate for ${WIFI}` });
  await dialog.getByLabel('Certificate file').setInputFiles({ name: 'jdoe.p12', mimeType: 'application/x-pkcs12', buffer: await fixture(request, 'valid', 's3cret') });
  await expect(dialog.getByText('Chosen: jdoe.p12')).toBeVisible();
  await dialog.getByLabel('Password').fill('s3cret');
  await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(page.getByText('Certificate successfully uploaded.')).toBeVisible();
  await expect(dialog).toHaveCount(0);
  await expect(wifi).toContainText(/Valid until \d{4}-\d\d-\d\d/);
  const first = (await mine(request)).find((r) => r.ceId === 11);
  expect(first.certificateId).not.toBeNull();

  // Replace: asks first, then takes a dropped file.
  await wifi.getByRole('button', { name: 'Replace certificate' }).click();
  const confirm = page.getByRole('dialog', { name: 'Replace your certificate?' });
  await expect(confirm).toContainText(WIFI);
  await confirm.getByRole('button', { name: 'Choose a new certificate' }).click();
  dialog = page.getByRole('dialog', { name: `Upload certificate for ${WIFI}` });
  const bytes = [...(await fixture(request, 'valid', 'n3w-pass'))];
  const dt = await page.evaluateHandle((b) => {
    const t = new DataTransfer();
    t.items.add(new File([new Uint8Array(b)], 'new.pfx', { type: 'application/x-pkcs12' }));
    return t;
  }, bytes);
  await dialog.getByText('or drag and drop the file here').dispatchEvent('drop', { dataTransfer: dt });
  await expect(dialog.getByText('Chosen: new.pfx')).toBeVisible();
  await dialog.getByLabel('Password').fill('n3w-pass');
  await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await expect.poll(async () => (await mine(request)).find((r) => r.ceId === 11).certificateId).not.toBe(first.certificateId);

  // Delete, with confirmation.
  await wifi.getByRole('button', { name: 'Delete certificate' }).click();
  const del = page.getByRole('dialog', { name: 'Delete your certificate?' });
  await del.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText(`The certificate for “${WIFI}” was deleted.`)).toBeVisible();
  await expect(wifi).toContainText('Missing');
  expect((await mine(request)).find((r) => r.ceId === 11).certificateId).toBeNull();
});

test('a wrong password is shown under the Password field and the chosen file is kept', async ({ page, request }) => {
  await openSelfService(page);
  await card(page, WIFI).getByRole('button', { name: 'Upload certificate' }).click();
  const dialog = page.getByRole('dialog', { name: `Upload certificate for ${WIFI}` });
  await dialog.getByLabel('Certificate file').setInputFiles({ name: 'mine.p12', mimeType: 'application/x-pkcs12', buffer: await fixture(request, 'valid', 'right-one') });
  // Required password left empty: refused before sending.
  await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(dialog.getByLabel('Password')).toHaveAccessibleDescription(/Enter the password of the certificate file\./);
  await dialog.getByLabel('Password').fill('wrong-one');
  await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
  // The server's message (MAC check), under the field it concerns.
  await expect(dialog.getByLabel('Password')).toHaveAccessibleDescription(/Incorrect password for the PKCS#12 file\./);
  await expect(dialog.getByLabel('Password')).toHaveValue('');
  await expect(dialog.getByText('Chosen: mine.p12')).toBeVisible();
  // Only the password is needed now.
  await dialog.getByLabel('Password').fill('right-one');
  await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await expect(card(page, WIFI)).toContainText(/Valid until/);
});

test('a PEM file is refused before upload; the server\'s file errors go under the file field', async ({ page, request }) => {
  await openSelfService(page);
  await card(page, WIFI).getByRole('button', { name: 'Upload certificate' }).click();
  const dialog = page.getByRole('dialog', { name: `Upload certificate for ${WIFI}` });
  const dir = mkdtempSync(join(tmpdir(), 'mdm-pem-'));
  const pem = join(dir, 'jdoe.pem');
  writeFileSync(pem, '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ0VSVElGSUNBVEU=\n-----END CERTIFICATE-----\n');
  await dialog.getByLabel('Certificate file').setInputFiles(pem);
  const file = dialog.getByLabel('Certificate file');
  await expect(file).toHaveAccessibleDescription(/This is a PEM file/);
  await dialog.getByLabel('Password').fill('whatever');
  await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(file).toHaveAccessibleDescription(/This is a PEM file/);
  await expect(dialog).toBeVisible();

  // Two private keys (EPMM V2 certificate guide, "Managing user certificates"): the server refuses; the message is placed under the file.
  await file.setInputFiles({ name: 'two.p12', mimeType: 'application/x-pkcs12', buffer: await fixture(request, 'two-keys', 'pw') });
  await dialog.getByLabel('Password').fill('pw');
  await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(file).toHaveAccessibleDescription(/contains more than one private key/);
  // A version 1 certificate (EPMM V2 certificate guide, "Managing user certificates").
  await file.setInputFiles({ name: 'old.p12', mimeType: 'application/x-pkcs12', buffer: await fixture(request, 'v1', 'pw') });
  await dialog.getByLabel('Password').fill('pw');
  await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(file).toHaveAccessibleDescription(/Only version 3 certificates are supported\./);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(card(page, WIFI)).toContainText('Missing');
});

test('a self-service user cannot open admin screens', async ({ page }) => {
  await openSelfService(page);
  for (const path of ['/certificates', '/certificates/users/admin', '/certificates/configurations', '/devices']) {
    await page.goto(rel(path));
    await expect(page).toHaveURL(/\/self-service$/);
    await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'My certificates', level: 1 })).toBeVisible();
  }
});
