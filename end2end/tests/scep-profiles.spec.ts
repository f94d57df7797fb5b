// SCEP profiles (issue 17) on the certificate platform beside the MDM server: mock-server's
// CZERTAINLY API (SCEP Profile Management), configured as config.json "pki" in both setups (see
// playwright.config.ts). Every operation is checked through the API afterwards. With nginx, the
// API is reached through it (the admin's credentials checked by the MDM server, nginx's client
// certificate on the hop), as the portal reaches it.
import { type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import {
  test, expect, signInAsAdmin, resetMock, tableRows, headerTitles, showing, parseCsv, appHref, basic, ADMIN,
} from './support';

const API = '/czertainly/api/v1/scepProfiles';
const AUTH = { Authorization: basic(ADMIN.user, ADMIN.password), Accept: 'application/json' };

// The seeded world (mock-server czertainly::world).
const CORPORATE = 'c2f685d4-6a3e-11ec-90d6-0242ac120003';
const KIOSK = 'b9b09548-a97c-4c6a-a06a-e4ee6fc2da98';
const INTUNE = '7b55ge1c-844f-11dc-a8a3-0242ac120002';
const LAB = 'e3b1c5d7-9f2a-4b6c-8d0e-1f3a5b7c9d41';

async function cz(request: APIRequestContext, path = ''): Promise<{ status: number; body: any; text: string }> {
  const r = await request.get(`${API}${path}`, { headers: AUTH });
  const text = await r.text();
  return { status: r.status(), body: text ? JSON.parse(text) : null, text };
}

async function profiles(request: APIRequestContext): Promise<any[]> {
  const { status, body } = await cz(request);
  expect(status).toBe(200);
  return body;
}

async function detail(request: APIRequestContext, uuid: string): Promise<any> {
  const { status, body } = await cz(request, `/${encodeURIComponent(uuid)}`);
  expect(status, uuid).toBe(200);
  return body;
}

/** The portal's words for the renewal threshold ("0 or empty: half the certificate's validity"). */
function renewal(days: number | null | undefined): string {
  if (!days) return "Half the certificate's validity";
  return days === 1 ? '1 day before expiry' : `${days} days before expiry`;
}

/** The value of a field (dt/dd) of a described list. */
function fieldOf(page: Page, list: string, name: string): Locator {
  return page
    .locator(`dl[aria-label="${list}"] > div`)
    .filter({ has: page.locator('dt', { hasText: new RegExp(`^${name}$`) }) })
    .locator('dd');
}

/** Chooses the option whose text starts with `prefix` (the CA certificate picker adds details). */
async function choose(select: Locator, prefix: string) {
  const value = await select.locator('option', { hasText: new RegExp(`^${prefix}`) }).first().getAttribute('value');
  await select.selectOption(value!);
}

async function openProfile(page: Page, name: string) {
  await page.getByRole('table', { name: 'SCEP profiles' }).getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
}

test.beforeEach(async ({ request }) => {
  await resetMock(request);
});

test('the list: every profile with state, RA profile, CA certificate, renewal threshold and Intune; search, sort, columns, CSV', async ({ page, request }) => {
  const list = await profiles(request);
  expect(list.length).toBe(4);
  const cas = new Map<string, string>();
  for (const p of list) cas.set(p.uuid, (await detail(request, p.uuid)).caCertificate.commonName);

  await signInAsAdmin(page, '/certificates');
  await page.getByRole('navigation', { name: 'Certificates' }).getByRole('link', { name: 'SCEP profiles' }).click();
  await expect(page).toHaveURL(/\/certificates\/scep-profiles$/);
  await expect(page.getByRole('heading', { name: 'SCEP profiles', level: 1 })).toBeVisible();
  await expect(showing(page)).toHaveText(`Showing 1–4 of 4`);
  expect(await headerTitles(page)).toEqual(['Name', 'State', 'Description', 'RA profile', 'CA certificate', 'Renewal threshold', 'Intune']);
  const rows = await tableRows(page);
  for (const p of list) {
    const row = rows.find((r) => r[0] === p.name);
    expect(row, p.name).toEqual([
      p.name,
      p.enabled ? 'Enabled' : 'Disabled',
      p.description ?? '',
      p.raProfile?.name ?? '',
      cas.get(p.uuid),
      renewal(p.renewThreshold),
      p.enableIntune ? 'Yes' : 'No',
    ]);
  }
  // lab-test's threshold is 0: half the validity.
  expect(rows.find((r) => r[0] === 'lab-test')![5]).toBe("Half the certificate's validity");

  // Search, sort.
  await page.getByRole('searchbox').fill('kiosk');
  await expect(showing(page)).toHaveText('Showing 1–1 of 1');
  expect((await tableRows(page))[0][0]).toBe('kiosk-devices');
  await page.getByRole('searchbox').fill('');
  await page.getByRole('columnheader', { name: 'Name' }).getByRole('button').click();
  await page.getByRole('columnheader', { name: 'Name' }).getByRole('button').click();
  await expect(page.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'descending');
  expect((await tableRows(page)).map((r) => r[0])).toEqual(list.map((p) => p.name).sort().reverse());

  // Columns (kept in the URL) and the CSV of what is shown.
  await page.goto(page.url().replace(/\?.*$/, '') + '?cols=name,scep_url,intune');
  await expect(page.getByRole('table', { name: 'SCEP profiles' })).toBeVisible();
  await expect(showing(page)).toHaveText('Showing 1–4 of 4');
  expect(await headerTitles(page)).toEqual(['Name', 'SCEP URL', 'Intune']);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^scep-profiles-.*\.csv$/);
  const csv = parseCsv(await readFile(await download.path(), 'utf8'));
  expect(csv[0]).toEqual(['Name', 'SCEP URL', 'Intune']);
  expect(csv.slice(1).sort((a, b) => a[0].localeCompare(b[0]))).toEqual(
    list
      .map((p) => [p.name, p.scepUrl ?? '', p.enableIntune ? 'Yes' : 'No'])
      .sort((a, b) => a[0].localeCompare(b[0])),
  );
});

test('a profile\'s page, and the links between it and the EPMM SCEP app settings that enrol at its URL', async ({ page, request }) => {
  const d = await detail(request, CORPORATE);
  await signInAsAdmin(page, '/certificates/scep-profiles');
  await openProfile(page, 'corporate-users');
  await expect(fieldOf(page, 'General', 'RA profile')).toHaveText('corporate-users-ra');
  await expect(fieldOf(page, 'General', 'SCEP URL')).toHaveText(d.scepUrl);
  await expect(fieldOf(page, 'General', 'Renewal threshold')).toHaveText('30 days before expiry');
  await expect(fieldOf(page, 'General', 'State')).toHaveText('Enabled');
  await expect(fieldOf(page, 'CA certificate', 'Common name')).toHaveText(d.caCertificate.commonName);
  await expect(fieldOf(page, 'CA certificate', 'Key')).toHaveText(`${d.caCertificate.publicKeyAlgorithm} ${d.caCertificate.keySize}`);
  await expect(fieldOf(page, 'CA certificate', 'Private key')).toHaveText('On the platform');
  const issue = page.getByRole('table', { name: 'Issue attributes' });
  for (const a of d.issueCertificateAttributes) {
    await expect(issue.getByRole('row').filter({ hasText: a.name })).toContainText(String(a.content[0].data));
  }
  const custom = page.getByRole('table', { name: 'Custom attributes' });
  await expect(custom.getByRole('row').filter({ hasText: 'costCenter' })).toContainText('4100');
  await expect(custom.getByRole('row').filter({ hasText: 'department' })).toContainText('IT');
  await expect(fieldOf(page, 'Certificate associations', 'Owner')).toHaveText(d.certificateAssociations.ownerUuid);
  await expect(fieldOf(page, 'Certificate associations', 'Groups')).toHaveText(d.certificateAssociations.groupUuids.join(', '));

  // To the EPMM app setting that enrols at this SCEP URL, and back.
  const mdm = page.getByRole('list', { name: 'MDM configurations enrolling here' });
  await expect(mdm.getByRole('link')).toHaveCount(1);
  await mdm.getByRole('link', { name: 'Corporate User Certificate' }).click();
  await expect(page).toHaveURL(/\/app-settings\/1011$/);
  await expect(page.getByRole('heading', { name: 'Corporate User Certificate', level: 1 })).toBeVisible();
  const back = page.getByRole('link', { name: 'corporate-users', exact: true });
  await expect(back).toHaveAttribute('href', await appHref(page, `/certificates/scep-profiles/${CORPORATE}`));
  await back.click();
  await expect(page.getByRole('heading', { name: 'corporate-users', level: 1 })).toBeVisible();

  // The other seeded pair: Kiosk Device Certificate and kiosk-devices.
  await page.goto(page.url().replace(/\/app-settings\/.*|\/certificates\/.*/, '/app-settings/1012'));
  await expect(page.getByRole('heading', { name: 'Kiosk Device Certificate', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'kiosk-devices', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'kiosk-devices', level: 1 })).toBeVisible();
  await expect(page.getByRole('list', { name: 'MDM configurations enrolling here' }).getByRole('link', { name: 'Kiosk Device Certificate' })).toBeVisible();

  // A profile without an RA profile has no SCEP URL, and nothing enrols there.
  await page.goto(page.url().replace(/\/certificates\/.*/, `/certificates/scep-profiles/${LAB}`));
  await expect(page.getByRole('heading', { name: 'lab-test', level: 1 })).toBeVisible();
  await expect(page.getByText(/has no SCEP URL/)).toBeVisible();
});

test('create: the CA certificate picker follows Intune, attributes and associations are sent as typed, the secrets are never shown', async ({ page, request }) => {
  const eligible = (await cz(request, '/caCertificates?intuneEnabled=false')).body.map((c: any) => c.commonName);
  const forIntune = (await cz(request, '/caCertificates?intuneEnabled=true')).body.map((c: any) => c.commonName);
  expect(eligible.length).toBeGreaterThan(forIntune.length);
  const secret = 'e2e-challenge-Pa55';
  const key = 'e2e-intune-K3y';

  await signInAsAdmin(page, '/certificates/scep-profiles');
  await page.getByRole('link', { name: 'New SCEP profile' }).click();
  await expect(page.getByRole('heading', { name: 'New SCEP profile', level: 1 })).toBeVisible();
  const ca = page.getByRole('combobox', { name: 'CA certificate', exact: true });
  const options = async () => (await ca.locator('option').allTextContents()).filter((t) => t !== 'Choose…').map((t) => t.replace(/ \(.*$/, ''));
  await expect.poll(options).toEqual(eligible);
  await page.getByLabel('Intune integration').check();
  await expect.poll(options).toEqual(forIntune);
  await page.getByLabel('Intune tenant').fill('e2e.onmicrosoft.com');
  await page.getByLabel('Intune application ID').fill('e2e-app');
  await page.getByLabel('Intune application key').fill(key);

  await page.getByLabel('Name', { exact: true }).fill('e2e-wifi');
  await page.getByLabel('Description').fill('Created by the end2end suite');
  await page.getByRole('combobox', { name: 'RA profile', exact: true }).selectOption({ label: 'devices-ra' });
  await choose(ca, 'Example Device Issuing CA');
  await page.getByLabel('Renewal threshold (days)').fill('0');
  await page.getByLabel('Challenge password').fill(secret);
  await page.getByLabel('Include the CA certificate chain in SCEP answers').check();

  const issue = page.getByRole('group', { name: 'Issue attributes' });
  await issue.getByRole('button', { name: 'Add issue attribute' }).click();
  await issue.getByLabel('Issue attribute 1 name', { exact: true }).fill('template');
  await issue.getByLabel('Issue attribute 1 value 1', { exact: true }).fill('WifiDevice');
  await issue.getByRole('button', { name: 'Add issue attribute' }).click();
  await issue.getByLabel('Issue attribute 2 name', { exact: true }).fill('validityDays');
  await issue.getByLabel('Issue attribute 2 content type', { exact: true }).selectOption('integer');
  await issue.getByLabel('Issue attribute 2 value 1', { exact: true }).fill('90');
  const custom = page.getByRole('group', { name: 'Custom attributes' });
  await custom.getByRole('button', { name: 'Add custom attribute' }).click();
  await custom.getByLabel('Custom attribute 1 name', { exact: true }).fill('costCenter');
  await custom.getByLabel('Custom attribute 1 content type', { exact: true }).selectOption('integer');
  await custom.getByLabel('Custom attribute 1 value 1', { exact: true }).fill('4100');
  await custom.getByRole('group', { name: 'Custom attribute 1' }).getByRole('button', { name: 'Add value' }).click();
  await custom.getByLabel('Custom attribute 1 value 2', { exact: true }).fill('4200');
  await page.getByLabel('Owner (user UUID)').fill('2f67a69d-7a41-4726-a25d-6a964681865a');
  await page.getByLabel('Groups (UUIDs, one per line)').fill('497f6eca-6276-4993-bfeb-53cbbbba6f08\n11111111-2222-4333-8444-555555555555');
  await page.getByRole('button', { name: 'Create SCEP profile' }).click();

  await expect(page.getByRole('heading', { name: 'e2e-wifi', level: 1 })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'SCEP profile e2e-wifi created. It starts disabled' })).toBeVisible();
  const uuid = page.url().split('/').pop()!;
  const created = await detail(request, uuid);
  expect(created).toMatchObject({
    name: 'e2e-wifi',
    enabled: false,
    description: 'Created by the end2end suite',
    raProfile: { name: 'devices-ra' },
    caCertificate: { commonName: 'Example Device Issuing CA' },
    includeCaCertificate: false,
    includeCaCertificateChain: true,
    enableIntune: true,
    intuneTenant: 'e2e.onmicrosoft.com',
    intuneApplicationId: 'e2e-app',
    certificateAssociations: {
      ownerUuid: '2f67a69d-7a41-4726-a25d-6a964681865a',
      groupUuids: ['497f6eca-6276-4993-bfeb-53cbbbba6f08', '11111111-2222-4333-8444-555555555555'],
    },
  });
  expect(created.renewThreshold ?? 0).toBe(0);
  const values = (attrs: any[]) => Object.fromEntries(attrs.map((a) => [a.name, [a.contentType, a.content.map((c: any) => c.data)]]));
  expect(values(created.issueCertificateAttributes)).toEqual({ template: ['string', ['WifiDevice']], validityDays: ['integer', [90]] });
  expect(values(created.customAttributes)).toEqual({ costCenter: ['integer', [4100, 4200]] });
  await expect(fieldOf(page, 'General', 'State')).toHaveText('Disabled');
  await expect(fieldOf(page, 'General', 'Renewal threshold')).toHaveText("Half the certificate's validity");

  // Write-only: in no answer, on no page, in no field.
  const { text } = await cz(request, `/${uuid}`);
  expect(text).not.toContain(secret);
  expect(text).not.toContain(key);
  await expect(page.locator('body')).not.toContainText(secret);
  await expect(page.locator('body')).not.toContainText(key);
  await expect(fieldOf(page, 'General', 'Challenge password')).toHaveText('Write-only: never shown');
  await expect(fieldOf(page, 'Intune', 'Application key')).toHaveText('Write-only: never shown');
  await page.getByRole('button', { name: 'Edit' }).click();
  await expect(page.getByLabel('New challenge password (leave blank to keep)')).toHaveValue('');
  await expect(page.getByLabel('New Intune application key (leave blank to keep)')).toHaveValue('');
  expect(await page.content()).not.toContain(secret);
});

test('edit: the name is read-only, the whole profile is saved, blank secrets keep the stored ones', async ({ page, request }) => {
  await signInAsAdmin(page, `/certificates/scep-profiles/${KIOSK}`);
  await expect(page.getByRole('heading', { name: 'kiosk-devices', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Edit' }).click();
  const form = page.getByRole('form', { name: 'Edit SCEP profile' });
  await expect(form.getByLabel('Name', { exact: true })).toHaveText('kiosk-devices');
  await expect(form.getByRole('textbox', { name: 'Name', exact: true })).toHaveCount(0);
  // The CA certificate and RA profile are the current ones.
  await expect(form.getByRole('combobox', { name: 'CA certificate', exact: true }).locator('option:checked')).toHaveText(/^Example Device Issuing CA/);
  await expect(form.getByRole('combobox', { name: 'RA profile', exact: true }).locator('option:checked')).toHaveText('devices-ra');
  await form.getByLabel('Description').fill('Kiosk Wi-Fi, edited');
  await form.getByLabel('Renewal threshold (days)').fill('21');
  await form.getByLabel('Include the CA certificate in SCEP answers').uncheck();
  // The issue attributes come as they are stored: change one value, remove the other.
  const issue = form.getByRole('group', { name: 'Issue attributes' });
  await expect(issue.getByLabel('Issue attribute 1 name', { exact: true })).toHaveValue('template');
  await issue.getByLabel('Issue attribute 1 value 1', { exact: true }).fill('KioskDevice2');
  await issue.getByRole('button', { name: 'Remove issue attribute 2' }).click();
  const custom = form.getByRole('group', { name: 'Custom attributes' });
  await custom.getByRole('button', { name: 'Remove custom attribute 1' }).click();
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('heading', { name: 'kiosk-devices', level: 1 })).toBeVisible();
  await expect(fieldOf(page, 'General', 'Renewal threshold')).toHaveText('21 days before expiry');

  const d = await detail(request, KIOSK);
  expect(d).toMatchObject({ name: 'kiosk-devices', description: 'Kiosk Wi-Fi, edited', renewThreshold: 21, includeCaCertificate: false });
  expect(d.issueCertificateAttributes.map((a: any) => [a.name, a.content[0].data])).toEqual([['template', 'KioskDevice2']]);
  expect(d.customAttributes).toEqual([]);

  // intune-devices has a stored Intune application key: an edit that leaves it blank keeps it
  // (the platform refuses Intune without one).
  await page.goto(page.url().replace(KIOSK, INTUNE));
  await expect(page.getByRole('heading', { name: 'intune-devices', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Description').fill('Intune, edited without its key');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(fieldOf(page, 'General', 'Description')).toHaveText('Intune, edited without its key');
  expect((await detail(request, INTUNE)).description).toBe('Intune, edited without its key');
});

test('a 422 with several messages shows each against its field, and a duplicate name is refused', async ({ page, request }) => {
  const before = (await profiles(request)).length;
  await signInAsAdmin(page, '/certificates/scep-profiles/new');
  await page.getByLabel('Name', { exact: true }).fill('Profile Name 1');
  // corporate-users-ra's authority requires the issue attribute "username".
  await page.getByRole('combobox', { name: 'RA profile', exact: true }).selectOption({ label: 'corporate-users-ra' });
  await choose(page.getByRole('combobox', { name: 'CA certificate', exact: true }), 'Example Corporate Issuing CA');
  const custom = page.getByRole('group', { name: 'Custom attributes' });
  await custom.getByRole('button', { name: 'Add custom attribute' }).click();
  await custom.getByLabel('Custom attribute 1 name', { exact: true }).fill('department');
  await custom.getByLabel('Custom attribute 1 content type', { exact: true }).selectOption('integer');
  await custom.getByLabel('Custom attribute 1 value 1', { exact: true }).fill('5');
  await page.getByRole('button', { name: 'Create SCEP profile' }).click();

  const general = page.getByRole('group', { name: 'General' });
  await expect(general.getByRole('alert').filter({ hasText: 'Name can contain only unreserved URI characters' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Issue attributes' }).getByRole('alert'))
    .toHaveText('Content for required Data attribute username is not provided.');
  await expect(custom.getByRole('alert'))
    .toHaveText("Custom attribute 'department' of content type 'String' has different content type in request attribute: 'Integer number'");
  await expect(page.getByRole('alert').filter({ hasText: 'refused the profile' })).toBeVisible();
  expect((await profiles(request)).length).toBe(before);

  // Fixed, but a name that exists: 409, under the name.
  await page.getByLabel('Name', { exact: true }).fill('corporate-users');
  await custom.getByRole('button', { name: 'Remove custom attribute 1' }).click();
  const issue = page.getByRole('group', { name: 'Issue attributes' });
  await issue.getByRole('button', { name: 'Add issue attribute' }).click();
  await issue.getByLabel('Issue attribute 1 name', { exact: true }).fill('username');
  await issue.getByLabel('Issue attribute 1 value 1', { exact: true }).fill('scep-e2e');
  await page.getByRole('button', { name: 'Create SCEP profile' }).click();
  await expect(general.getByRole('alert')).toHaveText('SCEP Profile with same name already exists');
  await expect(issue.getByRole('alert')).toHaveCount(0);
  expect((await profiles(request)).length).toBe(before);

  // And with a free name it is created.
  await page.getByLabel('Name', { exact: true }).fill('e2e-corporate');
  await page.getByRole('button', { name: 'Create SCEP profile' }).click();
  await expect(page.getByRole('heading', { name: 'e2e-corporate', level: 1 })).toBeVisible();
  expect((await profiles(request)).map((p) => p.name)).toContain('e2e-corporate');
});

test('one profile: enable, disable, delete; a refused delete, then a force delete that says what it detaches', async ({ page, request }) => {
  await signInAsAdmin(page, `/certificates/scep-profiles/${LAB}`);
  await expect(page.getByRole('heading', { name: 'lab-test', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Enable' }).click();
  await expect(fieldOf(page, 'General', 'State')).toHaveText('Enabled');
  expect((await detail(request, LAB)).enabled).toBe(true);
  await page.getByRole('button', { name: 'Disable' }).click();
  await expect(fieldOf(page, 'General', 'State')).toHaveText('Disabled');
  expect((await detail(request, LAB)).enabled).toBe(false);
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog', { name: 'Delete SCEP profile lab-test?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('heading', { name: 'SCEP profiles', level: 1 })).toBeVisible();
  expect((await cz(request, `/${LAB}`)).status).toBe(404);

  // kiosk-devices is used by two RA profiles: the delete is refused, the profile stays.
  await openProfile(page, 'kiosk-devices');
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog', { name: 'Delete SCEP profile kiosk-devices?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'did not delete the profile' }))
    .toContainText('Object is associated with other items. Dependent RA Profiles (2): devices-ra, legacy-ra');
  expect((await cz(request, `/${KIOSK}`)).status).toBe(200);
  await page.getByRole('button', { name: 'Force delete' }).click();
  const force = page.getByRole('dialog', { name: 'Force delete SCEP profile kiosk-devices?' });
  await expect(force).toContainText('It first detaches the profile from the RA profiles devices-ra, legacy-ra');
  await expect(force.getByRole('button', { name: 'Force delete' })).toBeDisabled();
  await force.getByLabel('Type kiosk-devices to confirm').fill('kiosk-devices');
  await force.getByRole('button', { name: 'Force delete' }).click();
  await expect(page.getByRole('heading', { name: 'SCEP profiles', level: 1 })).toBeVisible();
  expect((await cz(request, `/${KIOSK}`)).status).toBe(404);
  expect((await profiles(request)).map((p) => p.name).sort()).toEqual(['corporate-users', 'intune-devices']);
});

test('several: disable and enable; delete with a failure listed and the rest done, then force delete the refused one', async ({ page, request }) => {
  await signInAsAdmin(page, '/certificates/scep-profiles');
  const table = page.getByRole('table', { name: 'SCEP profiles' });
  await expect(showing(page)).toHaveText('Showing 1–4 of 4');
  const select = async (...names: string[]) => {
    for (const n of names) await table.getByRole('checkbox', { name: `Select ${n}` }).check();
  };
  const bulk = page.getByRole('group', { name: 'Bulk actions' });

  await select('kiosk-devices', 'lab-test');
  await bulk.getByRole('button', { name: 'Disable' }).click();
  await page.getByRole('dialog', { name: 'Disable 2 SCEP profiles?' }).getByRole('button', { name: 'Disable 2 SCEP profiles' }).click();
  let result = page.getByRole('dialog', { name: 'Disable: result' });
  await expect(result.getByRole('status').first()).toHaveText('2 SCEP profiles disabled.');
  await result.getByRole('button', { name: 'Close' }).click();
  let state = Object.fromEntries((await profiles(request)).map((p) => [p.name, p.enabled]));
  expect(state).toEqual({ 'corporate-users': true, 'kiosk-devices': false, 'intune-devices': true, 'lab-test': false });
  await expect(table.getByRole('row').filter({ hasText: 'kiosk-devices' })).toContainText('Disabled');

  await select('kiosk-devices', 'lab-test');
  await bulk.getByRole('button', { name: 'Enable' }).click();
  await page.getByRole('dialog', { name: 'Enable 2 SCEP profiles?' }).getByRole('button', { name: 'Enable 2 SCEP profiles' }).click();
  result = page.getByRole('dialog', { name: 'Enable: result' });
  await expect(result.getByRole('status').first()).toHaveText('2 SCEP profiles enabled.');
  await result.getByRole('button', { name: 'Close' }).click();
  state = Object.fromEntries((await profiles(request)).map((p) => [p.name, p.enabled]));
  expect(Object.values(state)).toEqual([true, true, true, true]);
  // The list is read again after an action: select once it shows the new states (a check made
  // while it reloads is dropped with a notice, as for any change of the data).
  await expect(table.getByRole('row').filter({ hasText: 'kiosk-devices' })).toContainText('Enabled');

  // corporate-users is used by corporate-users-ra: refused; the other two are deleted.
  await select('corporate-users', 'lab-test', 'intune-devices');
  await bulk.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('dialog', { name: 'Delete 3 SCEP profiles?' }).getByRole('button', { name: 'Delete 3 SCEP profiles' }).click();
  result = page.getByRole('dialog', { name: 'Delete: result' });
  await expect(result.getByRole('status').first()).toHaveText('2 SCEP profiles deleted; 1 profile failed.');
  await expect(result.getByRole('region', { name: 'Failed' }).getByRole('listitem'))
    .toHaveText('corporate-users: Object is associated with other items. Dependent RA Profiles (1): corporate-users-ra');
  await expect(result.getByRole('region', { name: 'Deleted (2)' }).getByRole('listitem')).toHaveText(['intune-devices', 'lab-test']);
  expect((await profiles(request)).map((p) => p.name).sort()).toEqual(['corporate-users', 'kiosk-devices']);

  // Force delete the refused one, from the result.
  await result.getByRole('button', { name: 'Force delete 1 refused profile' }).click();
  const force = page.getByRole('dialog', { name: 'Force delete 1 SCEP profile?' });
  await expect(force).toContainText('It detaches corporate-users from corporate-users-ra first.');
  await force.getByLabel('Type 1 to confirm').fill('1');
  await force.getByRole('button', { name: 'Force delete 1 SCEP profile' }).click();
  result = page.getByRole('dialog', { name: 'Force delete: result' });
  await expect(result.getByRole('status').first()).toHaveText('1 SCEP profile deleted.');
  await result.getByRole('button', { name: 'Close' }).click();
  expect((await profiles(request)).map((p) => p.name)).toEqual(['kiosk-devices']);
  await expect(showing(page)).toHaveText('Showing 1–1 of 1');

  // Force delete straight from the selection says what force deleting does.
  await select('kiosk-devices');
  await bulk.getByRole('button', { name: 'Force delete' }).click();
  await expect(page.getByRole('dialog', { name: 'Force delete 1 SCEP profile?' }))
    .toContainText('detaches the 1 SCEP profile from every RA profile that uses it for SCEP');
  await page.getByRole('dialog', { name: 'Force delete 1 SCEP profile?' }).getByRole('button', { name: 'Cancel' }).click();
  expect((await profiles(request)).length).toBe(1);
});
