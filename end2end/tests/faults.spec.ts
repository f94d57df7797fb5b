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
import type { APIRequestContext } from '@playwright/test';
import { type Screen, KINDS, faultsFor, h1, messages, retryAll, open, matrix } from './fault-matrix';

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
      kept: ['Username or email', 'jdoe'],
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

const admin = (all: Screen[]) => all.filter((s) => !s.self);

test.afterEach(async ({ request }) => {
  await setFaults(request, {});
});

test('every admin screen, for every kind of failure: a clear message, Retry, then the data without a reload', async ({ page, request }) => {
  test.setTimeout(600_000);
  const all = admin(screens(await world(request)));
  await signInAsAdmin(page, '/dashboard');
  const failed = await matrix(page, request, all, KINDS);
  console.log(`fault cases: ${all.length} admin screens × ${KINDS.length} kinds = ${all.length * KINDS.length}, failed ${failed.length}`);
  expect(failed, 'every case must pass').toEqual([]);
});

test('the self-service page, for every kind of failure: a clear message, Retry, then the certificates', async ({ page, request }) => {
  const s = screens(await world(request)).find((x) => x.self)!;
  await signIn(page, SELF_SERVICE, '/self-service');
  await expect(s.ready(page)).toBeVisible();
  const failed = await matrix(page, request, [s], KINDS);
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
