// Daily use (issue 19): copy buttons beside the values an admin hands on, the idle sign-out
// counting every kind of activity, and the keyboard shortcuts. Every test starts from a freshly
// seeded world. The CSV file names and "For Excel" are pinned in csv.spec.ts.
import { test, expect, signInAsAdmin, apiDevices, resetMock } from './support';
import type { Locator, Page } from '@playwright/test';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test.beforeEach(async ({ request }) => {
  await resetMock(request);
});

/** The value shown in a definition before its Copy button. */
async function shown(field: Locator): Promise<string> {
  return (await field.innerText()).replace(/\s*Copy\s*$/, '').trim();
}

/** Clicks the button, waits for "Copied" next to it, and reads the clipboard back. */
async function copy(page: Page, scope: Locator, name: string): Promise<string> {
  const button = scope.getByRole('button', { name, exact: true });
  await button.click();
  await expect(button.locator('..').getByRole('status')).toHaveText('Copied');
  return page.evaluate(() => navigator.clipboard.readText());
}

test('the device page copies its UUID, IMEI and serial number', async ({ page, request }) => {
  const d = (await apiDevices(request, 'ACTIVE')).find((d) => /^Android/.test(d.platform) && /imei/i.test(JSON.stringify(d.details)));
  expect(d, 'an active Android device with an IMEI').toBeTruthy();
  await signInAsAdmin(page, `/devices/${d.uuid}`);
  const device = page.getByRole('definition');
  const field = (name: string) => device.filter({ has: page.getByRole('button', { name, exact: true }) });
  expect(await copy(page, page.locator('body'), 'Copy UUID')).toBe(d.uuid);
  for (const name of ['Copy IMEI', 'Copy serial number']) {
    const value = await shown(field(name));
    expect(value, name).not.toBe('—');
    expect(await copy(page, page.locator('body'), name)).toBe(value);
  }
});

test('unlock and lock passcodes can be copied from their dialog', async ({ page, request }) => {
  const all = await apiDevices(request, 'ACTIVE');
  const android = all.find((d) => /^Android/.test(d.platform) && d.phoneNumber);
  const windows = all.find((d) => /^(Windows|macOS)/.test(d.platform));
  expect(android && windows, 'an Android and a Windows or macOS device').toBeTruthy();

  await signInAsAdmin(page, `/devices/${android.uuid}`);
  await page.getByRole('group', { name: 'Device actions' }).getByRole('button', { name: 'Unlock', exact: true }).click();
  const unlock = page.getByRole('dialog', { name: `Unlock ${android.name}?` });
  await unlock.getByLabel('Reason (required)').fill('Found');
  await unlock.getByRole('button', { name: 'Unlock', exact: true }).click();
  const result = page.getByRole('dialog', { name: 'Unlock passcode' });
  const code = (await result.getByRole('listitem').innerText()).split(/\s/)[0];
  expect(code).toMatch(/^(Q|F|NA)$/);
  expect(await copy(page, result, 'Copy passcode')).toBe(code);
  await result.getByRole('button', { name: 'Close' }).click();

  // Windows and macOS devices get an unlock passcode when locked (V1 guide, "Lock a Device").
  await page.goto(page.url().replace(android.uuid, windows.uuid));
  await page.getByRole('group', { name: 'Device actions' }).getByRole('button', { name: 'Lock', exact: true }).click();
  const lock = page.getByRole('dialog', { name: `Lock ${windows.name}?` });
  await lock.getByLabel('Reason (required)').fill('Left in a taxi');
  await lock.getByRole('button', { name: 'Lock', exact: true }).click();
  const answer = page.getByRole('dialog', { name: 'Unlock passcode' });
  await expect(answer).toContainText('The device can be unlocked with this passcode:');
  const passcode = await copy(page, answer, 'Copy passcode');
  expect(passcode).toMatch(/^\d{6}$/);
  await expect(answer).toContainText(passcode);
});

test('the registration passcode and URL can be copied', async ({ page }) => {
  await signInAsAdmin(page, '/devices');
  await page.getByRole('link', { name: 'Register a device' }).click();
  await page.getByLabel('Login name').fill('e2e.copyuser');
  await page.getByLabel('First name').fill('Céline');
  await page.getByLabel('Last name').fill('Copier');
  await page.getByLabel('Email', { exact: true }).fill('celine.copier@example.com');
  await page.getByLabel('Platform').selectOption({ label: 'Android' });
  await page.getByLabel('Phone number').fill('415-555-0101');
  await page.getByLabel('Country').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Register device' }).click();
  await expect(page.getByRole('heading', { name: 'Registration started' })).toBeVisible();
  const field = (name: string) => page.getByRole('definition').filter({ has: page.getByRole('button', { name, exact: true }) });
  for (const name of ['Copy registration passcode', 'Copy registration URL']) {
    const value = await shown(field(name));
    expect(value, name).not.toBe('');
    expect(await copy(page, field(name), name)).toBe(value);
  }
});

test('where the browser offers no clipboard, Copy says so instead of failing', async ({ page, request }) => {
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }));
  const d = (await apiDevices(request, 'ACTIVE'))[0];
  await signInAsAdmin(page, `/devices/${d.uuid}`);
  const button = page.getByRole('button', { name: 'Copy UUID' });
  await button.click();
  await expect(button.locator('..').getByRole('status')).toHaveText('Could not copy');
});

/**
 * Does `act`, then waits until the page has handled the `type` event it causes: input reaches the
 * page asynchronously, and the fake clock must not move on before the portal has seen it (its
 * listeners are on the document, so they run before this one on the window).
 */
async function handled(page: Page, type: string, act: () => Promise<unknown>) {
  await page.evaluate((t) => {
    (window as any).__handled = new Promise<void>((r) => window.addEventListener(t, () => r(), { once: true }));
  }, type);
  await act();
  await page.evaluate(() => (window as any).__handled);
}

test('scrolling, the wheel and moving the pointer keep the session; idleness still ends it', async ({ page }) => {
  await page.route('**/config.json', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: { ...(await response.json()), idleTimeoutMinutes: 1 } });
  });
  await page.clock.install();
  await signInAsAdmin(page, '/devices');
  await expect(page.getByRole('table', { name: 'Devices' }).getByRole('row').nth(20)).toBeVisible();
  const main = page.getByRole('navigation', { name: 'Main' });
  // Each gap is shorter than the minute, the whole longer: every kind of activity must count.
  await page.clock.fastForward('00:50');
  await handled(page, 'pointermove', async () => {
    await page.mouse.move(300, 400);
    await page.mouse.move(320, 420, { steps: 3 });
  });
  await page.clock.fastForward('00:50');
  await expect(main).toBeVisible();
  await handled(page, 'wheel', () => page.mouse.wheel(0, 300));
  await page.clock.fastForward('00:50');
  await expect(main).toBeVisible();
  await handled(page, 'scroll', () => page.evaluate(() => window.scrollTo(0, window.scrollY > 100 ? 0 : 200)));
  await page.clock.fastForward('00:50');
  await expect(main).toBeVisible();
  // Then nothing at all: signed out after the minute.
  await page.clock.fastForward('01:30');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByText('You were signed out after 1 minute without activity.')).toBeVisible();
});

test('"/" focuses the list search, "?" lists the shortcuts and Escape returns the focus', async ({ page }) => {
  await signInAsAdmin(page, '/devices');
  const search = page.getByLabel('Search');
  await page.keyboard.press('/');
  await expect(search).toBeFocused();
  // In a field "/" and "?" are typed, not taken as shortcuts.
  await page.keyboard.type('a/b?');
  await expect(search).toHaveValue('a/b?');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await search.fill('');

  const csv = page.getByRole('button', { name: 'Download CSV' });
  await csv.focus();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.getByRole('term')).toHaveText(['/', '?', 'Escape']);
  await expect(help).toContainText('Search the current list');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(csv).toBeFocused();
  // With Ctrl held "/" is the browser's, not ours.
  await page.keyboard.press('Control+/');
  await expect(search).not.toBeFocused();
});
