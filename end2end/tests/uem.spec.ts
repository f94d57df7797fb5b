// The portal configured for BlackBerry UEM ("backend": "uem", tenant SRP00000) against
// mock-server's UEM REST API (project "uem", its own mock-server): sign-in through
// util/authorization, errors quoted with their error id and correlation id, the profiles and
// settings driven by entity definitions, and a profile assigned to groups. What the UI shows is
// checked against the API itself, signed in as a script would (overview, "Request
// Authentication Header").
import { test, expect, signIn, resetMock, setFaults, type APIRequestContext, type Page } from './support';
import { readFileSync } from 'node:fs';
import { type Screen, KINDS, h1, matrix } from './fault-matrix';

const API = '/SRP00000/api/v1';
const ADMIN = { user: 'admin', password: 'admin1234' };
const JDOE = { user: 'jdoe', password: 'abcd1234' };
const PMORLEY = { user: 'pmorley', password: 'password' };
const ENTITY = 'com.blackberry.mdm.common.entity';
const COMPLIANCE = `${ENTITY}.profile.ComplianceProfile`;
const CONNECTIVITY = `${ENTITY}.profile.DynamicsConnectivityProfile`;
const KNOX = `${ENTITY}.settings.KnoxAttestationSettings`;
const MEDIA = {
  auth: 'application/vnd.blackberry.authorizationrequest-v1+json',
  instance: 'application/vnd.blackberry.entityinstance-v1+json',
  instances: 'application/vnd.blackberry.entityinstances-v1+json',
  groups: 'application/vnd.blackberry.groups-v1+json',
  users: 'application/vnd.blackberry.users-v1+json',
  embedded: 'application/vnd.blackberry.embeddedcertificates-v1+json',
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The admin's authorization value, as a script gets it. */
async function token(request: APIRequestContext): Promise<string> {
  const r = await request.post(`${API}/util/authorization`, {
    headers: { 'Content-Type': MEDIA.auth },
    data: JSON.stringify({ provider: 'LOCAL', username: ADMIN.user, password: Buffer.from(ADMIN.password).toString('base64') }),
  });
  expect(r.status()).toBe(200);
  return (await r.text()).trim();
}

/** GET a UEM path (under the tenant) as the admin. */
async function uemGet(request: APIRequestContext, path: string, accept: string): Promise<{ status: number; body: any }> {
  const r = await request.get(`${API}${path}`, { headers: { Authorization: await token(request), Accept: accept } });
  const text = await r.text();
  return { status: r.status(), body: text ? JSON.parse(text) : null };
}

/** A user's GUID, as a script finds it (users?query=username=…). */
async function userGuid(request: APIRequestContext, name: string): Promise<string> {
  const r = await uemGet(request, `/users?query=username=${name}`, MEDIA.users);
  expect(r.status).toBe(200);
  return r.body.users.find((u: any) => u.username === name).guid;
}

/** A user's embedded certificates, as the admin reads them through the API. */
async function embeddedOf(request: APIRequestContext, name: string): Promise<any[]> {
  const r = await uemGet(request, `/users/${await userGuid(request, name)}/embeddedCertificates`, MEDIA.embedded);
  expect(r.status).toBe(200);
  return r.body.embeddedCertificates;
}

/** A PKCS#12 file built by the mock (`/_mock/pkcs12`, --test-hooks). */
async function pkcs12(request: APIRequestContext, kind: string, password: string, cn: string): Promise<Buffer> {
  const r = await request.get(`/_mock/pkcs12?kind=${kind}&password=${encodeURIComponent(password)}&cn=${encodeURIComponent(cn)}`);
  expect(r.status()).toBe(200);
  return Buffer.from(await r.body());
}

/** The card of a slot (a profile, or the user's own certificates). */
function card(page: Page, name: string) {
  return page.getByRole('article').filter({ has: page.getByRole('heading', { name, exact: true }) });
}

/** Signs in from `path` (the Profiles screen unless told: an admin lands on Groups). */
async function signInAs(page: Page, who: { user: string; password: string }, path = '/profiles') {
  await signIn(page, who, path);
}

/** Opens a type from the Profiles screen, by its name. */
async function openType(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profiles' }).click();
  await page.getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
}

test.describe('BlackBerry UEM', { tag: '@uem' }, () => {
  test.beforeEach(async ({ request }) => {
    await resetMock(request);
    await setFaults(request, {});
  });

  test('an administrator signs in with a token: only the UEM screens, a fresh correlation id on every call', async ({ page }) => {
    const calls: { url: string; auth?: string; correlation?: string }[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith(`${API}/`)) {
        const h = r.headers();
        calls.push({ url: r.url(), auth: h['authorization'], correlation: h['correlation-id'] });
      }
    });
    await signInAs(page, ADMIN);
    await expect(page).toHaveURL(/\/profiles$/);
    await expect(page.getByRole('heading', { name: 'Profiles', level: 1 })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText(['Groups', 'Profiles', 'Certificates']);
    await expect(page.getByRole('link', { name: 'Compliance profile', exact: true })).toBeVisible();

    // util/authorization goes without credentials; every later call sends its answer as it is.
    const signInCall = calls.find((c) => c.url.endsWith('/util/authorization'));
    expect(signInCall?.auth).toBeUndefined();
    const later = calls.filter((c) => !c.url.endsWith('/util/authorization'));
    expect(later.length).toBeGreaterThan(1);
    for (const c of later) {
      expect(c.auth).toBeTruthy();
      expect(c.auth).not.toMatch(/^Basic /);
    }
    const ids = calls.map((c) => c.correlation ?? '');
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(ids.length);
    // The password is kept nowhere.
    expect(await page.evaluate(() => JSON.stringify(sessionStorage) + JSON.stringify(localStorage))).not.toContain(ADMIN.password);

    // A screen UEM does not have.
    await page.goto('alerts');
    await expect(page.getByRole('heading', { name: 'Not available on this server' })).toBeVisible();
    await expect(page.getByText('BlackBerry UEM does not offer')).toBeVisible();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    expect(await page.evaluate(() => sessionStorage.getItem('mdm-portal.session'))).toBeNull();
  });

  test('a token the server no longer accepts signs the user out', async ({ page, request }) => {
    await signInAs(page, ADMIN);
    await expect(page.getByRole('link', { name: 'Compliance profile', exact: true })).toBeVisible();
    const expired = await request.post('/_mock/uem/sessions/expire');
    expect(expired.status()).toBe(200);
    await page.getByRole('link', { name: 'Compliance profile', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByRole('main').getByRole('status')).toHaveText('Your session has ended or your credentials changed. Sign in again.');
    expect(await page.evaluate(() => sessionStorage.getItem('mdm-portal.session'))).toBeNull();
  });

  test('self-service users with and without “Manage user certificates”, and a wrong password', async ({ page }) => {
    await signInAs(page, JDOE);
    await expect(page).toHaveURL(/\/self-service$/);
    await expect(page.getByRole('heading', { name: 'My certificates', level: 1 })).toBeVisible();
    await expect(card(page, 'User certificates')).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
    // No admin screen for them.
    await page.goto('profiles');
    await expect(page).toHaveURL(/\/self-service$/);
    await page.getByRole('button', { name: 'Sign out' }).click();

    // Without the permission: told so, and no certificate call is made (the server would refuse).
    const certCalls: string[] = [];
    page.on('request', (r) => {
      if (/\/(embeddedCertificates|pki)\b/.test(r.url())) certCalls.push(r.url());
    });
    await signInAs(page, PMORLEY);
    await expect(page).toHaveURL(/\/self-service$/);
    await expect(page.getByRole('heading', { name: 'My certificates', level: 1 })).toBeVisible();
    await expect(page.getByRole('main').getByRole('status')).toContainText('does not have the “Manage user certificates” permission');
    await expect(page.getByRole('article')).toHaveCount(0);
    expect(certCalls).toEqual([]);
    await page.getByRole('button', { name: 'Sign out' }).click();

    await signInAs(page, { user: ADMIN.user, password: 'not-the-password' });
    await expect(page.getByRole('alert')).toHaveText('Wrong username or password.');
    await expect(page.getByLabel('Password')).toHaveValue('');
    expect(await page.evaluate(() => sessionStorage.getItem('mdm-portal.session'))).toBeNull();
  });

  test('an error shows the server message with its error id and the correlation id sent', async ({ page, request }) => {
    await signInAs(page, ADMIN);
    await expect(page.getByRole('link', { name: 'Compliance profile', exact: true })).toBeVisible();
    await setFaults(request, { status: 500, paths: `${API}/entityDefs` });
    const sent = page.waitForRequest((r) => r.url().endsWith(`${API}/entityDefs`));
    await page.reload();
    const correlation = (await sent).headers()['correlation-id'];
    expect(correlation).toMatch(UUID);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('The server had a problem (HTTP 500)');
    await expect(alert).toContainText(`(Error INTERNAL_ERROR (500), reference ${correlation}.)`);
    await setFaults(request, {});
    await alert.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByRole('link', { name: 'Compliance profile', exact: true })).toBeVisible();
  });

  test('a profile from the template: checked before sending, refused against its field, created, assigned to a group, deleted', async ({ page, request }) => {
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/entities/')) posts.push(r.url());
    });
    await signInAs(page, ADMIN);
    await openType(page, 'Compliance profile');
    await expect(page.getByRole('table', { name: 'Entries' })).toContainText('Default compliance');
    await page.getByRole('link', { name: 'New compliance profile' }).click();
    await expect(page.getByRole('heading', { name: 'New compliance profile', level: 1 })).toBeVisible();
    // The template's defaults.
    await expect(page.getByRole('combobox', { name: 'Rooted OS or failed attestation' })).toHaveValue('QUARANTINE');
    await expect(page.getByRole('radio', { name: 'Any hardware' })).toBeChecked();
    // A new profile has nothing the server sets yet.
    await expect(page.getByRole('group', { name: 'System' })).toHaveCount(0);

    // The definition's constraints, before anything is sent.
    const name = page.getByRole('textbox', { name: 'Name', exact: true });
    const countries = page.getByRole('textbox', { name: 'Blocked country codes' });
    await name.fill('x'.repeat(65));
    await countries.fill('DE\nFRA');
    await page.getByRole('button', { name: 'Create' }).click();
    await expect(page.getByRole('alert')).toHaveText('2 fields to correct; nothing was sent.');
    await expect(name).toHaveAttribute('aria-invalid', 'true');
    await expect(name).toHaveAccessibleDescription('At most 64 characters.');
    await expect(countries).toHaveAccessibleDescription('One per line. Line 2: at most 2 characters.');
    await expect(name).toBeFocused();
    expect(posts).toEqual([]);

    // The server's refusal, against its field, quoted with its error id and reference.
    await name.fill('Default compliance');
    await countries.fill('DE');
    await page.getByRole('button', { name: 'Create' }).click();
    await expect(name).toHaveAccessibleDescription('A ComplianceProfile with the name "Default compliance" already exists.');
    await expect(page.getByRole('alert')).toContainText('Error DUPLICATE_VALUE (152), reference ');
    await expect(countries).toHaveAttribute('aria-invalid', 'false');
    expect(posts.length).toBe(1);

    // A reference picked from the referenced type's objects, and a reference list.
    await page.getByRole('combobox', { name: 'Email sent to the user' }).selectOption({ label: 'Compliance violation' });
    await page.getByRole('checkbox', { name: 'Microsoft Defender' }).check();
    await name.fill('E2E compliance');
    await page.getByRole('button', { name: 'Create' }).click();
    await expect(page.getByRole('heading', { name: 'E2E compliance', level: 1 })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/profiles/${COMPLIANCE.replace(/\./g, '\\.')}/[0-9a-f-]{36}$`));
    const id = page.url().split('/').pop()!;
    const created = await uemGet(request, `/entities/${COMPLIANCE}/${id}`, MEDIA.instance);
    expect(created.status).toBe(200);
    const s = created.body.settings;
    expect(s.name).toBe('E2E compliance');
    expect(s.rootedOsAction).toBe('QUARANTINE');
    expect(s.blockedCountries).toEqual(['DE']);
    expect(s.notificationTemplate.settings.name).toBe('Compliance violation');
    expect(s.antivirusVendors.map((v: any) => v.settings?.name)).toEqual(['Microsoft Defender']);
    expect(s.createdBy).toBe('admin');
    // What the server set, shown read-only.
    const system = page.getByRole('group', { name: 'System' });
    await expect(system.getByRole('definition').nth(1)).toHaveText('admin');
    await expect(system.getByRole('textbox')).toHaveCount(0);

    // Assigned to a group (overview, "Assign a Profile to a Group"), as the API then says.
    const groups = page.getByRole('region', { name: 'Groups' });
    await expect(groups.getByText('Not assigned to any group.')).toBeVisible();
    await groups.getByRole('combobox', { name: 'Group', exact: true }).selectOption({ label: 'Sales' });
    await groups.getByRole('button', { name: 'Assign' }).click();
    await expect(groups.getByRole('list', { name: 'Assigned groups' })).toHaveText('Sales');
    const assigned = await uemGet(request, `/profiles/${id}/groups`, MEDIA.groups);
    expect(assigned.body.groups.map((g: any) => g.name)).toEqual(['Sales']);

    // Deleted (the type allows it), after a confirmation.
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByRole('heading', { name: 'Compliance profile', level: 1 })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Entries' })).toContainText('Default compliance');
    await expect(page.getByRole('table', { name: 'Entries' })).not.toContainText('E2E compliance');
    expect((await uemGet(request, `/entities/${COMPLIANCE}/${id}`, MEDIA.instance)).status).toBe(404);
  });

  test('saving and deleting follow each type’s operations', async ({ page }) => {
    await signInAs(page, ADMIN);
    // D X L U C T: saved and deleted; its groups shown.
    await openType(page, 'Compliance profile');
    await page.getByRole('link', { name: 'Default compliance' }).click();
    await expect(page.getByRole('button', { name: 'Save' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Delete' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Groups' }).getByRole('list', { name: 'Assigned groups' })).toHaveText('Engineering');

    // D L U C: created and saved, never deleted.
    await openType(page, 'iOS App Integrity device check key');
    await expect(page.getByRole('link', { name: 'New iOS App Integrity device check key' })).toBeVisible();
    await page.getByRole('link', { name: 'Production key' }).click();
    await expect(page.getByRole('heading', { name: 'Production key', level: 1 })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Delete' })).toHaveCount(0);

    // D L: read-only, neither created, saved nor deleted.
    await openType(page, 'BlackBerry Proxy cluster');
    await expect(page.getByRole('link', { name: /^New / })).toHaveCount(0);
    await page.getByRole('link', { name: 'First', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'First', level: 1 })).toBeVisible();
    await expect(page.getByRole('note')).toHaveText('This server does not let these be changed here.');
    await expect(page.getByText('bp01.example.com, bp02.example.com')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Delete' })).toHaveCount(0);
    await expect(page.getByRole('textbox')).toHaveCount(0);

    // The abstract tenant settings list the settings of every kind, each opening its own page.
    await openType(page, 'Tenant settings');
    await page.getByRole('link', { name: 'Samsung Knox attestation' }).click();
    await expect(page.getByRole('heading', { name: 'Samsung Knox attestation', level: 1 })).toBeVisible();
    await expect(page.getByRole('checkbox', { name: 'Enable attestation' })).toBeVisible();
  });

  test('a single-object type is a settings page, checked and saved in place', async ({ page, request }) => {
    await signInAs(page, ADMIN);
    await openType(page, 'Samsung Knox attestation');
    await expect(page.getByRole('table')).toHaveCount(0);
    const enable = page.getByRole('checkbox', { name: 'Enable attestation' });
    const every = page.getByRole('spinbutton', { name: 'Challenge every' });
    await expect(enable).not.toBeChecked();
    // Shown only while attestation is on.
    await expect(every).toBeHidden();
    await enable.check();
    await expect(every).toBeVisible();
    await expect(every).toHaveValue('24');
    await every.fill('0');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(every).toHaveAccessibleDescription('In hours. Must be between 1 and 720.');
    await every.fill('12');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Saved.')).toBeVisible();
    const list = await uemGet(request, `/entities/${KNOX}`, MEDIA.instances);
    expect(list.body.entityInstances).toHaveLength(1);
    expect(list.body.entityInstances[0].settings).toMatchObject({ enabled: true, challengeFrequencyHours: 12 });
  });

  test('nested parts: a route added, checked, its cluster picked, saved', async ({ page, request }) => {
    await signInAs(page, ADMIN);
    await openType(page, 'BlackBerry Dynamics connectivity profile');
    await page.getByRole('link', { name: 'Default', exact: true }).click();
    const allowed = page.getByRole('group', { name: 'Allowed domains', exact: true });
    const before = (await uemGet(request, `/entities/${CONNECTIVITY}`, MEDIA.instances)).body.entityInstances[0].settings
      .allowedDomains.length;
    await allowed.getByRole('button', { name: 'Add allowed domain route' }).click();
    const row = allowed.getByRole('group', { name: `Allowed domain route ${before + 1}` });
    const domain = row.getByRole('textbox', { name: 'Domain' });
    await domain.fill('not a domain');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(domain).toHaveAccessibleDescription(/Must be a domain such as example\.com or \*\.example\.com\./);
    await domain.fill('intranet.example.com');
    const cluster = row.getByRole('combobox', { name: 'Primary BlackBerry Proxy cluster' });
    await expect(cluster).toBeHidden();
    await row.getByRole('combobox', { name: 'Route type' }).selectOption({ label: 'BlackBerry Proxy cluster' });
    await cluster.selectOption({ label: 'Second' });
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Saved.')).toBeVisible();
    const after = (await uemGet(request, `/entities/${CONNECTIVITY}`, MEDIA.instances)).body.entityInstances[0].settings.allowedDomains;
    expect(after).toHaveLength(before + 1);
    expect(after[before].settings).toMatchObject({
      domainName: 'intranet.example.com',
      routeType: 'BLACKBERRY_PROXY_CLUSTER',
      primaryCluster: { entityInstanceId: 'c1000002-0000-4000-8000-000000000002' },
    });
  });

  test('licence-gated types are unavailable while the licence is absent', async ({ page, request }) => {
    const off = await request.post('/_mock/uem/license', { data: { protect: false } });
    expect(off.status()).toBe(200);
    await signInAs(page, ADMIN);
    const entry = page.getByRole('listitem').filter({ hasText: 'Approved application (BlackBerry Protect)' });
    await expect(entry).toContainText('Licence required');
    await expect(entry).toContainText('Needs the BlackBerry Protect licence, which this server does not have.');
    await expect(entry.getByRole('link')).toHaveCount(0);
    // Opened by its address, it says why.
    await page.goto(`profiles/${ENTITY}.ApprovedApplication`);
    await expect(page.getByRole('main').getByRole('status')).toHaveText('Needs the BlackBerry Protect licence, which this server does not have.');
    // With the licence, it opens.
    await request.post('/_mock/uem/license', { data: { protect: true } });
    await page.reload();
    await expect(page.getByRole('table', { name: 'Entries' })).toContainText('Corporate Directory');
  });

  // Overview, "Certificate management": a user's embedded certificates by profile, a bundle's
  // certificates renewed and deleted only through the bundle, operations as `Allow` says, and
  // "Uploading a user certificate" (POST on the user, multipart/related with the base64 password).
  test('self-service: jdoe sees their certificates by profile and bundle, adds one with its password, deletes it', async ({ page, request }) => {
    await request.post('/_mock/uem/timing', { data: { completionDelayMs: 2500 } });
    await signInAs(page, JDOE);
    await expect(page.getByRole('heading', { name: 'My certificates', level: 1 })).toBeVisible();

    // Manually uploaded credential: expiry shown, deletable (Allow: DELETE).
    const wifi = card(page, 'Corporate Wi-Fi credential').getByRole('listitem', { name: 'jdoe Wi-Fi' });
    await expect(wifi).toContainText(/Valid until \d{4}-\d\d-\d\d/);
    await expect(wifi.getByRole('button', { name: 'Delete certificate' })).toBeVisible();
    // The PKI bundle: its certificates together, delete only on the bundle.
    const bundle = card(page, 'Entrust multi-key credential').getByRole('listitem', { name: 'Bundle of 3 certificates' });
    await expect(bundle.getByRole('listitem')).toHaveCount(3);
    await expect(bundle.getByRole('listitem', { name: 'Joe Doe (Signing)' })).toBeVisible();
    await expect(bundle.getByRole('button', { name: 'Delete certificate' })).toHaveCount(0);
    await expect(bundle.getByRole('button', { name: 'Delete bundle' })).toBeVisible();
    await expect(card(page, 'Corporate SCEP').getByRole('listitem', { name: 'jdoe@example.com' })).toContainText(/Expires in (9|10) days/);
    // A manual credential assigned through a group, nothing uploaded yet.
    await expect(card(page, 'Email S/MIME credential')).toContainText('Missing');
    // The user's own certificates, where an upload adds.
    const own = card(page, 'User certificates');
    await expect(own.getByRole('listitem', { name: 'jdoe (2025)' })).toContainText(/Expired on \d{4}-\d\d-\d\d/);
    // Their BlackBerry Dynamics certificate, apart: uploaded as the file alone.
    await expect(card(page, 'BlackBerry Dynamics certificates').getByRole('listitem', { name: 'jdoe (BlackBerry Dynamics)' })).toBeVisible();
    await expect(own.getByRole('listitem', { name: 'jdoe (BlackBerry Dynamics)' })).toHaveCount(0);

    // Add one: a wrong password, then not a PKCS#12, each with the server's words, error id and
    // the correlation id sent; then the right password.
    await own.getByRole('button', { name: 'Add certificate' }).click();
    const dialog = page.getByRole('dialog', { name: 'Upload certificate for User certificates' });
    const file = await pkcs12(request, 'valid', 's3cret', 'jdoe laptop');
    await dialog.getByLabel('Certificate file').setInputFiles({ name: 'laptop.p12', mimeType: 'application/x-pkcs12', buffer: file });
    await dialog.getByLabel('Password').fill('wrong-one');
    let sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/embeddedCertificates'));
    await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
    let req = await sent;
    expect(req.headers()['content-type']).toBe('multipart/related; boundary="certPartsBoundary"; start="rootIdentifier"');
    expect(req.postDataBuffer()?.toString('latin1')).toContain(`{"password":"${Buffer.from('wrong-one').toString('base64')}"}`);
    let correlation = req.headers()['correlation-id'];
    expect(correlation).toMatch(UUID);
    await expect(dialog.getByLabel('Password')).toHaveAccessibleDescription(new RegExp(`\\(Error INVALID_PKCS12_PASSWORD \\(161\\), reference ${correlation}\\.\\)`));
    await expect(dialog.getByLabel('Password')).toHaveValue('');

    await dialog.getByLabel('Certificate file').setInputFiles({ name: 'junk.p12', mimeType: 'application/x-pkcs12', buffer: Buffer.from([0x30, 0x82, 0x00, 0x08, 1, 2, 3, 4, 5, 6, 7, 8]) });
    await dialog.getByLabel('Password').fill('s3cret');
    sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/embeddedCertificates'));
    await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
    correlation = (await sent).headers()['correlation-id'];
    await expect(dialog).toContainText(`(Error INVALID_PKCS12 (160), reference ${correlation}.)`);

    await dialog.getByLabel('Certificate file').setInputFiles({ name: 'laptop.p12', mimeType: 'application/x-pkcs12', buffer: file });
    await dialog.getByLabel('Password').fill('s3cret');
    await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByText('Uploaded 1 certificate: “jdoe laptop”.')).toBeVisible();
    const laptop = own.getByRole('listitem', { name: 'jdoe laptop' });
    await expect(laptop).toContainText(/Valid until \d{4}-\d\d-\d\d/);
    const added = (await embeddedOf(request, 'jdoe')).find((e) => e.certificate?.subject?.includes('CN=jdoe laptop'));
    expect(added?.profile?.category).toBe('USER_CERTIFICATE');
    expect(added?.certificate?.fileName).toBe('laptop.p12');

    // Delete it: pending until the server completes, then gone.
    await laptop.getByRole('button', { name: 'Delete certificate' }).click();
    await page.getByRole('dialog', { name: 'Delete your certificate?' }).getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByText('“jdoe laptop”: The server is deleting the certificate.')).toBeVisible();
    await expect(laptop).toContainText('Deletion pending');
    await expect(laptop).toHaveCount(0, { timeout: 10_000 });
    expect((await embeddedOf(request, 'jdoe')).some((e) => e.guid === added.guid)).toBe(false);
  });

  test('an administrator opens a user’s certificates and deletes a bundle as a whole', async ({ page, request }) => {
    await request.post('/_mock/uem/timing', { data: { completionDelayMs: 2500 } });
    await signInAs(page, ADMIN);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Certificates' }).click();
    await expect(page).toHaveURL(/\/certificates\/users$/);
    await page.getByLabel('User name').fill('jdoe');
    await page.getByRole('button', { name: 'Show certificates' }).click();
    await expect(page.getByRole('heading', { name: 'Certificates of jdoe', level: 1 })).toBeVisible();
    // UEM's portal has no user pages (its capabilities): the user is named, not linked.
    await expect(page.getByRole('link', { name: 'Open the user' })).toHaveCount(0);

    // Details: what the certificate says and where it is installed (its certificate enrollments:
    // BlackBerry Dynamics apps with their status), as the API lists them.
    const dynamics = (await embeddedOf(request, 'jdoe')).find((e) => e.certificate?.subject?.includes('CN=jdoe (BlackBerry Dynamics)'));
    const enrollments = (await uemGet(request, `/users/${await userGuid(request, 'jdoe')}/embeddedCertificates/${dynamics.guid}/certificateEnrollments`, 'application/vnd.blackberry.certificateenrollments-v1+json')).body.certificateEnrollments;
    expect(enrollments.length).toBe(3);
    await card(page, 'BlackBerry Dynamics certificates').getByRole('listitem', { name: 'jdoe (BlackBerry Dynamics)' }).getByRole('button', { name: 'View details' }).click();
    const drawer = page.getByRole('dialog', { name: 'Certificate for BlackBerry Dynamics certificates' });
    await expect(drawer).toContainText(dynamics.certificate.issuer);
    await expect(drawer).toContainText('Installed on');
    for (const e of enrollments) {
      const status = e.status.charAt(0) + e.status.slice(1).toLowerCase().replace(/_/g, ' ');
      const on = e.userDevice ? ` on ${e.userDevice.hardwareName}` : '';
      await expect(drawer).toContainText(`${e.application.name}${on} (${status})`);
    }
    await drawer.getByRole('button', { name: 'Close' }).click();

    const entrust = card(page, 'Entrust multi-key credential');
    const bundle = entrust.getByRole('listitem', { name: 'Bundle of 3 certificates' });
    await bundle.getByRole('button', { name: 'Delete bundle' }).click();
    const confirm = page.getByRole('dialog', { name: "Delete the user's certificate?" });
    await expect(confirm).toContainText('every certificate of the bundle is deleted with it');
    await confirm.getByRole('button', { name: 'Delete' }).click();
    // Every member pending, none deletable meanwhile; then the bundle is gone.
    await expect(bundle.getByText('Deletion pending')).toHaveCount(3);
    await expect(bundle.getByRole('button', { name: 'Delete bundle' })).toHaveCount(0);
    await expect(entrust).toHaveCount(0, { timeout: 10_000 });
    expect((await embeddedOf(request, 'jdoe')).filter((e) => e.certificateBundle)).toEqual([]);
    await expect(card(page, 'Corporate Wi-Fi credential')).toBeVisible();
  });

  // Overview, "Downloading public key Certificate", "Renewing a Certificate", "Renewing a
  // Certificate Bundle": offered as `Allow` says, pending until the server completes.
  test('download and renew as Allow says: pending until the server completes, a bundle renewed as a whole', async ({ page, request }) => {
    await request.post('/_mock/uem/timing', { data: { completionDelayMs: 2500 } });
    await signInAs(page, JDOE);
    // Not downloadable (no GET in Allow), and a manual upload is not renewable.
    await expect(card(page, 'VPN SCEP (key on device)').getByRole('listitem', { name: 'jdoe VPN' }).getByRole('button', { name: 'Download' })).toHaveCount(0);
    const wifi = card(page, 'Corporate Wi-Fi credential').getByRole('listitem', { name: 'jdoe Wi-Fi' });
    await expect(wifi.getByRole('button', { name: 'Renew certificate' })).toHaveCount(0);
    const download = page.waitForEvent('download');
    await wifi.getByRole('button', { name: 'Download' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('jdoe_Wi-Fi.cer');
    expect(readFileSync(await file.path())[0]).toBe(0x30); // DER

    const subject = (e: any) => e.certificate?.subject ?? '';
    const before = (await embeddedOf(request, 'jdoe')).find((e) => subject(e).includes('CN=jdoe@example.com'));
    const scep = card(page, 'Corporate SCEP').getByRole('listitem', { name: 'jdoe@example.com' });
    await expect(scep).toContainText(/Expires in (9|10) days/);
    await scep.getByRole('button', { name: 'Renew certificate' }).click();
    await expect(page.getByText('“jdoe@example.com”: The server is renewing the certificate.')).toBeVisible();
    await expect(scep).toContainText('Renewal pending');
    await expect(scep.getByRole('button', { name: 'Renew certificate' })).toHaveCount(0);
    await expect(scep).not.toContainText('Renewal pending', { timeout: 10_000 });
    await expect(scep).toContainText(/Valid until \d{4}-\d\d-\d\d/);
    const after = (await embeddedOf(request, 'jdoe')).find((e) => e.guid === before.guid);
    expect(Date.parse(after.certificate.notAfter)).toBeGreaterThan(Date.parse(before.certificate.notAfter));

    // The bundle: renew only on the bundle, every member pending, then done.
    const bundle = card(page, 'Entrust multi-key credential').getByRole('listitem', { name: 'Bundle of 3 certificates' });
    await expect(bundle.getByRole('button', { name: 'Renew certificate' })).toHaveCount(0);
    await bundle.getByRole('button', { name: 'Renew bundle' }).click();
    await expect(bundle.getByText('Renewal pending')).toHaveCount(3);
    await expect(bundle.getByText('Renewal pending')).toHaveCount(0, { timeout: 10_000 });
    await expect(bundle.getByRole('button', { name: 'Renew bundle' })).toBeVisible();
  });

  // Overview, "Request all Groups" and "Assign a Profile to a Group": the groups screen, each
  // group with the profiles assigned to it, checked against each profile's groups in the API.
  test('an administrator lands on Groups: each group with the profiles assigned to it', async ({ page, request }) => {
    await signInAs(page, ADMIN, '/');
    await expect(page).toHaveURL(/\/labels$/);
    await expect(page.getByRole('heading', { name: 'Groups', level: 1 })).toBeVisible();
    const table = page.getByRole('table', { name: 'Groups' });
    const row = (name: string) => table.getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) });
    await expect(row('Engineering')).toContainText('Corporate SCEP');
    await expect(row('Engineering')).toContainText('Email S/MIME credential');
    await expect(row('Wi-Fi users')).toContainText('Corporate Wi-Fi credential');
    // UEM groups hold users: each name opens the group's users.
    await expect(table.getByRole('link', { name: 'Engineering', exact: true })).toBeVisible();

    // The same as the API says, profile by profile.
    const groups = (await uemGet(request, '/groups', MEDIA.groups)).body.groups;
    const profiles = (await uemGet(request, '/profiles', 'application/vnd.blackberry.profiles-v1+json')).body.profiles;
    const expected = new Map<string, string[]>();
    for (const p of profiles) {
      const r = await uemGet(request, `/profiles/${p.guid}/groups`, MEDIA.groups);
      if (r.status !== 200) continue;
      for (const g of r.body.groups) expected.set(g.guid, [...(expected.get(g.guid) ?? []), p.name ?? p.guid]);
    }
    expect(groups.length).toBeGreaterThan(2);
    for (const g of groups) {
      for (const name of expected.get(g.guid) ?? []) await expect(row(g.name)).toContainText(name);
    }
  });

  // Overview, "Uploading certificate for a User credential profile with manual connector type…":
  // PUT on the user's profile assignment "replaces any certs already uploaded there"; a file
  // with two keys makes a bundle.
  test('an upload into a user-credential profile assignment replaces its certificates', async ({ page, request }) => {
    await signInAs(page, JDOE);
    const smime = card(page, 'Email S/MIME credential');
    await expect(smime).toContainText('Missing');
    await smime.getByRole('button', { name: 'Upload certificate' }).click();
    let dialog = page.getByRole('dialog', { name: 'Upload certificate for Email S/MIME credential' });
    await dialog.getByLabel('Certificate file').setInputFiles({ name: 'smime.p12', mimeType: 'application/x-pkcs12', buffer: await pkcs12(request, 'valid', 'pw-one', 'jdoe S/MIME') });
    await dialog.getByLabel('Password').fill('pw-one');
    const put = page.waitForRequest((r) => r.method() === 'PUT' && /\/users\/[^/]+\/profiles\/[^/]+\/embeddedCertificates$/.test(r.url()));
    await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
    await put;
    await expect(page.getByText('Uploaded 1 certificate: “jdoe S/MIME”.')).toBeVisible();
    await expect(smime.getByRole('listitem', { name: 'jdoe S/MIME' })).toContainText(/Valid until \d{4}-\d\d-\d\d/);
    const ofSmime = async () => (await embeddedOf(request, 'jdoe')).filter((e) => e.profile?.name === 'Email S/MIME credential');
    expect((await ofSmime()).map((e) => e.certificate.fileName)).toEqual(['smime.p12']);

    await smime.getByRole('button', { name: 'Replace certificates' }).click();
    await page.getByRole('dialog', { name: 'Replace your certificate?' }).getByRole('button', { name: 'Choose a new certificate' }).click();
    dialog = page.getByRole('dialog', { name: 'Upload certificate for Email S/MIME credential' });
    await dialog.getByLabel('Certificate file').setInputFiles({ name: 'two.p12', mimeType: 'application/x-pkcs12', buffer: await pkcs12(request, 'two-keys', 'pw-two', 'jdoe keys') });
    await dialog.getByLabel('Password').fill('pw-two');
    await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByText(/^Uploaded 2 certificates: /)).toBeVisible();
    await expect(smime.getByRole('listitem', { name: 'jdoe S/MIME' })).toHaveCount(0);
    // Two keys: a bundle, deletable as a whole but not renewable (no PKI behind an upload).
    const bundle = smime.getByRole('listitem', { name: 'Bundle of 2 certificates' });
    await expect(bundle.getByRole('button', { name: 'Delete bundle' })).toBeVisible();
    await expect(bundle.getByRole('button', { name: 'Renew bundle' })).toHaveCount(0);
    const now = await ofSmime();
    expect(now.map((e) => e.certificate.fileName)).toEqual(['two.p12', 'two.p12']);
    expect(new Set(now.map((e) => e.certificateBundle?.guid)).size).toBe(1);
    expect(now[0].certificateBundle?.guid).toBeTruthy();
  });

  // Overview, "Uploading certificates": "For PKI-driven profiles, the certificate is issued
  // automatically by the PKI infrastructure" (SCEP profile, user credential profile with a PKI
  // connector): nothing to upload, so no word of a password; manually uploaded ones take one.
  test('certificates the server issues (SCEP, PKI) say nothing of a password and offer no upload', async ({ page, request }) => {
    await signInAs(page, JDOE);
    const password = 'Password required: the file must be protected by a password.';
    for (const name of ['Corporate SCEP', 'VPN SCEP (key on device)', 'Entrust multi-key credential']) {
      const c = card(page, name);
      await expect(c.getByRole('listitem').first()).toBeVisible();
      await expect(c).not.toContainText('Password');
      await expect(c.getByRole('button', { name: /Upload|Add|Replace/ })).toHaveCount(0);
    }
    for (const name of ['Corporate Wi-Fi credential', 'Email S/MIME credential', 'User certificates']) {
      await expect(card(page, name)).toContainText(password);
    }
    // The API says where each comes from.
    const sources = new Map<string, string>();
    for (const e of await embeddedOf(request, 'jdoe')) sources.set(e.profile?.name, e.profile?.certificateSource);
    expect(sources.get('Corporate SCEP')).toBe('SCEP');
    expect(sources.get('Entrust multi-key credential')).toBe('PKI');
    expect(sources.get('Corporate Wi-Fi credential')).toBe('MANUAL');
  });

  // Overview, "Uploading a BlackBerry Dynamics user certificate for a user": "UEM does not manage
  // passwords for BlackBerry Dynamics certificates, so the upload process is implemented as a pure
  // PKCS#12 data upload with an application/pkcs12 Content-Type" (POST on the user, with
  // Content-Disposition naming the file).
  test('a BlackBerry Dynamics certificate is uploaded as the file alone, without a password', async ({ page, request }) => {
    // Signed in on the page itself: a `goto` right after the click could beat the sign-in.
    await signInAs(page, ADMIN, 'certificates/users/jdoe');
    const dynamics = card(page, 'BlackBerry Dynamics certificates');
    await expect(dynamics).toContainText('Uploaded without a password: the file must open without one.');
    await dynamics.getByRole('button', { name: 'Add certificate' }).click();
    const dialog = page.getByRole('dialog', { name: 'Upload certificate for BlackBerry Dynamics certificates' });
    await expect(dialog.getByLabel('Password')).toHaveCount(0);

    // A file protected by a password cannot go alone: the server's words under the file.
    const locked = await pkcs12(request, 'valid', 's3cret', 'jdoe locked');
    await dialog.getByLabel('Certificate file').setInputFiles({ name: 'locked.pfx', mimeType: 'application/x-pkcs12', buffer: locked });
    let sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/embeddedCertificates'));
    await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
    let correlation = (await sent).headers()['correlation-id'];
    await expect(dialog.getByLabel('Certificate file')).toHaveAccessibleDescription(new RegExp(`BlackBerry Dynamics.*\\(Error INVALID_PKCS12_PASSWORD \\(161\\), reference ${correlation}\\.\\)`));

    const open = await pkcs12(request, 'valid', '', 'jdoe Work');
    await dialog.getByLabel('Certificate file').setInputFiles({ name: 'work.pfx', mimeType: 'application/x-pkcs12', buffer: open });
    sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/embeddedCertificates'));
    await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
    const req = await sent;
    expect(new URL(req.url()).pathname).toBe(`${API}/users/${await userGuid(request, 'jdoe')}/embeddedCertificates`);
    expect(req.headers()['content-type']).toBe('application/pkcs12');
    expect(req.headers()['content-disposition']).toBe('attachment; filename="work.pfx"');
    expect(req.postDataBuffer()?.equals(open)).toBe(true);
    await expect(dialog).toHaveCount(0);
    await expect(page.getByText('Uploaded 1 certificate: “jdoe Work”.')).toBeVisible();
    await expect(dynamics.getByRole('listitem', { name: 'jdoe Work' })).toContainText(/Valid until \d{4}-\d\d-\d\d/);
    await expect(card(page, 'User certificates').getByRole('listitem', { name: 'jdoe Work' })).toHaveCount(0);

    // The server made it a BlackBerry Dynamics user certificate, with its own profile assignment.
    const added = (await embeddedOf(request, 'jdoe')).find((e) => e.certificate?.subject?.includes('CN=jdoe Work'));
    expect(added?.certificate?.fileName).toBe('work.pfx');
    const assignments = (await uemGet(request, `/users/${await userGuid(request, 'jdoe')}/profiles`, 'application/vnd.blackberry.profileassignments-v1+json')).body.profileAssignments;
    const a = assignments.find((x: any) => x.profile.guid === added.profile.guid);
    expect(a.category).toBe('USER_CERTIFICATE');
    expect(a.dynamics).toBe(true);
  });

  // Overview, "Uploading certificates": "The following operation returns user profile
  // assignments" (GET users/{userGUID}/profiles); "Assign a Profile to a Group" changes them for
  // every member. The overview has no call that assigns to a user or unassigns: shown only.
  test('an administrator sees a user’s profile assignments, directly and through groups', async ({ page, request }) => {
    // Signed in on the page itself: a `goto` right after the click could beat the sign-in.
    await signInAs(page, ADMIN, 'certificates/users/jdoe');
    const table = page.getByRole('table', { name: 'Profile assignments' });
    const row = (name: string) => table.getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) });
    await expect(row('Entrust multi-key credential')).toContainText('User credential (PKI)');
    await expect(row('Entrust multi-key credential')).toContainText('Directly');
    await expect(row('Corporate Wi-Fi credential')).toContainText('Through Wi-Fi users');
    await expect(row('Corporate SCEP')).toContainText('Through Engineering');

    // The same as the API says, assignment by assignment.
    const jdoe = await userGuid(request, 'jdoe');
    const path = `/users/${jdoe}/profiles`;
    const media = 'application/vnd.blackberry.profileassignments-v1+json';
    const listed = (await uemGet(request, path, media)).body.profileAssignments;
    const showing = (n: number) => page.getByText(new RegExp(`^Showing 1–${n} of ${n}$`));
    await expect(showing(listed.length)).toBeVisible();
    for (const a of listed) {
      const name = a.profile.name ?? a.profile.guid;
      const through = (a.groups ?? []).map((g: any) => g.name).join(', ');
      const how = a.assignedDirectly ? (through ? `Directly and through ${through}` : 'Directly') : `Through ${through}`;
      await expect(row(name).filter({ hasText: how }).first()).toBeVisible();
    }

    // A profile assigned to one of jdoe's groups becomes theirs, through that group.
    const groups = (await uemGet(request, '/groups', MEDIA.groups)).body.groups;
    const wifi = groups.find((g: any) => g.name === 'Wi-Fi users').guid;
    const activation = (await uemGet(request, '/profiles?query=name=Default', 'application/vnd.blackberry.profiles-v1+json')).body.profiles
      .find((p: any) => p.entityDefId === `${ENTITY}.profile.ActivationPolicy`);
    expect(listed.some((a: any) => a.profile.guid === activation.guid)).toBe(false);
    const r = await request.post(`${API}/profiles/${activation.guid}/groups`, {
      headers: { Authorization: await token(request), 'Content-Type': MEDIA.groups },
      data: JSON.stringify({ groups: [{ guid: wifi }] }),
    });
    expect(r.status()).toBe(204);
    await page.reload();
    const added = table.getByRole('row').filter({ has: page.getByRole('link', { name: 'Default', exact: true }) }).filter({ hasText: 'Activation' });
    await expect(added).toContainText('Through Wi-Fi users');
    await expect(showing(listed.length + 1)).toBeVisible();
    // Its name leads to the profile.
    await added.getByRole('link', { name: 'Default' }).click();
    await expect(page).toHaveURL(new RegExp(`/profiles/${`${ENTITY}.profile.ActivationPolicy`.replace(/\./g, '\\.')}/${activation.guid}$`));
  });

  // A group's users (groups/{groupGuid}/users, beyond the overview, which shows no members call),
  // reachable from the Groups screen; each user leads to the administrator's page of the user.
  test('a group’s page lists its users, as the API does, each linked to the user’s page', async ({ page, request }) => {
    await signInAs(page, ADMIN, '/');
    await expect(page.getByRole('heading', { name: 'Groups', level: 1 })).toBeVisible();
    await page.getByRole('table', { name: 'Groups' }).getByRole('link', { name: 'Wi-Fi users', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Group: Wi-Fi users', level: 1 })).toBeVisible();
    const table = page.getByRole('table', { name: 'Users in group' });
    const groups = (await uemGet(request, '/groups', MEDIA.groups)).body.groups;
    const wifi = groups.find((g: any) => g.name === 'Wi-Fi users');
    const users = (await uemGet(request, `/groups/${wifi.guid}/users`, MEDIA.users)).body.users;
    expect(users.length).toBe(wifi.memberCount);
    await expect(page.getByText(new RegExp(`^Showing 1–\\d+ of ${users.length}$`))).toBeVisible();
    for (const name of ['jdoe', 'pmorley']) {
      expect(users.some((u: any) => u.username === name)).toBe(true);
      await expect(table.getByRole('link', { name, exact: true })).toBeVisible();
    }
    const jdoe = users.find((u: any) => u.username === 'jdoe');
    await expect(table.getByRole('row').filter({ has: page.getByRole('link', { name: 'jdoe', exact: true }) })).toContainText(jdoe.emailAddress);
    // Searching the list finds one by name.
    await page.getByRole('searchbox', { name: 'Search' }).fill('pmorley');
    await expect(page.getByText(/^Showing 1–1 of 1/)).toBeVisible();
    await page.getByRole('searchbox', { name: 'Search' }).fill('');

    await table.getByRole('link', { name: 'jdoe', exact: true }).click();
    await expect(page).toHaveURL(/\/certificates\/users\/jdoe$/);
    await expect(page.getByRole('heading', { name: 'Certificates of jdoe', level: 1 })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Profile assignments' }).getByRole('row').filter({ hasText: 'Through Wi-Fi users' }).first()).toBeVisible();
  });
  test('every UEM screen, for every kind of failure: a clear message, Retry, then the data without a reload', async ({ page, request }) => {
    test.setTimeout(600_000);
    const groups = (await uemGet(request, '/groups', MEDIA.groups)).body.groups;
    const wifi = groups.find((g: any) => g.name === 'Wi-Fi users');
    const screens: Screen[] = [
      { name: 'Groups', path: 'labels', ready: (p) => p.getByRole('table', { name: 'Groups' }).getByRole('link', { name: 'Wi-Fi users', exact: true }) },
      { name: "A group's users", path: `labels/${wifi.guid}`, ready: h1('Group: Wi-Fi users'), notFound: true },
      { name: 'Profiles', path: 'profiles', ready: (p) => p.getByRole('link', { name: 'Compliance profile', exact: true }) },
      { name: 'A type’s entries', path: `profiles/${COMPLIANCE}`, ready: (p) => p.getByRole('table', { name: 'Entries' }).getByText('Default compliance') },
      { name: 'A user’s certificates', path: 'certificates/users/jdoe', ready: (p) => card(p, 'User certificates') },
    ];
    // Signed in, and the landing screen's calls done, before the first fault is set: otherwise the
    // fault could meet the sign-in, or the first case's page load cut it short.
    await signInAs(page, ADMIN, screens[0].path);
    await expect(screens[0].ready(page)).toBeVisible({ timeout: 20_000 });
    const failed = await matrix(page, request, screens, KINDS);
    console.log(`UEM fault cases: ${screens.length} screens × ${KINDS.length} kinds, failed ${failed.length}`);
    expect(failed, 'every case must pass').toEqual([]);
  });
});
