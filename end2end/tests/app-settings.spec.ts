// App settings: the list, the server-side type filter, and one setting with its labels,
// properties and the link to the Certificates screen.
import { test, expect, signInAsAdmin, apiGet, tableRows, headerTitles, showing, appHref } from './support';

async function apiSettings(request: any, type?: string): Promise<any[]> {
  const { status, body } = await apiGet(request, `/api/v1/appsettings${type ? `?type=${type}` : ''}`);
  if (status === 404) return [];
  return [].concat(body.appsettings.appsetting);
}

test('lists every app setting with type, labels, counts and properties', async ({ page, request }) => {
  const all = await apiSettings(request);
  expect(all.length).toBeGreaterThan(17);
  await signInAsAdmin(page, '/dashboard');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'App settings' }).click();
  await expect(page.getByRole('table', { name: 'App settings' })).toBeVisible();
  expect(await headerTitles(page)).toEqual(['Name', 'Type', 'Labels', 'Devices', 'Pending', 'Origin', 'Properties']);
  await expect(showing(page)).toHaveText(`Showing 1–${all.length} of ${all.length}`);
  const rows = await tableRows(page);
  for (const a of all) {
    const row = rows.find((r) => r[0] === a.name.trim());
    expect(row, a.name).toBeTruthy();
    expect(row![2]).toBe([].concat(a.labelNames ?? []).join(', '));
    expect(row![3]).toBe(String(a.deviceCount));
    expect(row![5]).toBe(a.type === 'SYSTEM' ? 'System' : 'Admin');
    const props: any[] = [].concat(a.properties?.entry ?? []);
    expect(row![6]).toBe(props.map((e) => `${e.key}=${e.value}`).join('; '));
  }
  expect(rows.find((r) => r[0] === 'Corporate User Certificate')![1]).toBe('Certificate enrollment (SCEP)');
});

test('filters by type on the server, kept in the URL', async ({ page, request }) => {
  await signInAsAdmin(page, '/app-settings');
  for (const [type, label] of [['SCEP', 'Certificate enrollment (SCEP)'], ['WIFI', 'Wi-Fi'], ['CERTIFICATE', 'Certificate']]) {
    const expected = await apiSettings(request, type);
    await page.getByLabel('Type').selectOption(type);
    await expect(page).toHaveURL(new RegExp(`type=${type}`));
    await expect(showing(page)).toHaveText(`Showing 1–${expected.length} of ${expected.length}`);
    const rows = await tableRows(page);
    expect(rows.map((r) => r[0]).sort()).toEqual(expected.map((a) => a.name.trim()).sort());
    expect(rows.every((r) => r[1] === label)).toBe(true);
  }
  await page.reload();
  await expect(page.getByLabel('Type')).toHaveValue('CERTIFICATE');
  await page.getByLabel('Type').selectOption('');
  await expect(showing(page)).toHaveText(`Showing 1–${(await apiSettings(request)).length} of ${(await apiSettings(request)).length}`);
});

test('a setting shows its labels as links, its properties, and certificate links', async ({ page, request }) => {
  const scep = (await apiSettings(request)).find((a) => a.name === 'Corporate User Certificate');
  await signInAsAdmin(page, '/app-settings?type=SCEP');
  await page.getByRole('link', { name: 'Corporate User Certificate' }).click();
  await expect(page).toHaveURL(new RegExp(`/app-settings/${scep.id}$`));
  await expect(page.getByRole('heading', { name: 'Corporate User Certificate', level: 1 })).toBeVisible();
  const chips = page.getByRole('list', { name: 'Labels' });
  for (const l of [].concat(scep.labelNames)) {
    await expect(chips.getByRole('link', { name: l })).toHaveAttribute('href', await appHref(page, `/labels/${encodeURIComponent(l)}`));
  }
  const props = page.getByRole('table', { name: 'Properties' });
  for (const e of [].concat(scep.properties.entry) as any[]) {
    await expect(props.getByRole('row', { name: `${e.key} ${e.value}` })).toBeVisible();
  }
  // A certificate-enrollment setting links to the Certificates screen.
  await expect(page.getByRole('link', { name: 'Certificates screen' })).toHaveAttribute('href', await appHref(page, '/certificates?setting=Corporate%20User%20Certificate'));

  // A Wi-Fi setting that uses it links there too.
  const wifi = (await apiSettings(request)).find((a) => a.name === 'Corp-Secure Wi-Fi');
  await page.goto(`app-settings/${wifi.id}`);
  await expect(page.getByRole('heading', { name: 'Corp-Secure Wi-Fi', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Corporate User Certificate' })).toHaveAttribute('href', /\/certificates\?setting=/);
  await page.getByRole('link', { name: 'Corporate User Certificate' }).click();
  await expect(page).toHaveURL(/\/certificates\?setting=Corporate%20User%20Certificate/);
});
