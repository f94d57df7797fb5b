// The devices search also uses the server's lookups (EPMM V1 API guide, "Device lookups") to find what the loaded
// list cannot: label members, a user's devices in other states, a device by its Wi-Fi MAC.
import { test, expect, signInAsAdmin, apiGet, apiDevices, showing, deviceCells, tableRows } from './support';

const list = (x: any) => (x == null ? [] : [].concat(x));

test('searching a label name finds its members', async ({ page, request }) => {
  const active = await apiDevices(request, 'ACTIVE');
  const labels: any[] = list((await apiGet(request, '/api/v1/dm/labels')).body.labels.label);
  const label = labels.find((l) => l.name === 'Sales') ?? labels.find((l) => l.staticLabel && l.deviceCount > 5);
  const members: any[] = list((await apiGet(request, `/api/v1/dm/labels/${encodeURIComponent(label.name)}`)).body.devices?.device);
  const term = label.name.toLowerCase();
  const ids = new Set(members.map((d) => d.uuid));
  const expected = active.filter((d) => ids.has(d.uuid) || deviceCells(d).some((c) => c.toLowerCase().includes(term)));
  expect(expected.length).toBeGreaterThan(0);
  await signInAsAdmin(page, '/devices');
  await page.getByLabel('Search').fill(label.name);
  await expect(showing(page)).toHaveText(`Showing 1–${Math.min(50, expected.length)} of ${expected.length}`);
});

test('searching a user also lists their devices in other states', async ({ page, request }) => {
  const lost = await apiDevices(request, 'LOST');
  const d = lost[0];
  await signInAsAdmin(page, '/devices');
  await page.getByLabel('Search').fill(d.principal);
  const panel = page.getByRole('region', { name: 'Found in other states' });
  await expect(panel).toContainText(`of user “${d.principal}” in other states`);
  await panel.getByRole('link', { name: d.name }).click();
  await expect(page.getByRole('heading', { level: 1, name: d.name })).toBeVisible();
});

test('searching a Wi-Fi MAC finds the device although the MAC column is hidden', async ({ page, request }) => {
  const active = await apiDevices(request, 'ACTIVE');
  const withMac = active.find((x) => list(x.details).some((b: any) => list(b.entry).some((e: any) => /^(wifi_mac_addr|WiFiMAC)$/.test(e.key))));
  const mac: string = list(withMac.details).flatMap((b: any) => list(b.entry)).find((e: any) => /^(wifi_mac_addr|WiFiMAC)$/.test(e.key)).value;
  const spaced = mac.toLowerCase().replace(/[^0-9a-f]/g, '').replace(/(..)(?!$)/g, '$1:');
  await signInAsAdmin(page, '/devices');
  await page.getByLabel('Search').fill(spaced);
  await expect(showing(page)).toHaveText('Showing 1–1 of 1');
  expect((await tableRows(page))[0][0]).toBe(withMac.name);
});
