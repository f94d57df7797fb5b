// Certificates (admin): the server-side CSV export (EPMM V2 certificate guide, "Initiate the certificate details CSV export", its status and download),
// revocation of pending certificates (EPMM V2 certificate guide, revocation of pending certificates: its status and run), the detail drawer, configuration
// actions (E12/E13). The API is the oracle; tests restore what they change (`/_mock/v2/reset`).
import { test, expect, signInAsAdmin, basic, ADMIN, SELF_SERVICE, parseCsv, showing, headerTitles, tableRows, setFaults } from './support';
import type { APIRequestContext, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

const SEARCH = '/api/v2/certificates/search';
const STATUS = '/api/v2/certificates/search_export_status?adminDeviceSpaceId=1';
// The CSV columns of E3 (one per E4 field, digest A.4 E3).
const CSV_HEADER = ['id', 'serialNumber', 'type', 'trash', 'expiredAt', 'createdAt', 'userId', 'deviceId', 'deviceUuid', 'localCAId', 'ceSettingName', 'certificateStatus', 'ceId', 'consumerAppSettings'];

async function api(request: APIRequestContext, method: 'GET' | 'POST', path: string, data?: unknown, who = ADMIN) {
  const r = await request.fetch(path, {
    method,
    headers: { Authorization: basic(who.user, who.password), Accept: 'application/json' },
    data: data === undefined ? undefined : data,
  });
  const text = await r.text();
  let body: any = text;
  try { body = JSON.parse(text); } catch { /* plain text (E9) or CSV */ }
  return { status: r.status(), body };
}

async function search(request: APIRequestContext, filter: Record<string, unknown>): Promise<any[]> {
  const r = await api(request, 'POST', SEARCH, { adminDeviceSpaceId: 1, ...filter });
  expect(r.status).toBe(200);
  return r.body.results ?? [];
}

/** Waits until no certificate export runs (the job is shared by every admin: EPMM V2 certificate guide, the CSV export). */
async function exportIdle(request: APIRequestContext) {
  await expect.poll(async () => (await api(request, 'GET', STATUS)).body.results?.isRunning, { timeout: 20_000 }).not.toBe(true);
}

function isoDay(offsetDays: number): string {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return d.toISOString().slice(0, 10);
}

async function chooseFilters(page: Page, status: string, until: string) {
  await page.getByLabel('Configuration').selectOption({ label: 'LocalCE (Local CA)' });
  await page.getByLabel('Status').selectOption({ label: status });
  await page.getByLabel('Expires until').fill(until);
  await page.getByLabel('Expires until').press('Enter');
}

test('the server export downloads a CSV whose rows are the rows of the search, and is offered again on return', async ({ page, request }) => {
  await exportIdle(request);
  const until = isoDay(120);
  const expected = await search(request, {
    ceSettingName: 'LocalCE', certificateStatus: 'ACTIVE',
    expiresBefore: Date.parse(until + 'T00:00:00Z') + 86_400_000,
  });
  expect(expected.length).toBeGreaterThan(10);

  await signInAsAdmin(page, '/certificates');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Certificates' }).click();
  await chooseFilters(page, 'Active', until);
  await expect(showing(page)).toHaveText(new RegExp(`of ${expected.length}$`));
  await expect(page).toHaveURL(/ce=LocalCE/);
  await expect(page).toHaveURL(/status=ACTIVE/);

  const download = page.waitForEvent('download', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Export on server' }).click();
  // Running, with the elapsed time (the mock's export takes 3 s).
  await expect(page.getByText(/^Export running: started \d\d:\d\d:\d\d, elapsed \d+:\d\d$/)).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Export progress' })).toBeVisible();
  // Ready: downloaded automatically.
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^certificates-LocalCE-\d{8}-\d{4}\.csv$/);
  const rows = parseCsv(readFileSync(await file.path(), 'utf8'));
  expect(rows[0]).toEqual(CSV_HEADER);
  const ids = rows.slice(1).map((r) => Number(r[0])).sort((a, b) => a - b);
  expect(ids).toEqual(expected.map((c) => c.id).sort((a: number, b: number) => a - b));
  expect(rows.slice(1).every((r) => r[11] === 'ACTIVE' && r[10] === 'LocalCE')).toBe(true);
  await expect(page.getByText(/^Export ready \(started \d\d:\d\d:\d\d\)\.$/)).toBeVisible();

  // Coming back: the finished export is restored from the server (E2) and can be downloaded.
  await page.reload();
  await expect(page.getByText(/^Export ready \(started/)).toBeVisible();
  const again = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download export' }).click();
  expect(parseCsv(readFileSync(await (await again).path(), 'utf8')).length).toBe(expected.length + 1);
});

test('an export while another runs is shown as already running, and a failed one offers a retry', async ({ page, request }) => {
  await exportIdle(request);
  await signInAsAdmin(page, '/certificates?ce=LocalCE&status=EXPIRED');
  await expect(showing(page)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Export on server' })).toBeEnabled();
  // Another admin's export is running (the export call answers without `results`: EPMM V2 certificate guide, the CSV export).
  const other = await api(request, 'POST', '/api/v2/certificates/search_export', { adminDeviceSpaceId: 1, ceSettingName: 'LocalCE', certificateStatus: 'REVOKED' });
  expect(other.body.results).toBeTruthy();
  await page.getByRole('button', { name: 'Export on server' }).click();
  await expect(page.getByText(/An export was already running, perhaps started by another administrator/)).toBeVisible();
  await page.getByRole('button', { name: 'Stop waiting' }).click();
  await exportIdle(request);

  // The next export fails on the server (mock fault switch): the failure and a retry.
  const f = await request.post('/_mock/v2/faults', { data: { exportFailNext: true } });
  expect(f.status()).toBe(200);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Export on server' })).toBeEnabled();
  await page.getByRole('button', { name: 'Export on server' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The export failed on the server.' })).toBeVisible({ timeout: 20_000 });
  const download = page.waitForEvent('download', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Retry export' }).click();
  const rows = parseCsv(readFileSync(await (await download).path(), 'utf8'));
  const expired = await search(request, { ceSettingName: 'LocalCE', certificateStatus: 'EXPIRED' });
  expect(rows.length - 1).toBe(expired.length);
});

test('export needs a status: the button says why it is disabled', async ({ page }) => {
  await signInAsAdmin(page, '/certificates?ce=LocalCE');
  await expect(page.getByRole('button', { name: 'Export on server' })).toBeDisabled();
  await expect(page.getByText('Choose a status to export: the server exports one status at a time.')).toBeVisible();
});

async function pendingTotal(request: APIRequestContext): Promise<number> {
  let n = 0;
  for (const p of ['SCEP', 'ENTRUST', 'GLOBAL_SIGN', 'SYMANTEC_MANAGED_PKI', 'SYMANTEC_WS_MANAGED_PKI', 'OPEN_TRUST', 'BLUE_COAT', 'SINGLE_FILE_IDENTITY', 'CLIENT_PROVIDED']) {
    const cfgs = (await api(request, 'GET', `/api/v2/configurations/CE/${p}/configurations`)).body.results ?? [];
    for (const c of cfgs) {
      n += (await search(request, { ceSettingName: c.name, certificateStatus: 'PENDING_REVOCATION' })).length;
    }
  }
  return n;
}

test('revoke pending certificates: banner count, confirmation, running state, result', async ({ page, request }) => {
  expect((await request.post('/_mock/v2/reset')).status()).toBe(204);
  try {
    const pending = await pendingTotal(request);
    expect(pending).toBeGreaterThan(0);
    await signInAsAdmin(page, '/certificates');
    const banner = page.getByRole('region', { name: 'Pending revocation' });
    await expect(banner.getByText(`${pending} certificates pending revocation`)).toBeVisible({ timeout: 20_000 });
    await banner.getByRole('button', { name: 'Revoke pending certificates' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke pending certificates' });
    await expect(dialog).toContainText(`all ${pending} certificates pending revocation`);
    await dialog.getByRole('button', { name: 'Revoke' }).click();
    await expect(dialog).toHaveCount(0);
    // E9 while the job runs (the mock's run takes 5 s).
    await expect(banner.getByText(/^Revocation in progress/)).toBeVisible();
    expect((await api(request, 'GET', '/api/v2/certificateCheckJob/attemptRevokeForPendingRevocation/status')).body)
      .toMatch(/^Pending revocation certs are being processed\. Total duration so far \d+ Seconds$/);
    await expect(banner.getByText(`Revocation finished: ${pending} certificates revoked.`)).toBeVisible({ timeout: 30_000 });
    await expect(banner.getByText('No certificates are pending revocation.')).toBeVisible();
    expect(await pendingTotal(request)).toBe(0);
  } finally {
    await request.post('/_mock/v2/reset');
  }
});

test('a certificate opens in a drawer; expiry is relative and soon-to-expire rows are marked', async ({ page, request }) => {
  const soonest = (await search(request, { ceSettingName: 'LocalCE', certificateStatus: 'ACTIVE' }))
    .sort((a, b) => a.expiredAt.localeCompare(b.expiredAt))[0];
  await signInAsAdmin(page, '/certificates?ce=LocalCE&status=ACTIVE&sort=expires&dir=asc');
  const first = page.getByRole('table', { name: 'Certificates' }).getByRole('row').nth(1);
  await expect(first.getByRole('cell').nth(0)).toHaveText(String(soonest.serialNumber));
  await expect(first).toContainText('Expires soon');
  await expect(first).toContainText(/in \d+ days|tomorrow|today/);
  await first.getByRole('link', { name: String(soonest.serialNumber) }).click();
  const drawer = page.getByRole('dialog', { name: `Certificate ${soonest.serialNumber}` });
  await expect(drawer).toBeVisible();
  await expect(drawer).toContainText('LocalCE');
  await expect(drawer).toContainText(soonest.expiredAt);
  await expect(page).toHaveURL(new RegExp(`cert=${soonest.id}`));
  await expect(page).toHaveURL(/status=ACTIVE/);
  await page.keyboard.press('Escape');
  await expect(drawer).toHaveCount(0);
});

test('configuration detail: test connectivity shows the issued certificate; the SCEP challenge is write-only', async ({ page, request }) => {
  await signInAsAdmin(page, '/certificates/configurations');
  await page.getByRole('link', { name: 'Test Scep' }).click();
  await expect(page.getByRole('heading', { name: 'Test Scep', level: 1 })).toBeVisible();
  await page.getByLabel('Subject email (optional)').fill('alice@example.com');
  await page.getByRole('button', { name: 'Issue test certificate' }).click();
  await expect(page.getByText('Successfully issued a test certificate for the provided configuration.')).toBeVisible();
  const fields = page.locator('dl.fields').last();
  await expect(fields).toContainText('CN=alice@example.com');
  await expect(fields).toContainText('CN=LOCAL CA');
  await expect(fields).toContainText('TLS client authentication');

  await page.getByRole('button', { name: 'Change challenge password' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change challenge password' });
  await dialog.getByLabel('New challenge password', { exact: true }).fill('n3w-Chall3nge');
  await dialog.getByLabel('Confirm new challenge password').fill('different');
  await expect(dialog.getByRole('button', { name: 'Change password' })).toBeDisabled();
  await dialog.getByLabel('Confirm new challenge password').fill('n3w-Chall3nge');
  await dialog.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('The challenge password was changed.')).toBeVisible();
  await expect(dialog).toHaveCount(0);
  expect(await page.content()).not.toContain('n3w-Chall3nge');
  // The old value is never readable through the API either.
  const summary = await api(request, 'GET', '/api/v2/configuration/SCEP/SCEP/summary');
  expect(JSON.stringify(summary.body)).not.toContain('n3w-Chall3nge');
});

test('users without certificates: the list of a configuration and its server export', async ({ page, request }) => {
  const r = await api(request, 'POST', '/api/v2/configurations/CE/11/users/withnocerts/search');
  const users = r.body.results;
  await signInAsAdmin(page, '/certificates/users-without?ce=11');
  await expect(page.getByRole('table', { name: 'Users without certificates' })).toBeVisible();
  await expect(showing(page)).toHaveText(new RegExp(`of ${users.length}$`));
  const download = page.waitForEvent('download', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Export on server' }).click();
  const rows = parseCsv(readFileSync(await (await download).path(), 'utf8'));
  expect(rows[0]).toEqual(['id', 'principal', 'displayName', 'firstName', 'lastName', 'emailAddress']);
  expect(rows.slice(1).map((x) => x[1]).sort()).toEqual(users.map((u: any) => u.principal).sort());
});

test('the mock refuses admin certificate calls from a self-service user (403)', async ({ request }) => {
  const r = await api(request, 'POST', SEARCH, { adminDeviceSpaceId: 1, ceSettingName: 'LocalCE' }, SELF_SERVICE);
  expect(r.status).toBe(403);
  expect(r.body.messages[0].localizedMessage).toBe('You are not authorized to perform this operation.');
});

test("an admin sees a user's user-provided certificates and their details (E8, E7)", async ({ page, request }) => {
  const e7 = await api(request, 'POST', '/api/v2/configuration/CE/USER_PROVIDED/10/getCertificate', { userId: 'jdoe' });
  expect(e7.status).toBe(200);
  await signInAsAdmin(page, '/certificates/users');
  await page.getByLabel('User name').fill('jdoe');
  await page.getByRole('button', { name: 'Show certificates' }).click();
  await expect(page.getByRole('heading', { name: 'Certificates of jdoe', level: 1 })).toBeVisible();
  await expect(page.getByRole('article')).toHaveCount(4);
  const sample = page.getByRole('article').filter({ has: page.getByRole('heading', { name: 'testUserProv', exact: true }) });
  await sample.getByRole('button', { name: 'View details' }).click();
  const drawer = page.getByRole('dialog', { name: 'Certificate for testUserProv' });
  await expect(drawer).toContainText(e7.body.results.subject);
  await expect(drawer).toContainText(e7.body.results.issuer);
  await drawer.getByRole('button', { name: 'Close' }).click();
  await expect(drawer).toHaveCount(0);
  // The user's own page, one click away.
  await page.getByRole('link', { name: 'Open the user' }).click();
  await expect(page).toHaveURL(/\/users\/jdoe$/);
  await expect(page.getByRole('link', { name: 'Certificates issued to this user' })).toBeVisible();
});

test('users without certificates sends no call before its configuration is known', async ({ page }) => {
  const malformed: string[] = [];
  page.on('request', (r) => {
    if (/\/api\/v2\/configurations\/CE\/\//.test(new URL(r.url()).pathname)) malformed.push(`${r.method()} ${r.url()}`);
  });
  page.on('response', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/') && r.status() === 400) malformed.push(`${r.status()} ${r.url()}`);
  });
  const status = page.waitForRequest((r) => /\/api\/v2\/configurations\/CE\/[^/]+\/users\/withnocerts\/search_export_status$/.test(new URL(r.url()).pathname));
  await signInAsAdmin(page, '/certificates/users-without');
  await expect(page.getByRole('table', { name: 'Users without certificates' })).toBeVisible();
  await expect(showing(page)).toBeVisible();
  await status;
  await expect(page.getByRole('region', { name: 'Server export' }).getByRole('status')).not.toHaveText(/Checking/);
  expect(malformed).toEqual([]);
});

test('cross-links: a user\'s page opens their certificates, a certificate opens its device, a revoked one says so', async ({ page, request }) => {
  const jdoe = (await api(request, 'GET', '/api/v1/sm/users/jdoe')).body.user;
  await signInAsAdmin(page, '/users/jdoe');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'Certificates issued to this user' }).click();
  await expect(page).toHaveURL(/\/certificates\?(.*&)?user=jdoe/);
  await expect(showing(page)).toHaveText(/^Showing 1–\d+ of [1-9]\d*$/);
  const table = page.getByRole('table', { name: 'Certificates' });
  // One user: once named, every row names that user (by the display name "Find a User" gives).
  await expect(table.getByRole('link', { name: jdoe.displayName, exact: true }).first()).toBeVisible();
  const user = (await headerTitles(page)).indexOf('User');
  await expect.poll(async () => [...new Set((await tableRows(page)).map((r) => r[user]))]).toEqual([jdoe.displayName]);

  // The Device cell opens the device's page.
  const device = (await headerTitles(page)).indexOf('Device');
  const rows = await tableRows(page);
  const linked = rows.findIndex((r) => r[device] !== '');
  expect(linked).toBeGreaterThanOrEqual(0);
  await table.getByRole('row').nth(linked + 1).getByRole('link', { name: rows[linked][device], exact: true }).click();
  await expect(page).toHaveURL(/\/devices\/[^/?]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  // Revoked certificates: the Expiry badge says so, never empty.
  await page.goto('certificates?ce=*&status=REVOKED');
  await expect(showing(page)).toHaveText(/^Showing 1–\d+ of [1-9]\d*$/);
  const expiry = (await headerTitles(page)).indexOf('Expiry');
  expect(new Set((await tableRows(page)).map((r) => r[expiry]))).toEqual(new Set(['Revoked']));
});

test('a certificate row names its user and its device, keeps their ids on hover, and links to their pages', async ({ page, request }) => {
  // The oracle: the V2 search gives ids; V1 names the device by its UUID and the user by login
  // (EPMM V1 API guide, "Get Device Details for a Device UUID", "Find a User").
  const certs = (await search(request, { ceSettingName: 'LocalCE', certificateStatus: 'ACTIVE' }))
    .sort((a, b) => a.serialNumber - b.serialNumber);
  const cert = certs.find((c) => c.deviceUUid);
  const device = (await api(request, 'GET', `/api/v1/dm/devices/${cert.deviceUUid}`)).body.device;
  const user = (await api(request, 'GET', `/api/v1/sm/users/${device.principal}`)).body.user;
  expect(user.id).toBe(cert.userId);
  expect(device.id).toBe(cert.deviceId);
  // A row without a device UUID on the same page keeps its ids (no lookup can name it).
  const bare = certs.slice(0, 25).find((c) => !c.deviceUUid);

  const seen: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/api/v1/dm/devices/') || path.startsWith('/api/v1/sm/users/')) seen.push(path);
  });
  await signInAsAdmin(page, '/certificates?ce=LocalCE&status=ACTIVE&sort=serial&dir=asc&size=25');
  const table = page.getByRole('table', { name: 'Certificates' });
  const row = table.getByRole('row').filter({ has: page.getByRole('link', { name: String(cert.serialNumber), exact: true }) });
  const userLink = row.getByRole('link', { name: user.displayName, exact: true });
  const deviceLink = row.getByRole('link', { name: device.name, exact: true });
  await expect(userLink).toBeVisible();
  await expect(deviceLink).toBeVisible();
  // The ids stay within reach: on hover.
  const cellOf = (name: string) => row.getByRole('cell').filter({ has: page.getByRole('link', { name, exact: true }) });
  await expect(cellOf(user.displayName)).toHaveAttribute('title', `User ID ${cert.userId}`);
  await expect(cellOf(device.name)).toHaveAttribute('title', `Device ID ${cert.deviceId}`);
  if (bare) {
    const bareRow = table.getByRole('row').filter({ has: page.getByRole('link', { name: String(bare.serialNumber), exact: true }) });
    await expect(bareRow).toContainText(String(bare.deviceId));
  }
  // Only the rows on screen were looked up: at most one device and one user call per row shown.
  expect(new Set(seen).size).toBeLessThanOrEqual(2 * 25);
  expect(seen.length).toBe(new Set(seen).size);

  // The drawer names them too, with the ids.
  await row.getByRole('link', { name: String(cert.serialNumber), exact: true }).click();
  const drawer = page.getByRole('dialog', { name: `Certificate ${cert.serialNumber}` });
  await expect(drawer).toContainText(user.displayName);
  await expect(drawer).toContainText(String(cert.userId));
  await page.keyboard.press('Escape');

  await userLink.click();
  await expect(page).toHaveURL(new RegExp(`/users/${device.principal}$`));
  await expect(page.getByRole('heading', { level: 1, name: user.displayName })).toBeVisible();
  await page.goBack();
  await deviceLink.click();
  await expect(page).toHaveURL(new RegExp(`/devices/${cert.deviceUUid}$`));
  await expect(page.getByRole('heading', { level: 1, name: device.name })).toBeVisible();
});

test('while a name cannot be looked up the row keeps its ids and no error hides it; the lookup is asked again later', async ({ page, request }) => {
  const certs = (await search(request, { ceSettingName: 'LocalCE', certificateStatus: 'EXPIRED' }))
    .sort((a, b) => a.serialNumber - b.serialNumber);
  const cert = certs.find((c) => c.deviceUUid);
  const device = (await api(request, 'GET', `/api/v1/dm/devices/${cert.deviceUUid}`)).body.device;
  const user = (await api(request, 'GET', `/api/v1/sm/users/${device.principal}`)).body.user;
  const lookup = `/api/v1/dm/devices/${cert.deviceUUid}`;
  await setFaults(request, { status: 500, paths: '/api/v1/dm/devices/' });
  try {
    const failed = page.waitForResponse((r) => new URL(r.url()).pathname === lookup);
    await signInAsAdmin(page, '/certificates?ce=LocalCE&status=EXPIRED&sort=serial&dir=asc&size=25');
    expect((await failed).status()).toBe(500);
    const row = page.getByRole('table', { name: 'Certificates' }).getByRole('row')
      .filter({ has: page.getByRole('link', { name: String(cert.serialNumber), exact: true }) });
    const titles = await headerTitles(page);
    await expect(row.getByRole('cell').nth(titles.indexOf('User'))).toHaveText(String(cert.userId));
    await expect(row.getByRole('cell').nth(titles.indexOf('Device'))).toHaveText(String(cert.deviceId));
    await expect(showing(page)).toHaveText(new RegExp(`of ${certs.length}$`));
    await expect(page.getByRole('alert')).toHaveCount(0);
  } finally {
    await setFaults(request, {});
  }
  // A failed lookup is not remembered: the page shown again (sorted back and forth) names the row.
  const again = page.waitForResponse((r) => new URL(r.url()).pathname === lookup && r.status() === 200);
  await page.getByRole('button', { name: 'Serial', exact: true }).click();
  await page.getByRole('button', { name: 'Serial', exact: true }).click();
  await again;
  const row = page.getByRole('table', { name: 'Certificates' }).getByRole('row')
    .filter({ has: page.getByRole('link', { name: String(cert.serialNumber), exact: true }) });
  await expect(row.getByRole('link', { name: user.displayName, exact: true })).toBeVisible();
  await expect(row.getByRole('link', { name: device.name, exact: true })).toBeVisible();
});
