// Hardening against a failing server (issue 8): every screen, for every kind of failure the mock
// can inject (`POST /_mock/faults`, see mock-server --help), shows a clear message in an alert and a
// "Retry" button; once the server is well again, Retry loads the data without reloading the page.
// A 401 anywhere returns to the sign-in screen with a message; forms keep what was typed after a
// failed submit; leaving a screen while its requests are in flight never panics. The auto fixture
// in support.ts fails any test on a page error, a wasm panic, a CSP violation or a dialog.
//
// Faults are set after signing in (the sign-in check is an API call too) and always cleared in
// `finally`/`afterEach`: the mock is shared by every test.
import { test, expect, localDeviceOwner, signIn, signInAsAdmin, apiGet, apiDevices, showing, resetMock, setFaults, rel, ADMIN, SELF_SERVICE } from './support';
import type { APIRequestContext, Locator, Page } from '@playwright/test';

interface Screen {
  name: string;
  /** Relative to the portal's base (`devices`, not `/devices`). */
  path: string;
  /** Visible once the screen's data has loaded. */
  ready: (page: Page) => Locator;
  /** A 404 here means "there is no such thing" (detail screens); elsewhere it is an empty list. */
  notFound?: boolean;
  /** What the user does on the screen before the data is asked for (a lookup form). */
  act?: (page: Page) => Promise<void>;
  self?: boolean;
  /**
   * The faults go to these paths only: the certificate platform's screens, whose requests through
   * nginx pass the admin check on the MDM server's API first (a fault there is nginx's to answer).
   */
  faultPaths?: string;
}

/** The faults of a kind, for a screen. */
function faultsFor(s: Screen, faults: Record<string, unknown>): Record<string, unknown> {
  return s.faultPaths ? { ...faults, paths: s.faultPaths } : faults;
}

interface Kind {
  name: string;
  faults: Record<string, unknown>;
  /** What the message must say (besides being a readable sentence). */
  says: RegExp;
}

const KINDS: Kind[] = [
  { name: 'HTTP 500', faults: { status: 500 }, says: /server had a problem.*HTTP 500/i },
  { name: 'HTML error page (502)', faults: { htmlError: true }, says: /HTTP 502/ },
  { name: 'HTTP 503', faults: { status: 503 }, says: /HTTP 503|unavailable/i },
  { name: 'HTTP 429 with Retry-After', faults: { status: 429, retryAfter: 7 }, says: /busy.*7 s/i },
  { name: 'HTTP 403', faults: { status: 403 }, says: /not allowed|denied/i },
  { name: 'malformed JSON', faults: { malformed: true }, says: /cannot read/i },
  // Through nginx a dropped upstream connection reaches the browser as nginx's own 502 page.
  { name: 'dropped connection', faults: { drop: true }, says: /could not reach the server|connection|HTTP 502/i },
  // The status, the headers and half the body, then the connection breaks: long lists are read
  // while they arrive, and the devices already read must not be shown as if they were all.
  { name: 'answer cut off mid-transfer', faults: { cutOff: true }, says: /connection broke off before the answer was complete|HTTP 502/i },
];

/** Ids and names of real records, straight from the API. */
async function world(request: APIRequestContext) {
  const device = (await apiDevices(request, 'ACTIVE'))[0];
  const labels: any[] = [].concat((await apiGet(request, '/api/v1/dm/labels')).body.labels.label);
  const label = labels.find((l) => l.deviceCount > 0 && l.deviceCount < 200) ?? labels.find((l) => l.deviceCount > 0);
  const policy = [].concat((await apiGet(request, '/api/v1/policies')).body.policies.policy)[0] as any;
  const jdoe = (await apiGet(request, '/api/v1/sm/users/jdoe')).body.user;
  return { device, label, policy, jdoe };
}

function screens(w: Awaited<ReturnType<typeof world>>): Screen[] {
  const h1 = (name: string) => (page: Page) => page.getByRole('heading', { name, level: 1, exact: true });
  return [
    { name: 'Dashboard', path: 'dashboard', ready: (p) => p.getByRole('img', { name: /^Devices by status, / }) },
    { name: 'Devices', path: 'devices', ready: showing },
    { name: 'Device page', path: `devices/${w.device.uuid}`, ready: h1(w.device.name), notFound: true },
    { name: 'Labels', path: 'labels', ready: showing },
    { name: "A label's devices", path: `labels/${encodeURIComponent(w.label.name)}`, ready: showing },
    { name: 'Policies', path: 'policies', ready: showing },
    { name: 'Policy page', path: `policies/${w.policy.id}`, ready: h1(w.policy.policyName ?? w.policy.name), notFound: true },
    { name: 'App settings', path: 'app-settings', ready: showing },
    { name: 'Alerts', path: 'alerts', ready: showing },
    { name: 'ActiveSync', path: 'activesync', ready: showing },
    {
      name: 'Users (find)',
      path: 'users',
      act: async (page) => {
        await page.getByLabel('Username or email').fill('jdoe');
        await page.getByRole('button', { name: 'Find' }).click();
      },
      ready: h1(w.jdoe.displayName),
    },
    { name: 'User page', path: 'users/jdoe', ready: h1(w.jdoe.displayName), notFound: true },
    { name: 'Certificates', path: 'certificates?ce=LocalCE', ready: showing },
    { name: 'Users without certificates', path: 'certificates/users-without?ce=11', ready: showing },
    { name: 'SCEP profiles', path: 'certificates/scep-profiles', ready: showing, faultPaths: '/czertainly/' },
    {
      name: 'SCEP profile page',
      path: 'certificates/scep-profiles/c2f685d4-6a3e-11ec-90d6-0242ac120003',
      ready: h1('corporate-users'),
      notFound: true,
      faultPaths: '/czertainly/',
    },
    { name: 'My certificates (self-service)', path: 'self-service', ready: (p) => p.getByRole('article').first(), self: true },
  ];
}

/** Alerts that say something (some screens keep an empty alert region for later messages). */
function messages(page: Page): Locator {
  return page.getByRole('alert').filter({ hasText: /\S/ });
}

/** Clicks "Retry" until no screen part asks for one (a screen may show several failed parts). */
async function retryAll(page: Page) {
  const retry = page.getByRole('button', { name: 'Retry', exact: true });
  for (let i = 0; i < 12; i++) {
    const n = await retry.count();
    if (n === 0) return;
    await retry.first().click();
    // The part reloads (its button goes away) before the next one is pressed.
    await expect(retry).toHaveCount(n - 1, { timeout: 5_000 }).catch(() => {});
  }
  await expect(retry).toHaveCount(0);
}

async function expectFailure(page: Page, s: Screen, k: Kind) {
  const where = `${s.name} · ${k.name}`;
  const alert = messages(page).first();
  await expect(alert, where).toBeVisible();
  await expect(messages(page).filter({ hasText: k.says }).first(), where).toBeVisible();
  const texts = await messages(page).allInnerTexts();
  for (const t of texts) {
    // A sentence for people: no markup, no parser or browser internals.
    expect(t, where).not.toMatch(/<\/?[a-z]|EOF while|line \d+ column|TypeError|JsValue|undefined|\[object/i);
  }
  await expect(page.getByRole('button', { name: 'Retry', exact: true }).first(), where).toBeVisible();
}

async function open(page: Page, s: Screen) {
  await page.goto(s.path);
  if (s.act) await s.act(page);
}

const admin = (all: Screen[]) => all.filter((s) => !s.self);

test.afterEach(async ({ request }) => {
  await setFaults(request, {});
});

test('every admin screen, for every kind of failure: a clear message, Retry, then the data without a reload', async ({ page, request }) => {
  test.setTimeout(600_000);
  const all = admin(screens(await world(request)));
  await signInAsAdmin(page, '/dashboard');
  const failed: string[] = [];
  let cases = 0;
  for (const s of all) {
    for (const k of KINDS) {
      cases++;
      await check(failed, `${s.name} · ${k.name}`, page, request, async () => {
        await setFaults(request, faultsFor(s, k.faults));
        try {
          await open(page, s);
          await expectFailure(page, s, k);
          // What the user typed stays (the lookup form).
          if (s.act) await expect(page.getByLabel('Username or email')).toHaveValue('jdoe');
        } finally {
          await setFaults(request, {});
        }
        await recovers(page, s);
      });
    }
  }
  console.log(`fault cases: ${all.length} admin screens × ${KINDS.length} kinds = ${cases}, failed ${failed.length}`);
  expect(failed, 'every case must pass').toEqual([]);
});

/** Runs one case; a failure is recorded (so one run lists them all) and the page is reset. */
async function check(failed: string[], where: string, page: Page, request: APIRequestContext, body: () => Promise<void>) {
  try {
    await body();
  } catch (e: any) {
    failed.push(`${where}: ${String(e?.message ?? e).split('\n').slice(0, 3).join(' | ')}`);
    // As it happens, so a run cut short by its time limit still says which cases failed.
    console.log(`fault case failed: ${failed[failed.length - 1]}`);
    await setFaults(request, {});
  }
}

/** After the faults are gone: Retry (no page load) brings the data and leaves no message. */
async function recovers(page: Page, s: Screen) {
  await page.evaluate(() => ((window as any).__noReload = true));
  await retryAll(page);
  await expect(s.ready(page), 'data after Retry').toBeVisible();
  await expect(messages(page), 'no message left').toHaveCount(0);
  expect(await page.evaluate(() => (window as any).__noReload), 'Retry must not reload the page').toBe(true);
}

test('the self-service page, for every kind of failure: a clear message, Retry, then the certificates', async ({ page, request }) => {
  const s = screens(await world(request)).find((x) => x.self)!;
  await signIn(page, SELF_SERVICE, '/self-service');
  await expect(s.ready(page)).toBeVisible();
  const failed: string[] = [];
  for (const k of KINDS) {
    await check(failed, `${s.name} · ${k.name}`, page, request, async () => {
      await setFaults(request, k.faults);
      try {
        await open(page, s);
        await expectFailure(page, s, k);
      } finally {
        await setFaults(request, {});
      }
      await recovers(page, s);
    });
  }
  expect(failed).toEqual([]);
});

test('a 404 where it means "not found" says so with Retry; on a list it means an empty list', async ({ page, request }) => {
  const all = admin(screens(await world(request)));
  await signInAsAdmin(page, '/dashboard');
  for (const s of all.filter((x) => x.notFound)) {
    await setFaults(request, faultsFor(s, { status: 404 }));
    try {
      await open(page, s);
      await expect(messages(page).first(), s.name).toContainText(/not found|there is no|no such/i);
      await expect(page.getByRole('button', { name: 'Retry', exact: true }).first()).toBeVisible();
    } finally {
      await setFaults(request, {});
    }
    await retryAll(page);
    await expect(s.ready(page), s.name).toBeVisible();
  }
  // A list call answered 404 is the vendor's "no data": an empty table, not an error.
  for (const path of ['devices', 'labels', 'alerts']) {
    await setFaults(request, { status: 404, paths: '/api/v1/' });
    try {
      await page.goto(path);
      await expect(showing(page)).toHaveText('Showing 0–0 of 0');
      await expect(messages(page)).toHaveCount(0);
    } finally {
      await setFaults(request, {});
    }
  }
});

test('slow answers: every screen shows that it is loading, then the data', async ({ page, request }) => {
  test.setTimeout(240_000);
  const all = screens(await world(request));
  await signInAsAdmin(page, '/dashboard');
  for (const s of all) {
    if (s.self) {
      await page.evaluate(() => sessionStorage.clear());
      await signIn(page, SELF_SERVICE, '/self-service');
      await expect(s.ready(page)).toBeVisible();
    }
    await setFaults(request, { latencyMs: 1200 });
    try {
      await open(page, s);
      await expect(page.getByRole('status').filter({ hasText: /Loading|…/ }).first(), s.name).toBeVisible();
      await expect(s.ready(page), s.name).toBeVisible({ timeout: 20_000 });
      await expect(messages(page), s.name).toHaveCount(0);
    } finally {
      await setFaults(request, {});
    }
  }
});

test('a 401 on any call returns to the sign-in screen with a message, never a browser login prompt', { tag: '@root' }, async ({ page, request }) => {
  test.setTimeout(120_000);
  // Not the certificate platform's screens: its own 401 (with its message) refuses nginx's client
  // certificate, which signing in again does not change, so the portal shows it and keeps the
  // session (backend::czertainly); nginx's 401 of the admin check, without one, signs out.
  const all = screens(await world(request)).filter((s) => !s.faultPaths);
  const challenges: string[] = [];
  page.on('response', (r) => {
    if (r.status() === 401 && r.headers()['www-authenticate']) challenges.push(r.url());
  });
  for (const s of all) {
    const who = s.self ? SELF_SERVICE : ADMIN;
    await signIn(page, who, '/' + s.path.split('?')[0]);
    if (s.act) await s.act(page);
    await expect(s.ready(page), s.name).toBeVisible();
    await setFaults(request, { status: 401 });
    try {
      await open(page, s);
      await expect(page, s.name).toHaveURL(/\/sign-in(\?|$)/);
      await expect(page.getByText(/Your session has ended|Sign in again/).first(), s.name).toBeVisible();
      await expect(page.getByLabel('Username')).toBeVisible();
    } finally {
      await setFaults(request, {});
    }
    // Signing in again leads back to the screen.
    await page.getByLabel('Username').fill(who.user);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    if (s.act) await s.act(page);
    await expect(s.ready(page), `${s.name} after signing in again`).toBeVisible();
    await page.evaluate(() => sessionStorage.clear());
  }
  expect(challenges, 'a 401 to the portal must not carry WWW-Authenticate (it opens the browser login dialog)').toEqual([]);
});

test('forms keep what was typed after a failed submit: register, password, search, alert comment', async ({ page, request }) => {
  test.setTimeout(120_000);
  try {
    await signInAsAdmin(page, '/devices/register');
    // ---- Register a device ----
    await page.getByLabel('Login name', { exact: true }).fill('e2e-faults-user');
    await page.getByLabel('First name', { exact: true }).fill('Fault');
    await page.getByLabel('Last name', { exact: true }).fill('Tester');
    await page.getByLabel('Email', { exact: true }).fill('fault.tester@example.com');
    await page.getByLabel('Platform').selectOption({ label: 'Android' });
    await page.getByLabel('No phone line (Wi-Fi only)').check();
    await page.getByLabel('Country').selectOption({ label: 'France (+33)' });
    for (const k of [KINDS[0], KINDS[1], KINDS[6]]) {
      await setFaults(request, { ...k.faults, paths: '/dm/register' });
      try {
        await page.getByRole('button', { name: 'Register device' }).click();
        await expect(messages(page).filter({ hasText: k.says }).first(), `register · ${k.name}`).toBeVisible();
      } finally {
        await setFaults(request, {});
      }
      await expect(page.getByLabel('Login name', { exact: true })).toHaveValue('e2e-faults-user');
      await expect(page.getByLabel('First name', { exact: true })).toHaveValue('Fault');
      await expect(page.getByLabel('Email', { exact: true })).toHaveValue('fault.tester@example.com');
      await expect(page.getByLabel('No phone line (Wi-Fi only)')).toBeChecked();
    }
    await page.getByRole('button', { name: 'Register device' }).click();
    await expect(page.getByRole('heading', { name: 'Registration started' })).toBeVisible();

    // ---- Change password ----
    const user = await localDeviceOwner(request);
    expect(user).not.toBe('');
    await page.goto(`users/${user}`);
    await page.getByLabel('New password', { exact: true }).fill('Faults-e2e-2026');
    await page.getByLabel('Repeat new password').fill('Faults-e2e-2026');
    await setFaults(request, { status: 500, paths: '/sm/authentication' });
    try {
      await page.getByRole('button', { name: 'Change password' }).click();
      await expect(messages(page).filter({ hasText: /HTTP 500/ }).first()).toBeVisible();
    } finally {
      await setFaults(request, {});
    }
    await expect(page.getByLabel('New password', { exact: true })).toHaveValue('Faults-e2e-2026');
    await expect(page.getByLabel('Repeat new password')).toHaveValue('Faults-e2e-2026');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Password changed successfully' })).toBeVisible();

    // ---- The search box of a list survives a failed load and the Retry ----
    await setFaults(request, { status: 503, paths: '/dm/devices' });
    try {
      await page.goto('devices');
      await expect(messages(page).first()).toBeVisible();
      await page.getByLabel('Search').fill('Pixel');
    } finally {
      await setFaults(request, {});
    }
    await page.getByRole('button', { name: 'Retry', exact: true }).click();
    await expect(page.getByLabel('Search')).toHaveValue('Pixel');
    await expect(showing(page)).toBeVisible();
    await expect(page).toHaveURL(/q=Pixel/);

    // ---- The Alerts comment dialog keeps the comment and stays open ----
    await page.goto('alerts?read=unread');
    await expect(showing(page)).toBeVisible();
    await page.getByRole('table').getByRole('checkbox').nth(1).check();
    await page.getByRole('button', { name: 'Mark read' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Comment (required)').fill('Checked by the fault test');
    for (const k of [KINDS[0], KINDS[3], KINDS[6]]) {
      await setFaults(request, { ...k.faults, paths: '/alerts' });
      try {
        await dialog.getByRole('button', { name: 'Mark read' }).click();
        await expect(dialog.getByRole('alert').filter({ hasText: k.says }), `comment · ${k.name}`).toBeVisible();
      } finally {
        await setFaults(request, {});
      }
      await expect(dialog.getByLabel('Comment (required)')).toHaveValue('Checked by the fault test');
    }
    await dialog.getByRole('button', { name: 'Mark read' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole('status').filter({ hasText: 'Marked 1 alert as read.' })).toBeVisible();
  } finally {
    await setFaults(request, {});
    await resetMock(request);
  }
});

test('the certificate upload keeps the file and the fields after a failed upload', async ({ page, request }) => {
  const r = await request.get(`/_mock/pkcs12?kind=valid&password=pw&cn=jdoe`);
  expect(r.status()).toBe(200);
  const p12 = Buffer.from(await r.body());
  try {
    await signIn(page, SELF_SERVICE, '/self-service');
    const card = page.getByRole('article').filter({ has: page.getByRole('heading', { name: 'Wi-Fi EAP-TLS identity', exact: true }) });
    await card.getByRole('button', { name: 'Upload certificate' }).click();
    const dialog = page.getByRole('dialog');
    const file = dialog.getByLabel('Certificate file');
    await file.setInputFiles({ name: 'mine.p12', mimeType: 'application/x-pkcs12', buffer: p12 });
    await dialog.getByLabel('Password').fill('pw');
    for (const k of [KINDS[0], KINDS[1], KINDS[3], KINDS[6]]) {
      await setFaults(request, { ...k.faults, paths: '/USER_PROVIDED' });
      try {
        await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
        await expect(dialog.getByRole('alert').filter({ hasText: k.says }).first(), `upload · ${k.name}`).toBeVisible();
      } finally {
        await setFaults(request, {});
      }
      await expect(dialog).toContainText('mine.p12');
      await expect(dialog.getByLabel('Password')).toHaveValue('pw');
    }
    await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
    await expect(dialog).toHaveCount(0);
    await expect(card).not.toContainText('Missing');
  } finally {
    await setFaults(request, {});
    await request.post('/_mock/v2/reset');
  }
});

test('leaving screens while their requests are slow or failing never panics', { tag: '@root' }, async ({ page, request }) => {
  const w = await world(request);
  await signInAsAdmin(page, '/dashboard');
  const nav = page.getByRole('navigation', { name: 'Main' });
  try {
    await setFaults(request, { latencyMs: 700 });
    // Through every screen, each left before its data arrives.
    for (const name of ['Devices', 'Labels', 'Policies', 'App settings', 'Certificates', 'Alerts', 'ActiveSync', 'Users', 'Dashboard']) {
      await nav.getByRole('link', { name, exact: true }).click();
      await page.waitForTimeout(150);
    }
    for (const path of [`devices/${w.device.uuid}`, `policies/${w.policy.id}`, 'users/jdoe', 'certificates/users-without?ce=11']) {
      await page.goto(path);
      await page.waitForTimeout(900);
      await nav.getByRole('link', { name: 'Labels', exact: true }).click();
    }
    // An action whose answer arrives after the page was left.
    await setFaults(request, { latencyMs: 0 });
    await page.goto(`devices/${w.device.uuid}?tab=location`);
    await expect(page.getByRole('heading', { level: 1, name: w.device.name })).toBeVisible();
    await setFaults(request, { latencyMs: 800 });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await nav.getByRole('link', { name: 'Devices', exact: true }).click();
    await page.waitForTimeout(1500);
    // Failing answers after leaving.
    await setFaults(request, { latencyMs: 600, status: 500 });
    for (const name of ['Alerts', 'Users', 'Certificates', 'Dashboard']) {
      await nav.getByRole('link', { name, exact: true }).click();
      await page.waitForTimeout(200);
    }
    await page.waitForTimeout(1500);
  } finally {
    await setFaults(request, {});
  }
  await page.goto('devices');
  await expect(showing(page)).toBeVisible();
});

test('a bulk action answered 429 waits as Retry-After says and sends the part again; it gives up after 4 tries', async ({ page, request }) => {
  await resetMock(request);
  try {
    await signInAsAdmin(page, '/devices');
    await expect(showing(page)).toBeVisible();
    const bar = page.getByRole('region', { name: 'Selection' });
    const rows = page.getByRole('table', { name: 'Devices' }).getByRole('checkbox', { name: /^Select (?!all)/ });
    await rows.nth(0).check();
    await rows.nth(1).check();
    const sent: number[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/dm/bulk/devices/WAKEUP_DEVICE')) sent.push(Date.now());
    });

    // Busy for a while, then well again: the same part goes again and succeeds.
    await setFaults(request, { status: 429, retryAfter: 1, paths: '/dm/bulk/' });
    await bar.getByRole('group', { name: 'Bulk actions' }).getByRole('button', { name: 'Wake up' }).click();
    await page.getByRole('dialog', { name: 'Wake up 2 devices?' }).getByRole('button', { name: 'Wake up 2 devices' }).click();
    const running = page.getByRole('dialog', { name: 'Wake up 2 devices' });
    await expect(running.getByRole('status')).toContainText('The server is busy: sending the next part again in 1 s');
    await setFaults(request, {});
    const result = page.getByRole('dialog', { name: /result$/ });
    await expect(result.getByRole('status').first()).toHaveText('2 devices: 2 succeeded.');
    expect(sent.length).toBeGreaterThanOrEqual(2);
    // Retry-After: 1 was honoured between tries.
    for (let i = 1; i < sent.length; i++) expect(sent[i] - sent[i - 1]).toBeGreaterThanOrEqual(900);
    await result.getByRole('button', { name: 'Close' }).click();

    // Still busy after every retry: the part is reported failed with the server's reason.
    await rows.nth(2).check();
    sent.length = 0;
    await setFaults(request, { status: 429, retryAfter: 1, paths: '/dm/bulk/' });
    await bar.getByRole('group', { name: 'Bulk actions' }).getByRole('button', { name: 'Wake up' }).click();
    await page.getByRole('dialog', { name: 'Wake up 1 device?' }).getByRole('button', { name: 'Wake up 1 device' }).click();
    const failed = page.getByRole('dialog', { name: /result$/ });
    await expect(failed.getByRole('status').first()).toHaveText('1 device: 0 succeeded, 1 not processed because a request failed.', { timeout: 15_000 });
    await expect(failed).toContainText(/server is busy/i);
    expect(sent.length).toBe(5);
  } finally {
    await setFaults(request, {});
    await resetMock(request);
  }
});
