// The portal on Ivanti CPS ("backend": "cps"): sign-in with the CPS role, the devices list walked
// page by page with /device/count as the total, a device page with its CPS tabs, force check-in,
// custom attributes, the app catalog, and the navigation showing only what CPS has. Run by the
// "cps" project against a mock-server started with --portal-backend cps; every check of the
// server's state goes through the CPS API (/msa/v1/cps) as a script would.
import { readFile } from 'node:fs/promises';
import type { APIRequestContext, Page } from '@playwright/test';
import {
  test, expect, ADMIN, SELF_SERVICE, basic, signIn, signInAsAdmin, tableRows, headerTitles, showing, sortedBy,
  parseCsv, csvCell, csvTime, resetMock, setFaults, DEFAULT_DEVICE_COLUMNS,
} from './support';
import { type Screen, KINDS, h1, matrix } from './fault-matrix';

const CPS = '/msa/v1/cps';
const headers = { Authorization: basic(ADMIN.user, ADMIN.password), Accept: 'application/json' };

async function cpsGet(request: APIRequestContext, path: string): Promise<any> {
  const r = await request.get(`${CPS}${path}`, { headers });
  expect(r.status(), `GET ${path}`).toBe(200);
  return r.json();
}

async function cpsPost(request: APIRequestContext, path: string, data: unknown): Promise<any> {
  const r = await request.post(`${CPS}${path}`, { headers, data });
  expect(r.status(), `POST ${path}`).toBe(200);
  const text = await r.text();
  return text ? JSON.parse(text) : null;
}

/** Every device of a status ('' for all), in the server's order. */
async function cpsDevices(request: APIRequestContext, status = ''): Promise<any[]> {
  const out: any[] = [];
  for (;;) {
    const q = `${status ? `status=${status}&` : ''}offset=${out.length}&limit=1000`;
    const page = (await cpsGet(request, `/device?${q}`)).searchResults ?? [];
    out.push(...page);
    if (page.length === 0) return out;
  }
}

async function cpsCount(request: APIRequestContext, status = ''): Promise<number> {
  return (await cpsGet(request, `/device/count${status ? `?status=${status}` : ''}`)).result;
}

async function cpsDevice(request: APIRequestContext, guid: string): Promise<any> {
  const found = await cpsPost(request, '/device/uuid', { identifierType: 'GUID', identifiers: [guid] });
  expect(found.length).toBe(1);
  return found[0];
}

// ---- the portal's display rules for CPS devices, written independently as the oracle ----

const STATUS_WORDS: Record<string, string> = {
  ACTIVE: 'Active',
  ENROLLMENT_PENDING: 'Enrollment pending',
  RETIRE_SENT: 'Retire sent',
  RETIRED: 'Retired',
  WIPE_SENT: 'Wipe sent',
  WIPED: 'Wiped',
  UNKNOWN: 'Unknown',
};
const OS_WORDS: Record<string, string> = { ANDROID: 'Android', IOS: 'iOS', OSX: 'macOS', WINDOWS: 'Windows' };

/** CPS devices have no name: the portal names them by model and serial number (or user). */
function cpsName(d: any): string {
  const model = d.model || 'Device';
  if (d.serialNumber) return `${model} ${d.serialNumber}`;
  return d.userId ? `${model} (${d.userId})` : model;
}

function minute(ms: number | undefined): string {
  return ms ? new Date(ms).toISOString().slice(0, 16).replace('T', ' ') : '';
}

function cpsCells(d: any): string[] {
  const issues = (d.compliant === false ? 1 : 0) + (d.compromised === true ? 1 : 0) + (d.blocked === true ? 1 : 0);
  return [
    cpsName(d),
    d.userId ?? '',
    [OS_WORDS[d.os] ?? '', d.osVersion ?? ''].filter((s) => s).join(' '),
    d.model ?? '',
    STATUS_WORDS[d.status] ?? '',
    d.phoneNumber ?? '',
    minute(d.lastCheckInTime),
    issues === 0 ? 'Compliant' : issues === 1 ? '1 issue' : `${issues} issues`,
  ];
}

async function openDevice(page: Page, d: any) {
  await page.getByRole('searchbox', { name: 'Search' }).fill(d.serialNumber);
  await page.getByRole('link', { name: cpsName(d), exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: cpsName(d) })).toBeVisible();
}

async function openTab(page: Page, name: string) {
  await page.getByRole('tab', { name }).click();
  await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
}

test.beforeEach(async ({ request }) => {
  await resetMock(request);
});

test('admins with the CPS role sign in; others are told why not', { tag: '@cps' }, async ({ page }) => {
  await signIn(page, SELF_SERVICE, '/devices');
  await expect(page.getByRole('alert')).toContainText('Your account has no CPS role');
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);

  await signIn(page, { user: ADMIN.user, password: 'wrong-password' }, '/devices');
  await expect(page.getByRole('alert')).toHaveText('Wrong username or password.');

  // The start page is the dashboard.
  await signIn(page, ADMIN, '/');
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
});

test('the navigation shows only the screens CPS has; EPMM screens are not available', { tag: '@cps' }, async ({ page }) => {
  await signInAsAdmin(page, '/devices');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link')).toHaveText(['Dashboard', 'Devices', 'Device groups', 'App catalog', 'Users']);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  await page.goto('alerts');
  await expect(page.getByRole('heading', { name: 'Not available on this server' })).toBeVisible();
  await page.goto('devices/register');
  await expect(page.getByRole('heading', { name: 'Not available on this server' })).toBeVisible();
});

test('the devices list: every status and All, paging, search, sort and CSV, with /device/count as N', { tag: '@cps' }, async ({ page, request }) => {
  const all = await cpsDevices(request);
  const n = await cpsCount(request);
  expect(all.length).toBe(n);
  await signInAsAdmin(page, '/devices');
  await expect(page.getByRole('table', { name: 'Devices' })).toBeVisible();
  expect(await headerTitles(page)).toEqual(DEFAULT_DEVICE_COLUMNS);

  // "All" first and chosen; then the seven CPS statuses.
  const status = page.getByRole('combobox', { name: 'Status' });
  await expect(status.getByRole('option')).toHaveText([
    'All', 'Active', 'Enrollment pending', 'Retire sent', 'Retired', 'Wipe sent', 'Wiped', 'Unknown',
  ]);
  await expect(status).toHaveValue('');

  // Every device, walked page by page (the server serves at most 1,000 a page).
  await expect(showing(page)).toHaveText(`Showing 1–50 of ${n}`);
  expect((await tableRows(page))[0]).toEqual(cpsCells(all[0]));
  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(showing(page)).toHaveText(`Showing 51–100 of ${n}`);
  expect((await tableRows(page))[0]).toEqual(cpsCells(all[50]));
  await page.getByRole('button', { name: 'Last page' }).click();
  const lastStart = Math.floor((n - 1) / 50) * 50;
  await expect(showing(page)).toHaveText(`Showing ${lastStart + 1}–${n} of ${n}`);
  expect((await tableRows(page)).at(-1)).toEqual(cpsCells(all[n - 1]));
  await page.getByRole('button', { name: 'First page' }).click();
  await expect(showing(page)).toHaveText(`Showing 1–50 of ${n}`);
  await page.getByRole('combobox', { name: 'Rows per page' }).selectOption('100');
  await expect(showing(page)).toHaveText(`Showing 1–100 of ${n}`);
  await page.getByRole('combobox', { name: 'Rows per page' }).selectOption('50');

  // Each status: N is the server's count, every row has that status.
  for (const key of ['RETIRED', 'ENROLLMENT_PENDING']) {
    const count = await cpsCount(request, key);
    expect(count).toBeGreaterThan(0);
    await status.selectOption(key);
    await expect(page).toHaveURL(new RegExp(`status=${key}`));
    await expect(showing(page)).toHaveText(`Showing 1–${Math.min(50, count)} of ${count}`);
    expect((await tableRows(page)).every((r) => r[4] === STATUS_WORDS[key])).toBe(true);
  }
  expect(await cpsCount(request, 'WIPE_SENT')).toBe(0);
  await status.selectOption('WIPE_SENT');
  await expect(page.getByText('No devices with status “Wipe sent”.')).toBeVisible();
  await status.selectOption('');
  await expect(page).not.toHaveURL(/status=/);
  await expect(showing(page)).toHaveText(`Showing 1–50 of ${n}`);

  // Search and sort, then the CSV holds exactly what the table shows.
  // Every word of the search is in some visible cell.
  const term = 'pixel 7a';
  const expected = sortedBy(
    all.filter((d) => term.split(' ').every((t) => cpsCells(d).some((c) => c.toLowerCase().includes(t)))),
    (d) => d.userId ?? '',
  );
  expect(expected.length).toBeGreaterThan(50);
  await page.getByRole('searchbox', { name: 'Search' }).fill(term);
  const user = page.getByRole('columnheader', { name: 'User' });
  await user.getByRole('button').click();
  await expect(user).toHaveAttribute('aria-sort', 'ascending');
  await expect(showing(page)).toHaveText(`Showing 1–50 of ${expected.length}`);
  await expect.poll(async () => (await tableRows(page)).slice(0, 5).map((r) => r[1])).toEqual(
    expected.slice(0, 5).map((d) => d.userId),
  );
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^devices-(?:[a-z0-9-]+-)?\d{4}-\d{2}-\d{2}\.csv$/);
  const records = parseCsv(await readFile(await download.path(), 'utf8'));
  expect(records[0]).toEqual(DEFAULT_DEVICE_COLUMNS);
  // Times in ISO 8601 UTC.
  const csvCells = (d: any) => cpsCells(d).map((c, i) => (i === DEFAULT_DEVICE_COLUMNS.indexOf('Last check-in') ? csvTime(d.lastCheckInTime) : c));
  expect(records.slice(1)).toEqual(expected.map((d) => csvCells(d).map(csvCell)));
});

test('a device page: only force check-in, the CPS tabs, and their data from the API', { tag: '@cps' }, async ({ page, request }) => {
  const ios = (await cpsDevices(request, 'ACTIVE')).find((d) => d.os === 'IOS' && d.identifier && d.serialNumber);
  expect(ios, 'an enrolled iOS device').toBeTruthy();
  await signInAsAdmin(page, '/devices');
  await openDevice(page, ios);

  // CPS acts on a device only by force check-in: no lock, wipe or retire (not even disabled).
  const actions = page.getByRole('group', { name: 'Device actions' });
  await expect(actions.getByRole('button')).toHaveText(['Force check-in']);
  await expect(page.getByText(/^As of the device's last check-in/)).toBeVisible();
  await expect(page.getByRole('tab')).toHaveText([
    'Overview', 'Applications', 'Certificates', 'Profiles', 'Device groups', 'Location',
    'Hotspot and roaming', 'Custom attributes',
  ]);
  // The MDM identifier, which is the UDID on iOS.
  await expect(page.getByRole('definition').filter({ hasText: ios.identifier })).toHaveCount(2);

  const apps = await cpsPost(request, '/device/application', { identifierType: 'GUID', identifiers: [ios.deviceGuid] });
  const appCount = apps.flatMap((e: any) => e.applications ?? []).length;
  await openTab(page, 'Applications');
  await expect(page.getByRole('table', { name: 'Applications' })).toBeVisible();
  await expect(showing(page)).toHaveText(`Showing 1–${Math.min(50, appCount)} of ${appCount}`);

  const certs = (await cpsPost(request, '/device/certificate', { identifiers: [ios.identifier] }))
    .flatMap((e: any) => e.certificates ?? []);
  expect(certs.length).toBeGreaterThan(0);
  await openTab(page, 'Certificates');
  await expect(page.getByRole('table', { name: 'Certificates' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Expires', exact: true })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Expiry' })).toBeVisible();
  await expect(showing(page)).toHaveText(`Showing 1–${certs.length} of ${certs.length}`);

  const profiles = (await cpsPost(request, '/device/profile', { identifierType: 'GUID', identifiers: [ios.deviceGuid] }))
    .flatMap((e: any) => e.profiles ?? []);
  await openTab(page, 'Profiles');
  await expect(page.getByRole('table', { name: 'Profiles' })).toBeVisible();
  await expect(showing(page)).toHaveText(`Showing 1–${profiles.length} of ${profiles.length}`);

  const groups = (await cpsPost(request, '/rule/deviceGuid', { identifiers: [ios.deviceGuid] })).result[0].rules;
  await openTab(page, 'Device groups');
  await expect(page.getByRole('table', { name: 'Device groups' })).toBeVisible();
  expect((await tableRows(page)).map((r) => r[0]).sort()).toEqual(groups.map((g: any) => g.name).sort());

  // CPS cannot ask the device for a fresh location: only the last one reported.
  await openTab(page, 'Location');
  await expect(page.getByRole('button', { name: 'Refresh' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Locate now' })).toHaveCount(0);
  await expect(page.getByText(/Captured|No location is known/).first()).toBeVisible();
});

test('force check-in moves lastCheckInTime on the server', { tag: '@cps' }, async ({ page, request }) => {
  const d = (await cpsDevices(request, 'ACTIVE')).find((x) => x.identifier && x.serialNumber);
  const before = d.lastCheckInTime;
  await signInAsAdmin(page, '/devices');
  await openDevice(page, d);
  await page.getByRole('group', { name: 'Device actions' }).getByRole('button', { name: 'Force check-in' }).click();
  const dialog = page.getByRole('dialog', { name: `Force check-in ${cpsName(d)}?` });
  await dialog.getByRole('button', { name: 'Force check-in' }).click();
  await expect(page.getByText(`Force check-in sent to ${cpsName(d)}.`, { exact: false })).toBeVisible();
  await expect.poll(async () => (await cpsDevice(request, d.deviceGuid)).lastCheckInTime).toBeGreaterThan(before);
  const after = (await cpsDevice(request, d.deviceGuid)).lastCheckInTime;
  await expect(page.getByText(`As of the device's last check-in (${minute(after)} UTC).`)).toBeVisible();
});

test('hotspot and roaming are shown as last reported and can be changed', { tag: '@cps' }, async ({ page, request }) => {
  const ios = (await cpsDevices(request, 'ACTIVE')).find((d) => d.os === 'IOS' && d.identifier && d.serialNumber);
  const roaming = async () =>
    (await cpsPost(request, '/device/getDeviceSettings', { settingsType: 'DATA_ROAMING', identifiers: [ios.identifier] }))
      ?.settings?.[0]?.settings?.value?.enabled === true;
  const was = await roaming();
  await signInAsAdmin(page, '/devices');
  await openDevice(page, ios);
  await openTab(page, 'Hotspot and roaming');
  const panel = page.getByRole('region', { name: 'Hotspot and roaming' });
  await expect(panel.getByRole('term')).toHaveText(['Personal hotspot', 'Data roaming']);
  await panel.getByRole('button', { name: was ? 'Turn off data roaming' : 'Turn on data roaming' }).click();
  await expect(page.getByText(/^Data roaming (on|off) sent to/)).toBeVisible();
  // Applied at the device's next check-in.
  await cpsPost(request, '/device/forceCheckin', { identifiers: [ios.identifier] });
  expect(await roaming()).toBe(!was);

  // Not on Android: the tab says why.
  const android = (await cpsDevices(request, 'ACTIVE')).find((d) => d.os === 'ANDROID' && d.serialNumber);
  await page.goto('devices');
  await openDevice(page, android);
  await openTab(page, 'Hotspot and roaming');
  await expect(page.getByText('CPS reads and changes personal hotspot and data roaming on iOS devices only.')).toBeVisible();
});

test('custom attributes are edited with their type’s widget and written through the API', { tag: '@cps' }, async ({ page, request }) => {
  const meta = await cpsGet(request, '/device/$metadata');
  const writable = meta.filter((m: any) => m.readOnly === false).map((m: any) => m.name);
  expect(writable).toEqual(expect.arrayContaining(['assetTag', 'nacCompliant', 'warrantyExpires']));
  const d = (await cpsDevices(request, 'ACTIVE')).find((x) => x.identifier && x.serialNumber);
  const wasNac = d.customAttributes?.nacCompliant === 'true';
  await signInAsAdmin(page, '/devices');
  await openDevice(page, d);
  await openTab(page, 'Custom attributes');
  const panel = page.getByRole('region', { name: 'Custom attributes' });
  // string → text box, boolean → checkbox, long → date.
  await panel.getByRole('textbox', { name: 'assetTag' }).fill('AT-E2E-42');
  await panel.getByRole('checkbox', { name: 'nacCompliant' }).setChecked(!wasNac);
  await panel.getByLabel('warrantyExpires').fill('2030-01-15');
  await panel.getByRole('button', { name: 'Save attributes' }).click();
  await expect(page.getByText(`3 attributes saved on ${cpsName(d)}.`)).toBeVisible();
  const saved = (await cpsDevice(request, d.deviceGuid)).customAttributes;
  expect(saved.assetTag).toBe('AT-E2E-42');
  expect(saved.nacCompliant).toBe(String(!wasNac));
  expect(saved.warrantyExpires).toBe(String(Date.UTC(2030, 0, 15)));
  // The page shows what the server now has.
  await expect(panel.getByRole('textbox', { name: 'assetTag' })).toHaveValue('AT-E2E-42');

  // Clearing a value removes it.
  await panel.getByRole('textbox', { name: 'assetTag' }).fill('');
  await panel.getByRole('button', { name: 'Save attributes' }).click();
  await expect(page.getByText(`1 attribute saved on ${cpsName(d)}.`)).toBeVisible();
  expect((await cpsDevice(request, d.deviceGuid)).customAttributes?.assetTag).toBeUndefined();
});

test('the app catalog filters by platform, name prefix and bundle identifier', { tag: '@cps' }, async ({ page, request }) => {
  const all = (await cpsGet(request, '/appcatalog/apps?limit=1000')).searchResults;
  const android = all.filter((a: any) => a.platformType === 'Android');
  expect(android.length).toBeGreaterThan(0);
  await signInAsAdmin(page, '/devices');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'App catalog' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'App catalog' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'App catalog' })).toBeVisible();
  await expect(showing(page)).toHaveText(`Showing 1–${Math.min(50, all.length)} of ${all.length}`);

  await page.getByRole('combobox', { name: 'Platform' }).selectOption({ label: 'Android' });
  await expect(page).toHaveURL(/platform=ANDROID/);
  await expect(showing(page)).toHaveText(`Showing 1–${Math.min(50, android.length)} of ${android.length}`);
  expect((await tableRows(page)).every((r) => r[1] === 'Android')).toBe(true);

  const prefix = 'Micro';
  const named = android.filter((a: any) => a.name.startsWith(prefix));
  expect(named.length).toBeGreaterThan(0);
  await page.getByRole('textbox', { name: 'Name starts with' }).fill(prefix);
  await page.getByRole('textbox', { name: 'Name starts with' }).press('Enter');
  await expect(page).toHaveURL(/name=Micro/);
  await expect(showing(page)).toHaveText(`Showing 1–${named.length} of ${named.length}`);
  expect((await tableRows(page)).every((r) => r[0].startsWith(prefix))).toBe(true);

  const one = named[0];
  await page.getByRole('textbox', { name: 'Bundle identifier' }).fill(one.identifier);
  await page.getByRole('textbox', { name: 'Bundle identifier' }).press('Enter');
  await expect(showing(page)).toHaveText('Showing 1–1 of 1');
  expect((await tableRows(page))[0].slice(0, 4)).toEqual([one.name, 'Android', one.version, one.identifier]);

  // The CSV has the generic table's file name.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^app-catalog-\d{4}-\d{2}-\d{2}\.csv$/);
});

test('a 429 is waited out as Retry-After says, and the user is told', { tag: '@cps' }, async ({ page, request }) => {
  await signInAsAdmin(page, '/devices');
  await setFaults(request, { status: 429, retryAfter: 3, paths: '/appcatalog/apps' });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'App catalog' }).click();
  await expect(page.getByText('The CPS server is limiting calls to GET /appcatalog/apps (too many requests): trying again in 3 s.').first()).toBeVisible();
  await setFaults(request, {});
  await expect(showing(page)).toHaveText(/^Showing 1–\d+ of \d+$/, { timeout: 15_000 });
});

// ---- bulk actions (CPS guide, "Force checkin", "Message APIs", "Manage device settings - iOS
// only", "Update device attributes by device UEM identifiers") ----

/** The bulk outcome the portal states: "n of m initiated" where the server counted fewer than it was sent. */
function bulkSummary(total: number, failed: number, sent: number, counted: number, word = 'initiated'): string {
  const parts: string[] = [];
  if (counted >= sent) parts.push(`${sent} succeeded`);
  if (failed) parts.push(`${failed} failed`);
  if (counted < sent) parts.push(`${counted} of ${sent} ${word}; the server did not say which ${sent - counted} failed`);
  return `${total} ${total === 1 ? 'device' : 'devices'}: ${parts.join(', ')}.`;
}

/** Collects the identifiers of every call to a CPS path the page makes. */
function captureCalls(page: Page, path: string): string[][] {
  const calls: string[][] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === `${CPS}${path}`) calls.push(r.postDataJSON().identifiers);
  });
  return calls;
}

/** Checks the first `k` rows of the devices table; the devices they are, found in `pool` by name. */
async function selectRows(page: Page, k: number, pool: any[]): Promise<any[]> {
  const boxes = page.getByRole('table', { name: 'Devices' }).getByRole('checkbox', { name: /^Select (?!all)/ });
  const out: any[] = [];
  for (let i = 0; i < k; i++) {
    const box = boxes.nth(i);
    const name = (await box.evaluate((e) => e.getAttribute('aria-label') ?? (e.closest('label')?.textContent ?? ''))).replace(/^Select /, '').trim();
    await box.check();
    const d = pool.find((x) => cpsName(x) === name);
    expect(d, name).toBeTruthy();
    out.push(d);
  }
  await expect(page.getByRole('region', { name: 'Selection' }).getByRole('status')).toHaveText(`${k} selected`);
  return out;
}

async function showStatus(page: Page, label: string) {
  await page.getByRole('combobox', { name: 'Status' }).selectOption({ label });
  await expect(showing(page)).toBeVisible();
}

function bulkButton(page: Page, name: string) {
  return page.getByRole('region', { name: 'Selection' }).getByRole('group', { name: 'Bulk actions' }).getByRole('button', { name, exact: true });
}

test('bulk force check-in goes in parts of at most 100 MDM identifiers and says n of m initiated', { tag: '@cps' }, async ({ page, request }) => {
  const active = await cpsDevices(request, 'ACTIVE');
  expect(active.length).toBeGreaterThan(100);
  const sample = [active[0], active[active.length - 1]];
  await signInAsAdmin(page, '/devices');
  // The actions CPS has, and none it lacks.
  await showStatus(page, 'Active');
  await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
  const bar = page.getByRole('region', { name: 'Selection' });
  await expect(bulkButton(page, 'Force check-in')).toBeVisible();
  await expect(bar.getByRole('group', { name: 'Bulk actions' }).getByRole('button')).toHaveText([
    'Force check-in', 'Send message', 'Personal hotspot', 'Data roaming', 'Set attributes',
  ]);
  await bar.getByRole('button', { name: `Select all ${active.length} matching` }).click();

  const calls = captureCalls(page, '/device/forceCheckin');
  await bulkButton(page, 'Force check-in').click();
  const dialog = page.getByRole('dialog', { name: `Force check-in ${active.length} devices?` });
  await dialog.getByRole('button', { name: `Force check-in ${active.length} devices` }).click();
  const result = page.getByRole('dialog', { name: /result$/ });
  await expect(result.getByRole('status').first()).toHaveText(bulkSummary(active.length, 0, active.length, active.length), { timeout: 60_000 });
  // CPS guide, "Batch ID recommendation": at most 100 per call; every device once, by its MDM identifier.
  expect(calls.length).toBe(Math.ceil(active.length / 100));
  expect(calls.every((c) => c.length <= 100)).toBe(true);
  expect(new Set(calls.flat())).toEqual(new Set(active.map((d) => d.identifier)));
  for (const d of sample) {
    expect((await cpsDevice(request, d.deviceGuid)).lastCheckInTime).toBeGreaterThan(d.lastCheckInTime ?? 0);
  }
  await result.getByRole('button', { name: 'Close' }).click();

  // Retired devices no longer check in: the server initiates none, and the portal claims none.
  const retired = await cpsDevices(request, 'RETIRED');
  expect(retired.length).toBeGreaterThan(1);
  await showStatus(page, 'Retired');
  await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
  if (retired.length > 50) await bar.getByRole('button', { name: `Select all ${retired.length} matching` }).click();
  await bulkButton(page, 'Force check-in').click();
  await page.getByRole('dialog', { name: /^Force check-in \d+ devices\?$/ }).getByRole('button', { name: /^Force check-in \d+ devices$/ }).click();
  await expect(result.getByRole('status').first()).toHaveText(bulkSummary(retired.length, 0, retired.length, 0));
  await expect(result.getByRole('region', { name: 'Not confirmed' })).toBeVisible();
  await expect(result.getByRole('region', { name: 'Succeeded' })).toHaveCount(0);
  for (const d of retired.slice(0, 2)) {
    expect((await cpsDevice(request, d.deviceGuid)).lastCheckInTime).toBe(d.lastCheckInTime);
  }
});

test('bulk push and email: limits refused in the form, messages recorded by the server', { tag: '@cps' }, async ({ page, request }) => {
  const active = await cpsDevices(request, 'ACTIVE');
  await signInAsAdmin(page, '/devices');
  await showStatus(page, 'Active');
  const chosen = await selectRows(page, 3, active);
  await bulkButton(page, 'Send message').click();
  const form = page.getByRole('dialog', { name: 'Send a message to 3 devices' });
  const sendAs = form.getByRole('combobox', { name: 'Send as' });
  await expect(sendAs.getByRole('option')).toHaveText(['Email', 'Push notification']);

  // Push: 140 characters at most (CPS guide, "Send push notification to devices").
  await sendAs.selectOption({ label: 'Push notification' });
  const text = form.getByRole('textbox', { name: 'Message' });
  await text.evaluate((e: HTMLTextAreaElement) => e.removeAttribute('maxlength'));
  await text.fill('x'.repeat(141));
  await form.getByRole('button', { name: 'Send' }).click();
  await expect(form.getByRole('alert')).toContainText('140');
  const push = 'Please back up your device today.';
  await text.fill(push);
  await form.getByRole('button', { name: 'Send' }).click();
  const result = page.getByRole('dialog', { name: /result$/ });
  await expect(result.getByRole('status').first()).toHaveText(bulkSummary(3, 0, 3, 3));
  let log = await (await request.get('/_mock/cps/messages')).json();
  let last = log[log.length - 1];
  expect(last.kind).toBe('push');
  expect(last.text).toBe(push);
  expect(new Set(last.devices)).toEqual(new Set(chosen.map((d) => d.deviceGuid)));
  await result.getByRole('button', { name: 'Close' }).click();

  // Email: subject 100, body 3,000, HTML (CPS guide, "Send email to device owners").
  await selectRows(page, 2, active);
  await bulkButton(page, 'Send message').click();
  const mail = page.getByRole('dialog', { name: 'Send a message to 2 devices' });
  const subject = mail.getByRole('textbox', { name: 'Subject' });
  await subject.evaluate((e: HTMLInputElement) => e.removeAttribute('maxlength'));
  await subject.fill('s'.repeat(101));
  await mail.getByRole('textbox', { name: 'Message' }).fill('<p>Backup</p>');
  await mail.getByRole('button', { name: 'Send' }).click();
  await expect(mail.getByRole('alert')).toContainText('100');
  await subject.fill('Backup reminder');
  await mail.getByRole('checkbox', { name: 'The message is HTML' }).check();
  await mail.getByRole('button', { name: 'Send' }).click();
  await expect(result.getByRole('status').first()).toHaveText(bulkSummary(2, 0, 2, 2));
  log = await (await request.get('/_mock/cps/messages')).json();
  last = log[log.length - 1];
  expect([last.kind, last.subject, last.text, last.html]).toEqual(['email', 'Backup reminder', '<p>Backup</p>', true]);
  expect(last.devices.length).toBe(2);
});

test('bulk data roaming reaches the iOS devices only, and says so; attributes are set on every device', { tag: '@cps' }, async ({ page, request }) => {
  const active = await cpsDevices(request, 'ACTIVE');
  await signInAsAdmin(page, '/devices');
  await showStatus(page, 'Active');
  const chosen = await selectRows(page, 6, active);
  const ios = chosen.filter((d) => d.os === 'IOS');
  await bulkButton(page, 'Data roaming').click();
  const dialog = page.getByRole('dialog', { name: 'Data roaming on 6 devices' });
  await dialog.getByRole('button', { name: 'Turn on data roaming' }).click();
  const result = page.getByRole('dialog', { name: 'Turn on data roaming on 6 devices: result' });
  await expect(result.getByRole('status').first()).toHaveText(bulkSummary(6, 0, 6, ios.length));
  // Applied at the next check-in.
  if (ios.length > 0) {
    await cpsPost(request, '/device/forceCheckin', { identifiers: ios.map((d) => d.identifier) });
    const got = await cpsPost(request, '/device/getDeviceSettings', { settingsType: 'DATA_ROAMING', identifiers: ios.map((d) => d.identifier) });
    expect(got.settings.map((s: any) => s.settings.value.enabled)).toEqual(ios.map(() => true));
  }
  await result.getByRole('button', { name: 'Close' }).click();

  // A custom attribute with its type's widget; a blank value clears it.
  const two = await selectRows(page, 2, active);
  await bulkButton(page, 'Set attributes').click();
  const attrs = page.getByRole('dialog', { name: 'Set a custom attribute of 2 devices' });
  await attrs.getByRole('combobox', { name: 'Attribute' }).selectOption('assetTag');
  await attrs.getByRole('textbox', { name: 'Value' }).fill('AT-BULK-7');
  await attrs.getByRole('button', { name: 'Set attribute' }).click();
  await expect(page.getByRole('dialog', { name: /result$/ }).getByRole('status').first()).toHaveText(bulkSummary(2, 0, 2, 2));
  for (const d of two) expect((await cpsDevice(request, d.deviceGuid)).customAttributes?.assetTag).toBe('AT-BULK-7');
  await page.getByRole('dialog', { name: /result$/ }).getByRole('button', { name: 'Close' }).click();

  await selectRows(page, 2, active);
  await bulkButton(page, 'Set attributes').click();
  await attrs.getByRole('combobox', { name: 'Attribute' }).selectOption('nacCompliant');
  await attrs.getByRole('checkbox', { name: 'Value' }).check();
  await attrs.getByRole('button', { name: 'Set attribute' }).click();
  await expect(page.getByRole('dialog', { name: /result$/ }).getByRole('status').first()).toHaveText(bulkSummary(2, 0, 2, 2));
  for (const d of two) expect((await cpsDevice(request, d.deviceGuid)).customAttributes?.nacCompliant).toBe('true');
});

// ---- device groups (CPS guide, "Device Group APIs") and users ("User APIs") ----

test('device groups: the list with member counts, a group’s definition in words and its members', { tag: '@cps' }, async ({ page, request }) => {
  const rules: any[] = (await cpsGet(request, '/rule?offset=0&limit=1000')).searchResults;
  expect(rules.length).toBeGreaterThan(3);
  const counts = new Map<number, number>();
  for (const r of rules) counts.set(r.id, (await cpsGet(request, `/device/count?ruleId=${r.id}`)).result);
  await signInAsAdmin(page, '/devices');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Device groups' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Device groups' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Device groups' })).toBeVisible();
  expect(await headerTitles(page)).toEqual(['Name', 'Description', 'Type', 'Definition', 'Devices']);
  await expect(showing(page)).toHaveText(`Showing 1–${Math.min(50, rules.length)} of ${rules.length}`);
  const rows = await tableRows(page);
  for (const r of rules.slice(0, 50)) {
    const row = rows.find((x) => x[0] === r.name);
    expect(row, r.name).toBeTruthy();
    expect(row![2]).toBe(r.definition ? 'Dynamic' : '');
    expect(row![3]).toBe(r.definition ?? '');
    expect(row![4]).toBe(String(counts.get(r.id)));
  }

  // A dynamic group with members: its definition as written and in words, its members paged through.
  const rule = rules.find((r) => r.definition && /^PLATFORMTYPE EQ '\w+'$/.test(r.definition) && counts.get(r.id)! > 50)
    ?? rules.find((r) => r.definition && counts.get(r.id)! > 0);
  const n = counts.get(rule.id)!;
  await page.getByRole('link', { name: rule.name, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/labels/${rule.id}$`));
  await expect(page.getByRole('heading', { level: 1, name: `Device group: ${rule.name}` })).toBeVisible();
  const def = page.getByRole('region', { name: 'Definition' });
  await expect(def.getByRole('code')).toHaveText(rule.definition);
  if (/^PLATFORMTYPE EQ '\w+'$/.test(rule.definition)) {
    await expect(def).toContainText(`platformtype is “${rule.definition.split("'")[1]}”`, { ignoreCase: true });
  }
  await expect(def).toContainText(`Member count${n}`);
  await expect(page.getByRole('table', { name: 'Devices in device group' })).toBeVisible();
  await expect(showing(page)).toHaveText(`Showing 1–${Math.min(50, n)} of ${n}`);
  const members: any[] = [];
  for (;;) {
    const got = (await cpsGet(request, `/device?ruleId=${rule.id}&offset=${members.length}&limit=1000`)).searchResults ?? [];
    members.push(...got);
    if (got.length === 0) break;
  }
  expect(members.length).toBe(n);
  const shown = (await tableRows(page)).map((r) => r[0]);
  expect(shown.every((name) => members.some((d) => cpsName(d) === name))).toBe(true);
});

test('device groups: the name search is the server’s (GET /rule?name=, the start of the name in any case), the table filtering what it found', { tag: '@cps' }, async ({ page, request }) => {
  const all: any[] = (await cpsGet(request, '/rule?offset=0&limit=1000')).searchResults;
  const found: any[] = (await cpsGet(request, '/rule?name=S&offset=0&limit=1000')).searchResults;
  expect(found.length).toBeGreaterThan(1);
  expect(found.length).toBeLessThan(all.length);
  await signInAsAdmin(page, '/labels');
  await expect(showing(page)).toHaveText(`Showing 1–${Math.min(50, all.length)} of ${all.length}`);
  const box = page.getByRole('searchbox', { name: 'Name starts with', exact: true });
  await expect(box).toHaveAccessibleDescription(/whose name starts with this, in any case/);
  await box.fill('s');
  const asked = page.waitForRequest((r) => /\/msa\/v1\/cps\/rule\?name=s&/.test(r.url()));
  await page.getByRole('button', { name: 'Search device groups' }).click();
  await asked;
  await expect(page).toHaveURL(/\/labels\?name=s$/);
  await expect(showing(page)).toHaveText(`Showing 1–${found.length} of ${found.length}`);
  const rows = await tableRows(page);
  expect(rows.map((r) => r[0]).sort()).toEqual(found.map((r) => r.name).sort());
  for (const r of found) {
    const n = (await cpsGet(request, `/device/count?ruleId=${r.id}`)).result;
    expect(rows.find((x) => x[0] === r.name)![4]).toBe(String(n));
  }
  // The table's own search box filters what the server found.
  await page.getByRole('searchbox', { name: 'Search', exact: true }).fill(found[0].name);
  await expect(showing(page)).toHaveText(/^Showing 1–\d+ of \d+$/);
  expect((await tableRows(page)).every((r) => r.join(' ').toLowerCase().includes(found[0].name.toLowerCase()))).toBe(true);
  await page.getByRole('searchbox', { name: 'Search', exact: true }).fill('');

  // A reload keeps the search; a name no group starts with says so.
  await page.reload();
  await expect(box).toHaveValue('s');
  await expect(showing(page)).toHaveText(`Showing 1–${found.length} of ${found.length}`);
  await box.fill('zzz');
  await page.getByRole('button', { name: 'Search device groups' }).click();
  await expect(page.getByText('No device groups have a name starting with “zzz”.')).toBeVisible();
  // An empty box lists every group again.
  await box.fill('');
  await page.getByRole('button', { name: 'Search device groups' }).click();
  await expect(page).toHaveURL(/\/labels$/);
  await expect(showing(page)).toHaveText(`Showing 1–${Math.min(50, all.length)} of ${all.length}`);
});

test('users: email prefix search with the count, find by email or GUID, a user’s page and devices', { tag: '@cps' }, async ({ page, request }) => {
  const some: any[] = (await cpsGet(request, '/user?offset=0&limit=200')).searchResults;
  const devices = await cpsDevices(request);
  const owner = some.find((u) => u.emailAddress && devices.some((d) => d.userUuid === u.userUuid)) ?? some[0];
  const prefix = owner.emailAddress.slice(0, 2);
  const total = (await cpsGet(request, `/user/count?uid=${encodeURIComponent(prefix)}`)).result;
  expect(total).toBeGreaterThan(0);
  await signInAsAdmin(page, '/devices');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
  await page.getByLabel('Email starts with').fill(prefix);
  await page.getByRole('button', { name: 'Search users' }).click();
  await expect(page.getByRole('table', { name: 'Users' })).toBeVisible();
  await expect(showing(page)).toHaveText(`Showing 1–${Math.min(50, total)} of ${total}`);

  // Found by the exact email address: the user's page, addressed by GUID.
  const guid = (await cpsGet(request, `/user?guid=${owner.userUuid}`)).searchResults[0].guid ?? owner.userUuid;
  // The find box says what it takes: CPS also looks a user up by GUID.
  const find = page.getByRole('textbox', { name: 'Email, username or GUID', exact: true });
  await expect(find).toHaveAccessibleDescription(/^Type the exact email address, the exact username or the user's GUID \(such as /);
  await page.getByRole('button', { name: 'Find' }).click();
  await expect(page.getByRole('alert')).toContainText('Type the exact email address');
  await find.fill(owner.emailAddress.toUpperCase());
  await page.getByRole('button', { name: 'Find' }).click();
  await expect(page).toHaveURL(new RegExp(`/users/${guid}$`));
  const full = (await cpsGet(request, `/user?guid=${guid}&fields=ldapStandardAttributes`)).searchResults[0];
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(full.displayName || `${full.firstName ?? ''} ${full.lastName ?? ''}`.trim() || full.userId);
  const source = full.accountSource === 'LDAP' ? 'LDAP' : full.accountSource === 'LOCAL' ? 'Local' : 'Other';
  await expect(page.getByRole('definition').filter({ hasText: new RegExp(`^${source}$`) }).first()).toBeVisible();
  if (full.customAttributes && Object.keys(full.customAttributes).length) {
    // Shown in the attribute editor: a writable text in its box.
    const meta: any[] = await cpsGet(request, '/user/$metadata');
    const region = page.getByRole('region', { name: 'Custom attributes' });
    for (const [k, v] of Object.entries(full.customAttributes)) {
      const m = meta.find((x) => x.name.toLowerCase() === k.toLowerCase());
      if (m?.readOnly === false && m.dataType === 'string') await expect(region.getByLabel(k, { exact: true })).toHaveValue(String(v));
    }
  }
  const ldapKeys = new Set([...Object.keys(full.ldapStandardAttributes ?? {}), ...Object.keys(full.ldapCustomAttributes ?? {})].map((k) => k.toLowerCase()));
  if (ldapKeys.size) {
    const rows = page.getByRole('table', { name: 'Directory attributes' }).getByRole('row');
    await expect(rows).toHaveCount(ldapKeys.size + 1);
  }
  const own = devices.filter((d) => d.userUuid === owner.userUuid);
  await expect(page.getByRole('table', { name: 'Devices' })).toBeVisible();
  if (own.length) {
    await expect(showing(page)).toHaveText(`Showing 1–${Math.min(50, own.length)} of ${own.length}`);
    const names = await page.getByRole('table', { name: 'Devices' }).locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => (tr.querySelector('td:not(.select)') as HTMLElement | null)?.innerText ?? ''));
    expect(names.map((n) => n.trim()).sort()).toEqual(own.map(cpsName).sort().slice(0, 50));
  }

  // The same page found by GUID.
  await page.goto('users');
  await page.getByLabel('Email, username or GUID', { exact: true }).fill(guid);
  await page.getByRole('button', { name: 'Find' }).click();
  await expect(page).toHaveURL(new RegExp(`/users/${guid}$`));
  // A GUID nobody has is said to be unknown, on the same page.
  await page.goto('users');
  await page.getByLabel('Email, username or GUID', { exact: true }).fill('00000000-0000-4000-8000-000000000000');
  await page.getByRole('button', { name: 'Find' }).click();
  await expect(page.getByRole('alert')).toContainText('No user has the email, username or GUID “00000000-0000-4000-8000-000000000000”');
  await expect(page).toHaveURL(/\/users$/);
});

test('the dashboard: devices by CPS status and by platform group from the count calls, and the registration URL', { tag: '@cps' }, async ({ page, request }) => {
  const counts: Record<string, number> = {};
  for (const key of Object.keys(STATUS_WORDS)) counts[key] = await cpsCount(request, key);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const rules: any[] = (await cpsGet(request, '/rule?offset=0&limit=1000')).searchResults;
  const platform = rules.filter((r) => /^PLATFORMTYPE EQ '[^']+'( AND STATUS NEQ 'RETIRED')?$/.test(r.definition ?? ''));
  expect(platform.length).toBeGreaterThan(1);
  const reg = (await cpsGet(request, '/device/registration')).registrationUrl;
  await signInAsAdmin(page, '/dashboard');
  await expect(page.getByRole('img', { name: `Devices by status, ${total} devices in total`, exact: false })).toBeVisible();
  for (const [key, n] of Object.entries(counts)) {
    const link = page.getByRole('link', { name: `${STATUS_WORDS[key]}: ${n} ${n === 1 ? 'device' : 'devices'}`, exact: true });
    if (n > 0) await expect(link).toBeVisible();
    else await expect(link).toHaveCount(0);
  }
  await expect(page.getByRole('img', { name: /^Devices by platform, \d+ devices in total/ })).toBeVisible();
  for (const r of platform) {
    const n = (await cpsGet(request, `/device/count?ruleId=${r.id}`)).result;
    if (n > 0) {
      const link = page.getByRole('link', { name: `${r.name}: ${n} ${n === 1 ? 'device' : 'devices'}`, exact: true });
      await expect(link).toBeVisible();
    }
  }
  await expect(page.getByText(`Devices enroll at ${reg}`)).toBeVisible();
  // A status segment opens the devices list filtered to it.
  const active = counts.ACTIVE;
  await page.getByRole('link', { name: `Active: ${active} devices`, exact: true }).click();
  await expect(page).toHaveURL(/\/devices\?status=ACTIVE$/);
  await expect(showing(page)).toHaveText(`Showing 1–50 of ${active}`);
});

/** `42 %`, `<1 %`, `>99 %`: the portal's share text. */
function percent(v: number, total: number): string {
  if (!total || !v) return '0 %';
  const p = (v * 100) / total;
  if (p < 1) return '<1 %';
  if (p > 99 && v < total) return '>99 %';
  return `${Math.round(p)} %`;
}

test('the dashboard: compliance counted over the active devices, and each device group’s share of the group it is part of', { tag: '@cps' }, async ({ page, request }) => {
  const active = await cpsDevices(request, 'ACTIVE');
  const nonCompliant = active.filter((d) => d.compliant === false || d.compromised === true || d.blocked === true).length;
  const quarantined = active.filter((d) => d.quarantined === true).length;
  expect(nonCompliant).toBeGreaterThan(0);
  expect(quarantined).toBeGreaterThan(0);
  const rules: any[] = (await cpsGet(request, '/rule?offset=0&limit=1000')).searchResults;
  const counts = new Map<number, number>();
  for (const r of rules) counts.set(r.id, (await cpsGet(request, `/device/count?ruleId=${r.id}`)).result);
  const all = await cpsCount(request);
  const devices = (n: number) => `${n} ${n === 1 ? 'device' : 'devices'}`;
  await signInAsAdmin(page, '/dashboard');

  // Compliance as the guide's flags give it: compliant and non-compliant make up the active devices.
  const figures = page.getByRole('region', { name: 'Key figures' });
  for (const [label, n] of [['Non-compliant', nonCompliant], ['Compliant', active.length - nonCompliant], ['Quarantined', quarantined]] as const) {
    await expect(figures.getByRole('link', { name: `${label}: ${devices(n)}`, exact: true })).toBeVisible();
  }

  // Shares: a group whose definition holds another's conditions is part of it (the guide's
  // Android Enterprise among Android devices); the others are shares of every device.
  const conds = (r: any): string[] | null => (r.definition ? r.definition.split(' AND ').map((c: string) => c.trim()) : null);
  const shares = page.getByRole('region', { name: 'Device group shares' });
  await expect(shares.getByRole('link')).toHaveCount(rules.length);
  let nested: any = null;
  for (const r of rules) {
    const mine = conds(r);
    let parent: any = null;
    for (const o of rules) {
      const theirs = conds(o);
      if (!mine || !theirs || o.id === r.id || theirs.length >= mine.length || !theirs.every((c) => mine.includes(c))) continue;
      if (!parent || conds(parent)!.length < theirs.length) parent = o;
    }
    const n = counts.get(r.id)!;
    const text = parent
      ? `${r.name}: ${n} of ${counts.get(parent.id)} in ${parent.name} (${percent(n, counts.get(parent.id)!)})`
      : `${r.name}: ${n} of ${all} devices (${percent(n, all)})`;
    const link = shares.getByRole('link', { name: text, exact: true });
    await expect(link).toBeVisible();
    await expect(link).toHaveAttribute('href', `/labels/${r.id}`);
    if (parent && n > 0 && !nested) nested = { r, n, text };
  }
  expect(nested).not.toBeNull();

  // A share opens the group's members; a compliance figure the Compliance screen.
  await shares.getByRole('link', { name: nested.text, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Device group: ${nested.r.name}` })).toBeVisible();
  await expect(showing(page)).toHaveText(`Showing 1–${Math.min(50, nested.n)} of ${nested.n}`);
  await page.goBack();
  await figures.getByRole('link', { name: `Non-compliant: ${devices(nonCompliant)}`, exact: true }).click();
  await expect(page).toHaveURL(/\/compliance\?show=non-compliant$/);
  await expect(showing(page)).toHaveText(`Showing 1–${Math.min(50, nonCompliant)} of ${nonCompliant}`);
  await page.getByLabel('Show').selectOption('compliant');
  await expect(page).toHaveURL(/show=compliant$/);
  await expect(showing(page)).toHaveText(`Showing 1–50 of ${active.length - nonCompliant}`);
});

test('a user’s writable custom attributes are edited with their type’s widget and written with POST /user', { tag: '@cps' }, async ({ page, request }) => {
  const meta: any[] = await cpsGet(request, '/user/$metadata');
  const writable = meta.filter((m) => m.readOnly === false);
  expect(writable.map((m) => m.name)).toEqual(expect.arrayContaining(['ios', 'site']));
  const some: any[] = (await cpsGet(request, '/user?offset=0&limit=50')).searchResults;
  const u = some.find((x) => x.userUuid && x.displayName && !(x.customAttributes ?? {}).ios)!;
  const guid = (await cpsGet(request, `/user?guid=${u.userUuid}`)).searchResults[0].guid ?? u.userUuid;
  const attrs = async () => (await cpsGet(request, `/user?guid=${guid}`)).searchResults[0].customAttributes ?? {};
  await signInAsAdmin(page, `/users/${guid}`);
  const region = page.getByRole('region', { name: 'Custom attributes' });
  // Each writable attribute has its type's widget.
  for (const m of writable) {
    const type = m.dataType === 'boolean' ? 'checkbox' : m.dataType === 'long' ? 'date' : 'text';
    await expect(region.getByLabel(m.name, { exact: true })).toHaveAttribute('type', type);
  }
  await region.getByLabel('site', { exact: true }).fill('Lisbon');
  await region.getByLabel('ios', { exact: true }).fill('17.4');
  const flag = writable.find((m) => m.dataType === 'boolean');
  if (flag) await region.getByLabel(flag.name, { exact: true }).setChecked(true);
  await region.getByRole('button', { name: 'Save attributes' }).click();
  await expect(page.getByRole('status').filter({ hasText: /attributes saved for / })).toBeVisible();
  await expect.poll(async () => (await attrs()).site).toBe('Lisbon');
  expect((await attrs()).ios).toBe('17.4');
  if (flag) expect((await attrs())[flag.name]).toBe('true');

  // The page shows what the server now has; an emptied text box clears the attribute.
  await page.reload();
  await expect(region.getByLabel('site', { exact: true })).toHaveValue('Lisbon');
  await region.getByLabel('ios', { exact: true }).fill('');
  // Once saved, the page loads the user again, and the form its attribute descriptions: the
  // fault below must not meet those reads (paced by the client, they can come late).
  const formReloaded = page.waitForResponse((r) => r.request().method() === 'GET' && r.url().includes('/user/$metadata'));
  await region.getByRole('button', { name: 'Save attributes' }).click();
  await expect(page.getByRole('status').filter({ hasText: /saved for / })).toBeVisible();
  await expect.poll(async () => (await attrs()).ios).toBeUndefined();
  await formReloaded;
  await expect(region.getByLabel('site', { exact: true })).toHaveValue('Lisbon');

  // The server refusing is said under the form, and what was typed stays.
  try {
    await setFaults(request, { status: 500, paths: '/msa/v1/cps/user' });
    await region.getByLabel('site', { exact: true }).fill('Porto');
    await region.getByRole('button', { name: 'Save attributes' }).click();
    await expect(region.getByRole('alert')).toBeVisible();
    await expect(region.getByLabel('site', { exact: true })).toHaveValue('Porto');
  } finally {
    await setFaults(request, {});
  }
  expect((await attrs()).site).toBe('Lisbon');
});

test('every CPS screen, for every kind of failure: a clear message, Retry, then the data without a reload', { tag: '@cps' }, async ({ page, request }) => {
  test.setTimeout(600_000);
  const device = (await cpsDevices(request, 'ACTIVE')).find((d) => d.deviceGuid)!;
  const rules: any[] = (await cpsGet(request, '/rule?offset=0&limit=1000')).searchResults;
  const rule = rules[0];
  const users: any[] = (await cpsGet(request, '/user?offset=0&limit=50')).searchResults;
  const user = users.find((u) => u.emailAddress && u.userUuid)!;
  const full = (await cpsGet(request, `/user?guid=${user.userUuid}`)).searchResults[0];
  const userHeading = full.displayName || `${full.firstName ?? ''} ${full.lastName ?? ''}`.trim() || full.userId;
  const screens: Screen[] = [
    { name: 'Dashboard', path: 'dashboard', ready: (p) => p.getByRole('img', { name: /^Devices by status, / }) },
    { name: 'Devices', path: 'devices', ready: showing },
    { name: 'Device page', path: `devices/${device.deviceGuid}`, ready: h1(cpsName(device)), notFound: true },
    { name: 'Device groups', path: 'labels', ready: showing },
    { name: "A device group's devices", path: `labels/${rule.id}`, ready: h1(`Device group: ${rule.name}`) },
    {
      name: 'Users (find)',
      path: 'users',
      act: async (p) => {
        await p.getByLabel('Email, username or GUID', { exact: true }).fill(user.emailAddress);
        await p.getByRole('button', { name: 'Find' }).click();
      },
      kept: ['Email, username or GUID', user.emailAddress],
      ready: h1(userHeading),
    },
    { name: 'User page', path: `users/${user.userUuid}`, ready: h1(userHeading), notFound: true },
    { name: 'App catalog', path: 'app-catalog', ready: showing },
  ];
  // A 429 is waited out on CPS and then said: its own test above covers it.
  const kinds = KINDS.filter((k) => k.faults.status !== 429);
  await signInAsAdmin(page, '/dashboard');
  const failed = await matrix(page, request, screens, kinds);
  console.log(`CPS fault cases: ${screens.length} screens × ${kinds.length} kinds, failed ${failed.length}`);
  expect(failed, 'every case must pass').toEqual([]);
});
