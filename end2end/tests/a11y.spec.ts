// Accessibility (issue 8): an axe-core audit of every screen and of the main dialogs, with zero
// serious or critical violations allowed (WCAG 2.0/2.1 A and AA, plus axe's best practices), and a
// keyboard-only walk through the main devices workflow.
//
// axe is injected with Playwright's evaluate (DevTools protocol), which the page's strict CSP does
// not apply to; the auto fixture in support.ts would fail a test on any CSP report anyway.
// Every violation of any impact is printed (rule, impact, targets); the last test prints the figure
// "axe: N screens audited, S serious/critical, M moderate/minor".
import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { test, expect, signIn, signInAsAdmin, apiGet, apiDevices, showing, resetMock, ADMIN, SELF_SERVICE } from './support';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const BLOCKING = new Set(['serious', 'critical']);

interface Audited {
  screen: string;
  blocking: number;
  other: number;
}
const audited: Audited[] = [];

/** Waits until no part of the screen says it is loading. */
async function settled(page: Page) {
  await expect(page.getByRole('status').filter({ hasText: /^Loading/ })).toHaveCount(0, { timeout: 20_000 });
}

/**
 * Runs axe on the page (or on one dialog), prints every violation and fails, softly so that the
 * other screens are audited too, on any serious or critical one.
 */
async function audit(page: Page, screen: string, within?: Locator) {
  await settled(page);
  let builder = new AxeBuilder({ page }).withTags(TAGS);
  if (within) {
    // A modal dialog: the page behind it is inert for the user, only the dialog is audited.
    await expect(within).toBeVisible();
    const handle = await within.elementHandle();
    const marker = `a11y-${audited.length}`;
    await handle!.evaluate((el, m) => el.setAttribute('data-a11y-audit', m), marker);
    builder = builder.include(`[data-a11y-audit="${marker}"]`);
  }
  const results = await builder.analyze();
  let blocking = 0;
  let other = 0;
  const lines: string[] = [];
  for (const v of results.violations) {
    const n = v.nodes.length;
    if (BLOCKING.has(v.impact ?? '')) blocking += n;
    else other += n;
    lines.push(`  [${v.impact}] ${v.id} (${n}): ${v.help}`);
    for (const node of v.nodes.slice(0, 8)) {
      lines.push(`      ${node.target.join(' ')}${node.failureSummary ? ' — ' + node.failureSummary.replace(/\s+/g, ' ').slice(0, 200) : ''}`);
    }
    if (n > 8) lines.push(`      … and ${n - 8} more`);
  }
  audited.push({ screen, blocking, other });
  // "Needs review" results (axe could not decide, e.g. contrast over a gradient) are counted, not failed.
  const checked = `${results.passes.length} rules passed, ${results.incomplete.length} to review`;
  console.log(`axe ${screen}: ${blocking} serious/critical, ${other} moderate/minor (${checked})${lines.length ? '\n' + lines.join('\n') : ''}`);
  const summary = results.violations
    .filter((v) => BLOCKING.has(v.impact ?? ''))
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect.soft(summary, `${screen}: serious or critical axe violations`).toEqual([]);
}

/** Ids and names of real records, straight from the API. */
async function world(request: APIRequestContext) {
  const device = (await apiDevices(request, 'ACTIVE')).find((d) => /^Android/.test(d.platform))!;
  const labels: any[] = [].concat((await apiGet(request, '/api/v1/dm/labels')).body.labels.label);
  const label = labels.find((l) => l.deviceCount > 0 && l.deviceCount < 200) ?? labels.find((l) => l.deviceCount > 0);
  const policy = [].concat((await apiGet(request, '/api/v1/policies')).body.policies.policy)[0] as any;
  const eas = (await apiGet(request, '/api/v1/eas/devices')).body;
  const jdoe = (await apiGet(request, '/api/v1/sm/users/jdoe')).body.user;
  return { device, label, policy, eas, jdoe };
}

type World = Awaited<ReturnType<typeof world>>;

const h1 = (name: string | RegExp) => (page: Page) => page.getByRole('heading', { name, level: 1 });

test.beforeAll(async ({ request }) => {
  await resetMock(request);
  await request.post('/_mock/v2/reset');
});

async function signInScreens(page: Page) {
  await page.goto('sign-in');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await audit(page, 'sign-in');
  // With an error shown.
  await page.getByLabel('Username').fill(ADMIN.user);
  await page.getByLabel('Password').fill('wrong-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toBeVisible();
  await audit(page, 'sign-in (failed)');
  await page.emulateMedia({ colorScheme: 'dark' });
  await audit(page, 'sign-in (failed, dark)');
  await page.emulateMedia({ colorScheme: 'light' });
}

async function adminScreens(page: Page, w: World, scheme = '') {
  const easUuid = (() => {
    for (const group of Object.values(w.eas ?? {})) {
      const list: any[] = [].concat((Object.values(group ?? {})[0] as any) ?? []);
      if (list.length && list[0].uuid) return list[0].uuid as string;
    }
    return undefined;
  })();
  const screens: { name: string; path: string; ready: (page: Page) => Locator }[] = [
    { name: 'dashboard', path: 'dashboard', ready: (p) => p.getByRole('img', { name: /^Devices by status, / }) },
    { name: 'devices', path: 'devices', ready: showing },
    { name: 'devices/register', path: 'devices/register', ready: h1(/register/i) },
    { name: 'labels', path: 'labels', ready: showing },
    { name: "a label's devices", path: `labels/${encodeURIComponent(w.label.name)}`, ready: showing },
    { name: 'policies', path: 'policies', ready: showing },
    { name: 'a policy', path: `policies/${w.policy.id}`, ready: h1(w.policy.policyName ?? w.policy.name) },
    { name: 'app-settings', path: 'app-settings', ready: showing },
    { name: 'alerts', path: 'alerts', ready: showing },
    { name: 'activesync', path: 'activesync', ready: showing },
    ...(easUuid ? [{ name: 'an activesync device', path: `activesync/${easUuid}`, ready: (p: Page) => p.getByRole('heading', { level: 1 }) }] : []),
    { name: 'users', path: 'users', ready: h1('Users') },
    { name: 'a user', path: 'users/jdoe', ready: h1(w.jdoe.displayName) },
    { name: 'certificates', path: 'certificates?ce=LocalCE', ready: showing },
    { name: 'certificates/users-without', path: 'certificates/users-without?ce=11', ready: showing },
    { name: 'certificates/users', path: 'certificates/users', ready: (p) => p.getByRole('heading', { level: 1 }) },
    { name: "a user's certificates", path: 'certificates/users/jdoe', ready: (p) => p.getByRole('heading', { level: 1 }) },
    { name: 'certificates/configurations', path: 'certificates/configurations', ready: (p) => p.getByRole('link', { name: 'Test Scep' }) },
  ];
  expect(easUuid, 'a seeded ActiveSync association').toBeTruthy();
  for (const s of screens) {
    await page.goto(s.path);
    await expect(s.ready(page).first(), s.name).toBeVisible({ timeout: 20_000 });
    await audit(page, s.name + scheme);
  }
  // One configuration, reached from the list.
  await page.goto('certificates/configurations');
  await page.getByRole('link', { name: 'Test Scep' }).click();
  await expect(h1('Test Scep')(page)).toBeVisible();
  await audit(page, 'a certificate configuration' + scheme);
}

async function deviceTabs(page: Page, w: World) {
  await page.goto(`devices/${w.device.uuid}`);
  await expect(h1(w.device.name)(page)).toBeVisible();
  const tabs = page.getByRole('tab');
  const names = await tabs.allInnerTexts();
  expect(names.length).toBeGreaterThan(5);
  for (const name of names) {
    await page.getByRole('tab', { name: name.trim(), exact: true }).click();
    await expect(page.getByRole('tab', { name: name.trim(), exact: true })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tabpanel')).toBeVisible();
    await audit(page, `device page, tab ${name.trim()}`);
  }
}

async function adminDialogs(page: Page, w: World) {
  await page.goto(`devices/${w.device.uuid}`);
  await page.getByRole('group', { name: 'Device actions' }).getByRole('button', { name: 'Lock', exact: true }).click();
  const lock = page.getByRole('dialog', { name: `Lock ${w.device.name}?` });
  await audit(page, 'dialog: device action confirmation', lock);
  // With the "reason required" error shown.
  await lock.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(lock.getByRole('alert')).toBeVisible();
  await audit(page, 'dialog: device action confirmation (error)', lock);
  await lock.getByRole('button', { name: 'Cancel' }).click();

  await page.goto('devices');
  await expect(showing(page)).toBeVisible();
  const rows = page.getByRole('table', { name: 'Devices' }).getByRole('checkbox', { name: /^Select (?!all)/ });
  await rows.nth(0).check();
  await rows.nth(1).check();
  const bar = page.getByRole('region', { name: 'Selection' });
  await audit(page, 'devices with a selection');
  await bar.getByRole('group', { name: 'Bulk actions' }).getByRole('button', { name: 'Retire' }).click();
  const bulk = page.getByRole('dialog', { name: /^Retire 2 devices\?$/ });
  await audit(page, 'dialog: bulk action', bulk);
  await bulk.getByRole('button', { name: 'Cancel' }).click();
  await expect(bulk).toHaveCount(0);
  await bar.getByRole('group', { name: 'Bulk actions' }).getByRole('button', { name: 'Send message' }).click();
  const message = page.getByRole('dialog', { name: 'Send a message to 2 devices' });
  await audit(page, 'dialog: bulk message', message);
  await page.keyboard.press('Escape');
  await expect(message).toHaveCount(0);

  await page.getByRole('button', { name: 'Columns' }).click();
  const chooser = page.getByRole('group', { name: 'Choose columns' });
  await expect(chooser).toBeVisible();
  await audit(page, 'devices, column chooser open');
  await chooser.getByRole('button', { name: 'Close' }).click();

  await page.goto('certificates?ce=LocalCE');
  const certs = page.getByRole('table', { name: 'Certificates' });
  await certs.getByRole('row').nth(1).getByRole('link').first().click();
  const drawer = page.getByRole('dialog', { name: /^Certificate / });
  await audit(page, 'certificates, a certificate drawer');
  await page.keyboard.press('Escape');
  await expect(drawer).toHaveCount(0);
}

/** The dark palette (prefers-color-scheme: dark): every admin screen, a device page and a dialog. */
async function darkScheme(page: Page, w: World) {
  await page.emulateMedia({ colorScheme: 'dark' });
  try {
    await adminScreens(page, w, ' (dark)');
    await page.goto(`devices/${w.device.uuid}`);
    await expect(h1(w.device.name)(page)).toBeVisible();
    await audit(page, 'a device (dark)');
    await page.getByRole('group', { name: 'Device actions' }).getByRole('button', { name: 'Wipe', exact: true }).click();
    const wipe = page.getByRole('dialog', { name: `Wipe ${w.device.name}?` });
    await audit(page, 'dialog: wipe confirmation (dark)', wipe);
    await page.keyboard.press('Escape');
    await expect(wipe).toHaveCount(0);
  } finally {
    await page.emulateMedia({ colorScheme: 'light' });
  }
}

async function selfService(page: Page) {
  await signIn(page, SELF_SERVICE, '/self-service');
  await expect(page.getByRole('heading', { name: 'My certificates', level: 1 })).toBeVisible();
  await expect(page.getByRole('article').first()).toBeVisible();
  await audit(page, 'self-service');
  await page.getByRole('button', { name: 'Upload certificate' }).first().click();
  const dialog = page.getByRole('dialog', { name: /^Upload certificate for / });
  await audit(page, 'dialog: certificate upload', dialog);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await page.emulateMedia({ colorScheme: 'dark' });
  await audit(page, 'self-service (dark)');
  await page.emulateMedia({ colorScheme: 'light' });
}

test('axe: every screen and the main dialogs have no serious or critical violations', async ({ page, request }) => {
  test.setTimeout(360_000);
  const w = await world(request);
  await test.step('sign-in', () => signInScreens(page));
  await signInAsAdmin(page, '/dashboard');
  await test.step('admin screens', () => adminScreens(page, w));
  await test.step('device page tabs', () => deviceTabs(page, w));
  await test.step('admin dialogs', () => adminDialogs(page, w));
  await test.step('dark colour scheme', () => darkScheme(page, w));
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await test.step('self-service', () => selfService(page));
  const blocking = audited.reduce((n, a) => n + a.blocking, 0);
  const other = audited.reduce((n, a) => n + a.other, 0);
  console.log(`axe: ${audited.length} screens audited, ${blocking} serious/critical, ${other} moderate/minor`);
});

/** Presses Tab (or Shift+Tab) until `target` has the focus; only the keyboard acts. */
async function tabTo(page: Page, target: Locator, back = false, max = 200) {
  const key = back ? 'Shift+Tab' : 'Tab';
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) break;
    await page.keyboard.press(key);
  }
  await expect(target).toBeFocused();
}

test('keyboard only: sign in, find, sort, page, select, bulk dialog, a device and its action', async ({ page, request }) => {
  test.setTimeout(120_000);
  await resetMock(request);
  await page.goto('sign-in');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await page.keyboard.press('Tab');
  await expect(skip).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Username')).toBeFocused();
  await page.keyboard.type(ADMIN.user);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password')).toBeFocused();
  await page.keyboard.type(ADMIN.password);
  await page.keyboard.press('Enter');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav).toBeVisible();
  await expect(page).toHaveURL(/\/dashboard$/);

  // From the navigation to Devices.
  const devicesLink = nav.getByRole('link', { name: 'Devices' });
  await tabTo(page, devicesLink);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Devices', level: 1 })).toBeVisible();
  await expect(showing(page)).toBeVisible();
  await expect(page).toHaveURL(/\/devices$/);

  // "Skip to content" jumps over the navigation: the next Tab is in the screen's content.
  await tabTo(page, skip, true);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/devices$/);
  await expect(page.getByRole('main')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Register a device' })).toBeFocused();

  // Search.
  const search = page.getByRole('searchbox', { name: 'Search' });
  await tabTo(page, search);
  await page.keyboard.type('galaxy');
  await expect(showing(page)).toHaveText(/^Showing 1–50 of \d+$/);
  await expect(page).toHaveURL(/q=galaxy/);

  // Sort by a column header (Enter, then Space for the other direction).
  const table = page.getByRole('table', { name: 'Devices' });
  const nameHeader = table.getByRole('columnheader', { name: /^Name/ });
  const sortByName = nameHeader.getByRole('button');
  await tabTo(page, sortByName);
  await page.keyboard.press('Enter');
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  await page.keyboard.press('Space');
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(sortByName).toBeFocused();

  // The column chooser: open, move a column, close with Escape (the focus comes back each time).
  const columns = page.getByRole('button', { name: 'Columns' });
  await tabTo(page, columns, true);
  await page.keyboard.press('Enter');
  const chooser = page.getByRole('group', { name: 'Choose columns' });
  await expect(chooser).toBeVisible();
  const moveDown = chooser.getByRole('button', { name: 'Move Name down' });
  await tabTo(page, moveDown);
  await page.keyboard.press('Enter');
  await expect(table.getByRole('columnheader').nth(2)).toHaveText(/^Name/);
  await expect(moveDown).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(table.getByRole('columnheader').nth(1)).toHaveText(/^Name/);
  await expect(chooser.getByRole('button', { name: 'Move Name up' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(chooser).toHaveCount(0);
  await expect(columns).toBeFocused();

  // Next page.
  const next = page.getByRole('button', { name: 'Next page' });
  await tabTo(page, next);
  await page.keyboard.press('Enter');
  await expect(showing(page)).toHaveText(/^Showing 51–100 of \d+$/);
  await expect(next).toBeFocused();

  // Select a row (back up from the pager to the last row's checkbox), then a bulk action.
  const rowBoxes = table.getByRole('checkbox', { name: /^Select (?!all)/ });
  const last = rowBoxes.last();
  await tabTo(page, last, true);
  await page.keyboard.press('Space');
  await expect(last).toBeChecked();
  const bar = page.getByRole('region', { name: 'Selection' });
  await expect(bar.getByRole('status')).toHaveText('1 selected');
  const wake = bar.getByRole('group', { name: 'Bulk actions' }).getByRole('button', { name: 'Wake up' });
  await tabTo(page, wake, true);
  await page.keyboard.press('Enter');
  const bulk = page.getByRole('dialog', { name: /^Wake up / });
  await expect(bulk).toBeVisible();
  await expect(bulk.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(bulk).toHaveCount(0);
  await expect(wake).toBeFocused();

  // Open a device from its row.
  const firstLink = table.getByRole('link').first();
  const deviceName = (await firstLink.innerText()).trim();
  await tabTo(page, firstLink);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: deviceName, level: 1 })).toBeVisible();

  // A device action's confirmation, cancelled with Escape.
  const lock = page.getByRole('group', { name: 'Device actions' }).getByRole('button', { name: 'Lock', exact: true });
  await tabTo(page, lock);
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('dialog', { name: `Lock ${deviceName}?` });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByLabel('Reason (required)')).toBeFocused();
  // Focus stays in the dialog.
  for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
  expect(await confirm.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(lock).toBeFocused();
  // The same with the Cancel button.
  await page.keyboard.press('Enter');
  await expect(confirm).toBeVisible();
  await tabTo(page, confirm.getByRole('button', { name: 'Cancel' }));
  await page.keyboard.press('Enter');
  await expect(confirm).toHaveCount(0);
  await expect(lock).toBeFocused();

  // Tabs: arrow keys move between them.
  const overview = page.getByRole('tab', { name: 'Overview' });
  await tabTo(page, overview);
  await page.keyboard.press('ArrowRight');
  const details = page.getByRole('tab', { name: 'Platform details' });
  await expect(details).toBeFocused();
  await expect(details).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowLeft');
  await expect(overview).toBeFocused();
  await expect(overview).toHaveAttribute('aria-selected', 'true');
});
