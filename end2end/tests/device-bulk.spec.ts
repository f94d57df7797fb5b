// Selection and bulk actions on the devices list: the requests carry exactly the selected devices,
// destructive actions demand the count, and the outcome is listed per device.
import type { Page, Request } from '@playwright/test';
import { test, expect, signInAsAdmin, apiGet, apiDevices, resetMock, deviceLog, showing, deviceCells } from './support';

test.beforeEach(async ({ request }) => {
  await resetMock(request);
});

/** Collects the device uuids sent by bulk requests of one action. */
function captureBulk(page: Page, action: string) {
  const sent: string[] = [];
  const requests: Request[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (r.method() === 'POST' && u.pathname === `/api/v1/dm/bulk/devices/${action}`) {
      requests.push(r);
      sent.push(...u.searchParams.getAll('deviceUuids'));
    }
  });
  return { sent, requests };
}

test('"Select all N matching" with a filter acts on exactly the matching devices, in several requests', async ({ page, request }) => {
  const active = await apiDevices(request, 'ACTIVE');
  const term = 'galaxy';
  const matching = active.filter((d) => deviceCells(d).some((c) => c.toLowerCase().includes(term)));
  expect(matching.length).toBeGreaterThan(150);
  await signInAsAdmin(page, '/devices');
  await page.getByLabel('Search').fill(term);
  await expect(showing(page)).toHaveText(`Showing 1–50 of ${matching.length}`);

  await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
  const bar = page.getByRole('region', { name: 'Selection' });
  await expect(bar.getByRole('status')).toHaveText('50 selected');
  await bar.getByRole('button', { name: `Select all ${matching.length} matching` }).click();
  await expect(bar.getByRole('status')).toHaveText(`All ${matching.length} matching devices selected`);

  const { sent, requests } = captureBulk(page, 'WAKEUP_DEVICE');
  await bar.getByRole('group', { name: 'Bulk actions' }).getByRole('button', { name: 'Wake up' }).click();
  const dialog = page.getByRole('dialog', { name: `Wake up ${matching.length} devices?` });
  await dialog.getByRole('button', { name: `Wake up ${matching.length} devices` }).click();
  const result = page.getByRole('dialog', { name: /result$/ });
  await expect(result.getByRole('status').first()).toHaveText(`${matching.length} devices: ${matching.length} succeeded.`);
  expect(new Set(sent)).toEqual(new Set(matching.map((d) => d.uuid)));
  expect(sent.length).toBe(matching.length);
  expect(requests.length).toBeGreaterThan(1);
  for (const r of requests) expect(r.url().length).toBeLessThan(8192);
  await result.getByRole('button', { name: 'Close' }).click();
  await expect(bar).toBeHidden();
  const log = await deviceLog(request, matching[0].uuid);
  expect(log.some((e: any) => /wake/i.test(e.action))).toBe(true);
});

test('changing the filter clears an explicit selection, visibly', async ({ page }) => {
  await signInAsAdmin(page, '/devices');
  const rows = page.getByRole('table', { name: 'Devices' }).getByRole('checkbox', { name: /^Select (?!all)/ });
  await rows.nth(0).check();
  await rows.nth(3).check();
  const bar = page.getByRole('region', { name: 'Selection' });
  await expect(bar.getByRole('status')).toHaveText('2 selected');
  // Paging keeps it.
  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(bar.getByRole('status')).toHaveText('2 selected');
  await page.getByLabel('Search').fill('ios');
  await expect(bar.getByRole('status')).toHaveText('Selection of 2 cleared because the filter or the data changed.');
});

test('bulk wipe demands typing the count and wipes exactly the selected devices', async ({ page, request }) => {
  const active = await apiDevices(request, 'ACTIVE');
  await signInAsAdmin(page, '/devices');
  const table = page.getByRole('table', { name: 'Devices' });
  const picked = active.slice(0, 3);
  for (const d of picked) await table.getByRole('checkbox', { name: `Select ${d.name}` }).check();
  const { sent } = captureBulk(page, 'WIPE');
  await page.getByRole('group', { name: 'Bulk actions' }).getByRole('button', { name: 'Wipe' }).click();
  const dialog = page.getByRole('dialog', { name: 'Wipe 3 devices?' });
  const confirm = dialog.getByRole('button', { name: 'Wipe 3 devices' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Type 3 to confirm').fill('3');
  await confirm.click();
  await expect(page.getByRole('dialog', { name: /result$/ }).getByRole('status').first()).toHaveText('3 devices: 3 succeeded.');
  expect(new Set(sent)).toEqual(new Set(picked.map((d) => d.uuid)));
  for (const d of picked) {
    const { body } = await apiGet(request, `/api/v1/dm/devices/${d.uuid}`);
    expect(body.device.status).toBe('WIPED');
  }
  const wiped = await apiDevices(request, 'WIPED');
  expect(wiped.map((d) => d.uuid)).toEqual(expect.arrayContaining(picked.map((d) => d.uuid)));
  // After closing, the list reloads: the wiped devices are gone from Active.
  await page.getByRole('dialog', { name: /result$/ }).getByRole('button', { name: 'Close' }).click();
  await expect(showing(page)).toHaveText(`Showing 1–50 of ${active.length - 3}`);
});

test('bulk unlock lists each device’s passcode; send message needs a subject for email', async ({ page, request }) => {
  const active = await apiDevices(request, 'ACTIVE');
  await signInAsAdmin(page, '/devices');
  const table = page.getByRole('table', { name: 'Devices' });
  const picked = active.slice(5, 7);
  for (const d of picked) await table.getByRole('checkbox', { name: `Select ${d.name}` }).check();
  const group = page.getByRole('group', { name: 'Bulk actions' });
  await group.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('dialog', { name: 'Unlock 2 devices?' }).getByRole('button', { name: 'Unlock 2 devices' }).click();
  const result = page.getByRole('dialog', { name: /result$/ });
  const codes = result.getByRole('table', { name: 'Unlock passcodes' });
  await expect(codes.getByRole('row')).toHaveCount(3);
  for (const d of picked) await expect(codes.getByRole('cell', { name: d.name })).toBeVisible();
  await result.getByRole('button', { name: 'Close' }).click();

  for (const d of picked) await table.getByRole('checkbox', { name: `Select ${d.name}` }).check();
  await group.getByRole('button', { name: 'Send message' }).click();
  const msg = page.getByRole('dialog', { name: 'Send a message to 2 devices' });
  await msg.getByLabel('Send as').selectOption({ label: 'Email' });
  await msg.getByLabel('Message').fill('Please return your device to IT.');
  await msg.getByRole('button', { name: 'Send' }).click();
  await expect(msg.getByText('An email needs a subject.')).toBeVisible();
  await msg.getByLabel('Subject').fill('Device return');
  await msg.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('dialog', { name: /result$/ }).getByRole('status').first()).toHaveText('2 devices: 2 succeeded.');
  for (const d of picked) {
    const log = await deviceLog(request, d.uuid);
    expect(log.some((e: any) => /message/i.test(e.action) && /Device return/.test(JSON.stringify(e)))).toBe(true);
  }
});
