// ActiveSync: the associations in their groups, one association's Exchange details, and the
// block / allow / wipe actions behind confirmations (checked through the API). Only associations
// no EPMM device is linked to are changed, and blocked ones are allowed again.
import { test, expect, signInAsAdmin, apiGet, tableRows, headerTitles, showing, resetMock } from './support';

const GROUPS: [string, string, string][] = [
  ['registeredAllowedDevices', 'registered-allowed', 'Registered, allowed'],
  ['registeredBlockedDevices', 'registered-blocked', 'Registered, blocked'],
  ['unregisteredAllowedDevices', 'unregistered-allowed', 'Unregistered, allowed'],
  ['unregisteredBlockedDevices', 'unregistered-blocked', 'Unregistered, blocked'],
  ['wipedDevices', 'wiped', 'Wiped'],
];

async function apiEas(request: any): Promise<Record<string, any[]>> {
  const { body } = await apiGet(request, '/api/v1/eas/devices');
  const out: Record<string, any[]> = {};
  for (const [key] of GROUPS) {
    const inner = body[key] ?? {};
    out[key] = [].concat(Object.values(inner)[0] as any ?? []);
  }
  return out;
}

function groupOf(eas: Record<string, any[]>, uuid: string): string | undefined {
  return GROUPS.find(([key]) => eas[key].some((d) => d.uuid === uuid))?.[0];
}

test('lists the associations of every group, with a group filter', async ({ page, request }) => {
  const eas = await apiEas(request);
  const total = Object.values(eas).reduce((n, l) => n + l.length, 0);
  await signInAsAdmin(page, '/dashboard');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'ActiveSync' }).click();
  await expect(page.getByRole('table', { name: 'ActiveSync devices' })).toBeVisible();
  expect(await headerTitles(page)).toEqual(['ActiveSync device', 'User', 'Group', 'Access', 'Model', 'Platform', 'Last sync', 'Set by']);
  await expect(showing(page)).toHaveText(`Showing 1–50 of ${total}`);
  for (const [key, value, label] of GROUPS) {
    const n = eas[key].length;
    await page.getByLabel('Group').selectOption(value);
    await expect(page).toHaveURL(new RegExp(`group=${value}`));
    await expect(showing(page)).toHaveText(n === 0 ? 'Showing 0–0 of 0' : `Showing 1–${Math.min(50, n)} of ${n}`);
    const rows = await tableRows(page);
    expect(rows.every((r) => r[2] === label)).toBe(true);
    if (n > 0) expect(rows[0][0]).toBe(eas[key][0].deviceId);
  }
});

test('an association shows Exchange details; blocking and allowing it are confirmed and take effect', async ({ page, request }) => {
  const eas = await apiEas(request);
  const target = eas.unregisteredAllowedDevices[eas.unregisteredAllowedDevices.length - 1];
  expect(target).toBeTruthy();
  await signInAsAdmin(page, '/activesync?group=unregistered-allowed');
  // Block from the list: select, act, confirm.
  await page.getByRole('searchbox', { name: 'Search' }).fill(target.deviceId);
  await expect(showing(page)).toHaveText('Showing 1–1 of 1');
  await page.getByRole('checkbox', { name: `Select ${target.deviceId}` }).check();
  const bar = page.getByRole('region', { name: 'Selection' });
  await bar.getByRole('button', { name: 'Block' }).click();
  const dialog = page.getByRole('dialog', { name: `Block ${target.deviceId}?` });
  await expect(dialog).toContainText('mail already synced is removed');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(groupOf(await apiEas(request), target.uuid)).toBe('unregisteredAllowedDevices');
  await bar.getByRole('button', { name: 'Block' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Block' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'modified to BLOCK_DEVICE status' })).toBeVisible();
  await expect.poll(async () => groupOf(await apiEas(request), target.uuid)).toBe('unregisteredBlockedDevices');
  // The list follows: the device left this group.
  await expect(showing(page)).toHaveText('Showing 0–0 of 0');

  // Its page: overview, Exchange's own details, and only the actions that apply.
  await page.goto(`activesync/${target.uuid}`);
  await expect(page.getByRole('heading', { name: target.deviceId, level: 1 })).toBeVisible();
  const details = page.getByRole('table', { name: 'Exchange details' });
  await expect(details.getByRole('row', { name: /^DeviceAccessState Blocked$/ })).toBeVisible();
  await expect(details.getByRole('row', { name: /^DeviceID / })).toContainText(target.deviceId);
  const actions = page.getByRole('group', { name: 'Actions' });
  await expect(actions.getByRole('button')).toHaveText(['Allow', 'Wipe']);

  // Allow it again: back where it was.
  await actions.getByRole('button', { name: 'Allow' }).click();
  await page.getByRole('dialog', { name: `Allow ${target.deviceId}?` }).getByRole('button', { name: 'Allow' }).click();
  await expect.poll(async () => groupOf(await apiEas(request), target.uuid)).toBe('unregisteredAllowedDevices');
  await expect(actions.getByRole('button')).toHaveText(['Block', 'Wipe']);
});

test('wiping needs the word WIPE typed, then moves the association to the wiped group', async ({ page, request }) => {
  const eas = await apiEas(request);
  const target = eas.unregisteredBlockedDevices[eas.unregisteredBlockedDevices.length - 1];
  expect(target).toBeTruthy();
  try {
    await wipe(page, request, target);
  } finally {
    // A wipe cannot be undone: the shared mock is regenerated as it was.
    await resetMock(request);
  }
});

async function wipe(page: any, request: any, target: any) {
  await signInAsAdmin(page, `/activesync/${target.uuid}`);
  await page.getByRole('group', { name: 'Actions' }).getByRole('button', { name: 'Wipe' }).click();
  const dialog = page.getByRole('dialog', { name: `Wipe ${target.deviceId}?` });
  await expect(dialog).toContainText('cannot be undone');
  const confirm = dialog.getByRole('button', { name: 'Wipe' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Type WIPE to confirm').fill('wipe');
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Type WIPE to confirm').fill('WIPE');
  await confirm.click();
  await expect.poll(async () => groupOf(await apiEas(request), target.uuid)).toBe('wipedDevices');
  await expect(page.getByRole('group', { name: 'Actions' }).getByRole('button')).toHaveCount(0);
}
