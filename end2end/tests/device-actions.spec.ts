// Single-device workflow: the detail page, each action with its confirmation, and the effect
// checked through the API afterwards. Every test starts from a freshly seeded world.
import { test, expect, signInAsAdmin, apiGet, apiDevices, resetMock, deviceLog } from './support';

test.beforeEach(async ({ request }) => {
  await resetMock(request);
});

async function findDevice(request: any, pred: (d: any) => boolean, status = 'ACTIVE'): Promise<any> {
  const all = await apiDevices(request, status);
  const d = all.find(pred);
  expect(d, 'a seeded device for this test').toBeTruthy();
  return d;
}

async function apiDevice(request: any, uuid: string): Promise<any> {
  const { status, body } = await apiGet(request, `/api/v1/dm/devices/${uuid}`);
  expect(status).toBe(200);
  return body.device;
}

const android = (d: any) => /^Android/.test(d.platform) && d.phoneNumber;
const ios = (d: any) => /^iOS/.test(d.platform);

test('the detail page shows every field, decoded compliance and searchable platform details', async ({ page, request }) => {
  const d = await findDevice(request, (d) => Number(d.compliance) !== 0);
  const full = await apiDevice(request, d.uuid);
  await signInAsAdmin(page, '/devices');
  await page.getByLabel('Search').fill(d.name);
  await page.getByRole('link', { name: d.name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: d.name })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/devices/${d.uuid}$`));

  const device = page.getByRole('definition').filter({ hasText: d.uuid });
  await expect(device).toBeVisible();
  // The compliance bitmap is shown as reasons, never as a number.
  const compliance = page.getByRole('list').filter({ has: page.getByRole('listitem') }).first();
  await expect(compliance).toBeVisible();
  const bits = Number(d.compliance);
  if (bits & 0x20) await expect(page.getByText('Out of contact')).toBeVisible();
  if (bits & 0x10) await expect(page.getByText('Policy out of date')).toBeVisible();
  if (bits & 0x01) await expect(page.getByText('Device compromised')).toBeVisible();

  await page.getByRole('tab', { name: 'Platform details' }).click();
  await expect(page.getByRole('tab', { name: 'Platform details' })).toHaveAttribute('aria-selected', 'true');
  const entries: any[] = [].concat(...[].concat(full.details).map((b: any) => [].concat(b.entry)));
  await expect(page.getByRole('status').filter({ hasText: `of ${entries.length} entries` })).toBeVisible();
  const key = entries.find((e) => e.key && e.value)!;
  await page.getByLabel('Filter platform details').fill(key.key);
  const table = page.getByRole('table', { name: 'Platform details' });
  await expect(table.getByRole('cell', { name: key.key, exact: true })).toBeVisible();
  // The tab is in the URL: a reload comes back to it.
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Platform details' })).toHaveAttribute('aria-selected', 'true');
});

test('lock needs a reason; unlock shows the passcode and what it means', async ({ page, request }) => {
  const d = await findDevice(request, android);
  await signInAsAdmin(page, `/devices/${d.uuid}`);
  const actions = page.getByRole('group', { name: 'Device actions' });
  await actions.getByRole('button', { name: 'Lock', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Lock ${d.name}?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(dialog.getByRole('alert')).toHaveText('A reason is required.');
  await dialog.getByLabel('Reason (required)').fill('Reported lost at the airport');
  await dialog.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(dialog).toBeHidden();
  const log = await deviceLog(request, d.uuid);
  expect(log.some((e: any) => /lock/i.test(e.action) && e.ok)).toBe(true);

  await actions.getByRole('button', { name: 'Unlock', exact: true }).click();
  const unlock = page.getByRole('dialog', { name: `Unlock ${d.name}?` });
  await unlock.getByLabel('Reason (required)').fill('Found');
  await unlock.getByRole('button', { name: 'Unlock', exact: true }).click();
  const result = page.getByRole('dialog', { name: 'Unlock passcode' });
  await expect(result).toBeVisible();
  // Android codes (EPMM V1 API guide, "Unlock a device"): Q = had a passcode (cleared), F = none, NA = failed.
  await expect(result.getByRole('listitem')).toHaveText(/^(Q|F|NA) (The device had a passcode: it has been cleared\.|The device has no passcode: nothing to clear\.|Unlocking failed\.) Copy$/);
  await result.getByRole('button', { name: 'Close' }).click();
  expect((await deviceLog(request, d.uuid)).some((e: any) => /unlock/i.test(e.action))).toBe(true);
});

test('wipe demands typing WIPE, then only retire is possible; the new state shows without a reload', async ({ page, request }) => {
  const d = await findDevice(request, android);
  await signInAsAdmin(page, `/devices/${d.uuid}`);
  const actions = page.getByRole('group', { name: 'Device actions' });
  await actions.getByRole('button', { name: 'Wipe', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Wipe ${d.name}?` });
  const confirm = dialog.getByRole('button', { name: 'Wipe', exact: true });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Type WIPE to confirm').fill('wipe');
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Type WIPE to confirm').fill('WIPE');
  await dialog.getByLabel('Reason (optional)').fill('Stolen');
  await confirm.click();
  await expect(dialog).toBeHidden();

  // Shown at once, and every action but Retire is now disabled with the reason given.
  await expect(page.getByText('Wiped', { exact: true }).first()).toBeVisible();
  await expect(actions.getByRole('button', { name: 'Lock', exact: true })).toBeDisabled();
  await expect(actions.getByText('After a wipe, the only action left is Retire.')).toBeVisible();
  expect((await apiDevice(request, d.uuid)).status).toBe('WIPED');

  await actions.getByRole('button', { name: 'Retire', exact: true }).click();
  const retire = page.getByRole('dialog', { name: `Retire ${d.name}?` });
  await retire.getByLabel('Type RETIRE to confirm').fill('RETIRE');
  await retire.getByRole('button', { name: 'Retire', exact: true }).click();
  await expect(retire).toBeHidden();
  await expect(page.getByText('Retired', { exact: true }).first()).toBeVisible();
  expect((await apiDevice(request, d.uuid)).status).toBe('RETIRED');
  await expect(actions.getByRole('button', { name: 'Retire', exact: true })).toBeDisabled();
});

test('wake up, locate now, roaming and profile re-push', async ({ page, request }) => {
  const d = await findDevice(request, (x) => ios(x) && x.phoneNumber);
  await signInAsAdmin(page, `/devices/${d.uuid}`);
  const actions = page.getByRole('group', { name: 'Device actions' });

  await actions.getByRole('button', { name: 'Wake up', exact: true }).click();
  await page.getByRole('dialog', { name: `Wake up ${d.name}?` }).getByRole('button', { name: 'Wake up', exact: true }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect.poll(async () => (await deviceLog(request, d.uuid)).some((e: any) => /wake/i.test(e.action))).toBe(true);

  await actions.getByRole('button', { name: 'Locate', exact: true }).click();
  await expect(page.getByRole('tab', { name: 'Location' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('button', { name: 'Locate now' }).click();
  await expect(page.getByRole('term').filter({ hasText: 'Captured' })).toBeVisible();
  const located = await apiGet(request, `/api/v1/dm/devices/locate/${d.uuid}`);
  expect(located.status).toBe(200);

  await actions.getByRole('button', { name: 'Roaming settings', exact: true }).click();
  const roaming = page.getByRole('dialog', { name: `Roaming on ${d.name}` });
  await roaming.getByLabel('Voice roaming').uncheck();
  await expect(roaming.getByLabel('Data roaming')).toBeDisabled();
  await roaming.getByRole('button', { name: 'Save roaming' }).click();
  await expect(roaming).toBeHidden();
  const after = await apiDevice(request, d.uuid);
  const entries: any[] = [].concat(...[].concat(after.details).map((b: any) => [].concat(b.entry)));
  expect(entries.find((e) => e.key === 'Voice Roaming Enabled')?.value).toBe('false');
  expect(entries.find((e) => e.key === 'DataRoamingEnabled')?.value).toBe('false');

  await page.getByRole('tab', { name: 'Profiles' }).click();
  await expect(page.getByRole('table', { name: 'Profiles' })).toBeVisible();
  await page.getByRole('button', { name: 'Re-push all profiles' }).click();
  await expect(page.getByText('All profiles were pushed again.')).toBeVisible();
  await expect.poll(async () => (await deviceLog(request, d.uuid)).some((e: any) => /push/i.test(e.action))).toBe(true);
});

test('roaming is offered only on iOS devices, with the reason', async ({ page, request }) => {
  const d = await findDevice(request, android);
  await signInAsAdmin(page, `/devices/${d.uuid}`);
  const actions = page.getByRole('group', { name: 'Device actions' });
  await expect(actions.getByRole('button', { name: 'Roaming settings', exact: true })).toBeDisabled();
  await expect(actions.getByText('Roaming settings can be changed only on iOS devices.')).toBeVisible();
});

test('registering a device checks the form and shows the passcode once', async ({ page, request }) => {
  await signInAsAdmin(page, '/devices');
  await page.getByRole('link', { name: 'Register a device' }).click();
  await expect(page.getByRole('heading', { name: 'Register a device' })).toBeVisible();
  await page.getByRole('button', { name: 'Register device' }).click();
  await expect(page.getByText("Enter the user's login name.")).toBeVisible();
  await expect(page.getByText('Choose the device platform.')).toBeVisible();

  await page.getByLabel('Login name').fill('e2e.newuser');
  await page.getByLabel('First name').fill('Erin');
  await page.getByLabel('Last name').fill('Newman');
  await page.getByLabel('Email', { exact: true }).fill('erin.newman@example.com');
  await page.getByLabel('Platform').selectOption({ label: 'Android' });
  await page.getByLabel('Phone number').fill('+1 415 555 0000');
  await page.getByLabel('Country').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Register device' }).click();
  await expect(page.getByText('Leave out the country code: it comes from the country.')).toBeVisible();
  await page.getByLabel('Phone number').fill('415-555-0000');
  await page.getByRole('button', { name: 'Register device' }).click();

  await expect(page.getByRole('heading', { name: 'Registration started' })).toBeVisible();
  const deviceLink = page.getByRole('definition').getByRole('link');
  const uuid = (await deviceLink.innerText()).trim();
  const d = await apiDevice(request, uuid);
  expect(d.status).toBe('VERIFICATION_PENDING');
  expect(d.principal).toBe('e2e.newuser');
});

test('related tabs show the device’s policies, app settings, user alerts and ActiveSync association', async ({ page, request }) => {
  const eas = (await apiGet(request, '/api/v1/eas/devices')).body;
  const group = eas.registeredAllowedDevices?.registeredAllowedDevice;
  const assoc = [].concat(group ?? []).find((a: any) => a.miDeviceUuid);
  expect(assoc, 'an ActiveSync association linked to a device').toBeTruthy();
  const uuid = (assoc as any).miDeviceUuid;
  const device = (await apiGet(request, `/api/v1/dm/devices/${uuid}`)).body.device;
  const count = async (path: string, container: string, item: string) => {
    const r = await apiGet(request, path);
    return r.status === 404 ? 0 : [].concat(r.body[container]?.[item] ?? []).length;
  };
  const policies = await count(`/api/v1/policies/devices/${uuid}`, 'policies', 'policy');
  const settings = await count(`/api/v1/appsettings/devices/${uuid}`, 'appsettings', 'appsetting');
  const alerts = await count(`/api/v1/alerts/users/${device.principal}`, 'alerts', 'alert');
  await signInAsAdmin(page, `/devices/${uuid}`);

  const checkTab = async (tab: string, table: string, n: number) => {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page).toHaveURL(new RegExp(`tab=${tab.toLowerCase().replace(' ', '-')}`));
    if (n === 0) {
      await expect(page.getByRole('table', { name: table }).getByRole('row')).toHaveCount(2);
    } else {
      await expect(page.getByText(new RegExp(`^Showing 1–${Math.min(n, 50)} of ${n}$`))).toBeVisible();
    }
  };
  await checkTab('Policies', 'Policies', policies);
  await checkTab('App settings', 'App settings', settings);
  await checkTab('Alerts', 'Alerts', alerts);
  await page.getByRole('tab', { name: 'ActiveSync' }).click();
  await expect(page.getByRole('region', { name: 'ActiveSync association' }).getByRole('heading', { level: 2 })).toContainText('Allowed');
  await expect(page.getByRole('table', { name: 'ActiveSync details' })).toBeVisible();
  // Keyboard: arrows move between tabs.
  await page.getByRole('tab', { name: 'ActiveSync' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Location' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: 'Location' })).toBeFocused();
});
