// The dashboard: the landing page after sign-in; every figure and chart segment is a link whose
// accessible name carries the count, and the list it opens shows that many rows.
import { test, expect, signIn, signInAsAdmin, apiGet, apiDevices, showing, ADMIN, STATUS_LABELS, appHref } from './support';

const NAV = ['Dashboard', 'Devices', 'Labels', 'Policies', 'App settings', 'Certificates', 'Alerts', 'ActiveSync', 'Users'];

async function statusCounts(request: any): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const s of Object.keys(STATUS_LABELS)) {
    const { status, body } = await apiGet(request, `/api/v1/dm/devices?status=${s}&limit=1`);
    out[s] = status === 404 ? 0 : Number(body.totalCount);
  }
  return out;
}

test('lands on the dashboard, with the navigation in order and charts drawn from the API', async ({ page, request }) => {
  const counts = await statusCounts(request);
  await signIn(page, ADMIN, '/');
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText(NAV);

  // Devices by status: one summarising image, one link per non-empty status.
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const chart = page.getByRole('img', { name: `Devices by status, ${total} devices in total`, exact: false });
  await expect(chart).toBeVisible();
  for (const [key, n] of Object.entries(counts)) {
    const link = page.getByRole('link', { name: `${STATUS_LABELS[key]}: ${n} ${n === 1 ? 'device' : 'devices'}`, exact: true });
    if (n > 0) {
      await expect(link).toBeVisible();
      await expect(link).toHaveAttribute('href', await appHref(page, `/devices?status=${key}`));
    } else {
      await expect(link).toHaveCount(0);
    }
  }

  // Devices by platform: the platform labels and their counts.
  const labels: any[] = [].concat((await apiGet(request, '/api/v1/dm/labels')).body.labels.label);
  const platform = labels.filter((l) => /^"common\.platform"="[^"]+"( AND "common\.retired"=false)?$/.test(l.query));
  expect(platform.length).toBeGreaterThan(1);
  await expect(page.getByRole('img', { name: /^Devices by platform, \d+ devices in total/ })).toBeVisible();
  for (const l of platform) {
    await expect(page.getByRole('link', { name: `${l.name}: ${l.deviceCount} devices`, exact: true })).toBeVisible();
  }

  // Unread alerts, in total and by severity.
  const unread: any[] = [].concat((await apiGet(request, '/api/v1/alerts?isRead=false')).body.alerts.alert);
  await expect(page.getByRole('link', { name: `Unread alerts: ${unread.length} alerts`, exact: true })).toBeVisible();
  const critical = unread.filter((a) => a.severity === 'CRITICAL').length;
  await expect(page.getByRole('link', { name: `Critical: ${critical} alerts`, exact: true })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Unread alerts by severity/ })).toBeVisible();
});

test('each figure opens the list it counts', async ({ page, request }) => {
  const active = await apiDevices(request, 'ACTIVE');
  const nonCompliant = active.filter((d) => Number(d.compliance) !== 0).length;
  const quarantined = active.filter((d) => Number(d.quarantinedStatus) !== 0).length;
  expect(nonCompliant).toBeGreaterThan(0);
  expect(quarantined).toBeGreaterThan(0);
  await signInAsAdmin(page, '/dashboard');

  // A status segment opens the Devices screen filtered to it.
  await page.getByRole('link', { name: `Active: ${active.length} devices`, exact: true }).click();
  await expect(page).toHaveURL(/\/devices\?status=ACTIVE$/);
  await expect(showing(page)).toHaveText(`Showing 1–50 of ${active.length}`);
  await page.goBack();

  // Non-compliant and quarantined open the Compliance screen (the full devices table).
  await page.getByRole('link', { name: `Non-compliant: ${nonCompliant} devices`, exact: true }).click();
  await expect(page).toHaveURL(/\/compliance\?show=non-compliant$/);
  await expect(page.getByRole('table', { name: 'Devices' })).toBeVisible();
  await expect(showing(page)).toHaveText(`Showing 1–${Math.min(50, nonCompliant)} of ${nonCompliant}`);
  await page.getByLabel('Show').selectOption('quarantined');
  await expect(page).toHaveURL(/show=quarantined/);
  await expect(showing(page)).toHaveText(`Showing 1–${Math.min(50, quarantined)} of ${quarantined}`);
  await page.goBack();
  await page.goBack();
  await expect(page.getByRole('link', { name: `Quarantined: ${quarantined} devices`, exact: true })).toBeVisible();

  // A platform segment opens the label's member list.
  const labels: any[] = [].concat((await apiGet(request, '/api/v1/dm/labels')).body.labels.label);
  const android = labels.find((l) => l.name === 'Android');
  await page.getByRole('link', { name: `Android: ${android.deviceCount} devices`, exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Label: Android' })).toBeVisible();
  await expect(showing(page)).toHaveText(`Showing 1–50 of ${android.deviceCount}`);
  await page.goBack();

  // Unread alerts open the inbox filtered to them; a severity bar adds the severity.
  const unread: any[] = [].concat((await apiGet(request, '/api/v1/alerts?isRead=false')).body.alerts.alert);
  await page.getByRole('link', { name: `Unread alerts: ${unread.length} alerts`, exact: true }).click();
  await expect(page).toHaveURL(/\/alerts\?read=unread$/);
  await expect(showing(page)).toHaveText(`Showing 1–50 of ${unread.length}`);
  await page.goBack();
  const warnings = unread.filter((a) => a.severity === 'WARNING').length;
  await page.getByRole('link', { name: `Warning: ${warnings} alerts`, exact: true }).click();
  await expect(page).toHaveURL(/severity=warning/);
  await expect(showing(page)).toHaveText(`Showing 1–${Math.min(50, warnings)} of ${warnings}`);
});

test('certificates expiring within 30 days link to the Certificates screen', async ({ page }) => {
  await signInAsAdmin(page, '/dashboard');
  const kpi = page.getByRole('link', { name: /^Certificates expiring in 30 days: \d+ certificates?$/ });
  await expect(kpi).toBeVisible();
  const href = await kpi.getAttribute('href');
  expect(href).toMatch(new RegExp(`^${await appHref(page, '/certificates')}\\?`));
  expect(href).toMatch(/status=ACTIVE/);
  expect(href).toMatch(/from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/);
});

test('the expiring-certificates figure opens a list of exactly its count, across every configuration', async ({ page }) => {
  await signInAsAdmin(page, '/dashboard');
  const kpi = page.getByRole('link', { name: /^Certificates expiring in 30 days: \d+ certificates?$/ });
  const n = Number((await kpi.getAttribute('aria-label'))!.match(/: (\d+) /)![1]);
  // The figure is the sum of the per-configuration segments, over more than one configuration.
  const segments = page.getByRole('figure', { name: 'Certificates expiring within 30 days' }).getByRole('link');
  const counts = (await segments.evaluateAll((as) => as.map((a) => a.getAttribute('aria-label') ?? ''))).map((s) => Number(s.match(/: (\d+) certificates?$/)![1]));
  expect(counts.length).toBeGreaterThan(1);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(n);
  await kpi.click();
  await expect(page).toHaveURL(/\/certificates\?/);
  await expect(showing(page)).toHaveText(`Showing 1–${Math.min(50, n)} of ${n}`);
  await expect(page.getByLabel('Configuration')).toHaveValue('*');
  await expect(page.getByLabel('Status')).toHaveValue('ACTIVE');
});
