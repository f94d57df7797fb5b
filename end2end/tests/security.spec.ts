// Hardening (issue 8): strict CSP headers, hostile data rendered as text and neutralised in CSV,
// credentials only where they belong, the idle timeout, and a clear page for a bad config.json.
// The auto fixture (support.ts) already fails any test on a CSP violation, a dialog or a panic.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type SecureVersion } from 'node:tls';
import { test, expect, signIn, signInAsAdmin, apiGet, apiDevices, parseCsv, rel, ADMIN, SELF_SERVICE, showing, basic, setFaults } from './support';
import { MOCK_URL, MOCK_MTLS_PORT, MOCK_TLS_PORT, NGINX_HTTP_PORT, TLS_DIR } from '../playwright.config';

const HTML_FIRST = "<img src=x onerror=alert('xss-first')>";
const HTML_LAST = `"><script>alert('xss-last')</script>`;
const COMMENT = `"><svg onload=alert('xss-comment')>`;
const FORMULA = '=HYPERLINK("http://evil.example/","open") +SUM(1,1)';
const LABEL = '<i>Pilot</i> & "Friends"';
const LABEL_DESCRIPTION = '@SUM(A1:A9) -2+3 <b>bold</b>';

test('pages and API answers carry a strict Content-Security-Policy', { tag: '@root' }, async ({ request, baseURL }) => {
  for (const path of [baseURL!, new URL('devices/abc', baseURL).href, new URL('config.json', baseURL).href]) {
    const r = await request.get(path);
    expect(r.status(), path).toBe(200);
    const csp = r.headers()['content-security-policy'];
    expect(csp, path).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toMatch(/'unsafe-eval'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(r.headers()['x-content-type-options']).toBe('nosniff');
  }
  // index.html and config.json are revalidated; hashed assets are cached for good.
  const index = await request.get(baseURL!);
  expect(index.headers()['cache-control']).toBe('no-cache');
  const html = await index.text();
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  const wasm = html.match(/href="([^"]+_bg\.wasm)"/)![1];
  const asset = await request.get(new URL(wasm, baseURL).href, { headers: { 'Accept-Encoding': 'br' } });
  expect(asset.headers()['cache-control']).toContain('immutable');
  expect(asset.headers()['content-type']).toBe('application/wasm');
  expect(asset.headers()['content-encoding']).toBe('br');
  const api = await request.get('/api/v1/dm/labels');
  expect(api.headers()['content-security-policy']).toContain("default-src 'self'");
});

test('hostile names render as text everywhere, and CSV files neutralise formulas', async ({ page, request }) => {
  const active = await apiDevices(request, 'ACTIVE');
  const html = active.find((d) => d.userDisplayName === `${HTML_FIRST} ${HTML_LAST}`);
  const formula = active.find((d) => d.userDisplayName === FORMULA);
  expect(html && formula, 'the seeded payload users').toBeTruthy();

  await signInAsAdmin(page, `/devices?cols=name,user,display_name&q=${html.principal}`);
  const table = page.getByRole('table', { name: 'Devices' });
  await expect(table.getByRole('cell', { name: `${HTML_FIRST} ${HTML_LAST}`, exact: true }).first()).toBeVisible();
  expect(await page.locator('img[src="x"], svg[onload], script:not([src])').count()).toBe(0);

  // The device page shows the hostile comment as text.
  await page.goto(rel(`/devices/${html.uuid}`));
  await expect(page.getByRole('definition').filter({ hasText: COMMENT })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: `${HTML_FIRST} ${HTML_LAST}` })).toBeVisible();
  expect(await page.locator('img[src="x"], svg[onload]').count()).toBe(0);

  // CSV: the formula-like display name is written with a leading apostrophe.
  await page.goto(rel(`/devices?cols=name,user,display_name&q=${formula.principal}`));
  await expect(showing(page)).toHaveText(/of [1-9]/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
  const rows = parseCsv(await readFile(await download.path(), 'utf8'));
  expect(rows[0]).toEqual(['Name', 'User', 'Display name']);
  const mine = rows.slice(1).filter((r) => r[1] === formula.principal);
  expect(mine.length).toBeGreaterThan(0);
  for (const r of mine) expect(r[2]).toBe(`'${FORMULA}`);

  // Labels: the hostile label name and description, as text and in CSV.
  await page.goto(rel('/labels'));
  const labels = page.getByRole('table', { name: 'Labels' });
  await expect(labels.getByRole('cell', { name: LABEL_DESCRIPTION, exact: true })).toBeVisible();
  const [labelsCsv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
  const lrows = parseCsv(await readFile(await labelsCsv.path(), 'utf8'));
  const row = lrows.find((r) => r[0] === LABEL)!;
  expect(row[1]).toBe(`'${LABEL_DESCRIPTION}`);
  await labels.getByRole('link', { name: LABEL, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Label: ${LABEL}` })).toBeVisible();
  const members = (await apiGet(request, `/api/v1/dm/labels/${encodeURIComponent(LABEL)}`)).body.totalCount;
  await expect(showing(page)).toHaveText(`Showing 1–${Math.min(50, members)} of ${members}`);
  expect(await page.locator('i, img[src="x"]').count()).toBe(0);
});

test('credentials stay out of localStorage, URLs and the console, and sign-out clears them', { tag: '@root' }, async ({ page }) => {
  const consoleText: string[] = [];
  page.on('console', (m) => consoleText.push(m.text()));
  const secret = Buffer.from(`${ADMIN.user}:${ADMIN.password}`).toString('base64');
  const urls: string[] = [];
  page.on('framenavigated', (f) => urls.push(f.url()));
  await signInAsAdmin(page, '/devices');
  for (const path of ['/labels', '/dashboard', '/devices?status=LOST']) {
    await page.goto(rel(path));
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  }
  const local = await page.evaluate(() => JSON.stringify(localStorage));
  expect(local).not.toContain(ADMIN.password);
  expect(local).not.toContain(secret);
  for (const u of urls) {
    expect(u).not.toContain(ADMIN.password);
    expect(u).not.toContain(secret);
  }
  for (const c of consoleText) {
    expect(c).not.toContain(ADMIN.password);
    expect(c).not.toContain(secret);
  }
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  // Only the reason for the sign-out may stay (shown on the sign-in screen): no session, no credentials.
  expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual(['mdm-portal.notice']);
  expect(await page.evaluate(() => JSON.stringify(sessionStorage) + JSON.stringify(localStorage))).not.toMatch(/Basic|admin1234/);
});

test('after the idle timeout the session is forgotten and the user must sign in again', async ({ page }) => {
  await page.clock.install();
  await signInAsAdmin(page, '/devices');
  expect(await page.evaluate(() => sessionStorage.length)).toBeGreaterThan(0);
  // config.json sets 30 minutes; activity resets the clock, so wait 29 minutes, act, wait again.
  await page.clock.fastForward('29:00');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await page.getByLabel('Search').press('a');
  await page.clock.fastForward('29:00');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await page.clock.fastForward('02:00');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByText('You were signed out after 30 minutes without activity.')).toBeVisible();
  expect(await page.evaluate(() => sessionStorage.getItem('mdm-portal.session'))).toBeNull();
  // The reason survives a reload; signing in forgets it.
  await page.reload();
  await expect(page.getByText('You were signed out after 30 minutes without activity.')).toBeVisible();
});

test('a missing or invalid config.json gets a clear page and a retry', async ({ page }) => {
  let answer: { status: number; body: string } = { status: 404, body: 'Not found' };
  await page.route('**/config.json', (r) => r.fulfill({ status: answer.status, body: answer.body, contentType: 'application/json' }));
  await page.goto(rel('/devices'));
  await expect(page.getByRole('heading', { name: 'The portal cannot start' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveText('config.json could not be loaded (HTTP 404).');

  answer = { status: 200, body: '{"apiBase": "/api", "defaultPagesize": 50}' };
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('alert')).toContainText('unknown field `defaultPagesize`');

  answer = { status: 200, body: '{"apiBase": "/api", "defaultPageSize": 30}' };
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('alert')).toContainText('defaultPageSize must be one of 25, 50, 100, 250');

  answer = { status: 200, body: '{"apiBase": "/api", "productName": "Acme MDM", "defaultPageSize": 25}' };
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('heading', { name: 'Acme MDM' })).toBeVisible();
  await signIn(page, ADMIN, '/devices');
  await expect(page.getByLabel('Rows per page')).toHaveValue('25');
});

test('the idle sign-out notice agrees with its count: after 1 minute', async ({ page }) => {
  await page.route('**/config.json', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: { ...(await response.json()), idleTimeoutMinutes: 1 } });
  });
  await page.clock.install();
  await signInAsAdmin(page, '/devices');
  await page.clock.fastForward('01:30');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByText('You were signed out after 1 minute without activity.')).toBeVisible();
});

// ---- The deployment (deploy/nginx as shipped, run by run-test-nginx.sh): tagged @nginx, run in
// the nginx-subpath project only. ----

const ADMIN_AUTH = { Authorization: basic(ADMIN.user, ADMIN.password) };

test('port 80 answers every path with a redirect to https, same host and path', { tag: '@nginx' }, async ({ request }) => {
  for (const path of ['/portal/devices?status=LOST&q=a%20b', '/api/v1/dm/labels', '/']) {
    const r = await request.get(`http://127.0.0.1:${NGINX_HTTP_PORT}${path}`, { maxRedirects: 0, headers: ADMIN_AUTH });
    expect(r.status(), path).toBe(301);
    expect(r.headers()['location'], path).toBe(`https://127.0.0.1${path}`);
  }
});

test('the health location is answered by nginx itself', { tag: '@nginx' }, async ({ request, baseURL }) => {
  const r = await request.get(new URL('healthz', baseURL).href);
  expect(r.status()).toBe(200);
  expect(await r.text()).toBe('ok\n');
  expect(r.headers()['content-type']).toBe('text/plain');
  expect(r.headers()['cache-control']).toBe('no-store');
  expect(r.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
});

test('HTTPS: TLS 1.2 and 1.3 only, with the configured certificate and HSTS', { tag: '@nginx' }, async ({ request, baseURL }) => {
  const { port } = new URL(baseURL!);
  const ca = readFileSync(join(TLS_DIR, 'ca.pem'));
  const handshake = (version: SecureVersion) =>
    new Promise<string>((resolve, reject) => {
      // SECLEVEL=0 lets the client offer TLS 1.0 and 1.1: a refusal comes from the server.
      const s = connect({ host: '127.0.0.1', port: Number(port), servername: 'localhost', ca, minVersion: version, maxVersion: version, ciphers: 'DEFAULT@SECLEVEL=0' });
      s.once('secureConnect', () => {
        const p = s.getProtocol() ?? '';
        const ok = s.authorized;
        s.end();
        ok ? resolve(p) : reject(new Error(`not authorized: ${s.authorizationError}`));
      });
      s.once('error', reject);
    });
  // The certificate is the one at mdm-portal/tls/portal.pem, valid for the name.
  expect(await handshake('TLSv1.3')).toBe('TLSv1.3');
  expect(await handshake('TLSv1.2')).toBe('TLSv1.2');
  await expect(handshake('TLSv1.1')).rejects.toThrow();
  await expect(handshake('TLSv1')).rejects.toThrow();
  const r = await request.get(baseURL!);
  expect(r.headers()['strict-transport-security']).toBe('max-age=63072000');
});

test('a 401 from the MDM server reaches the portal without WWW-Authenticate (no browser login box)', { tag: '@nginx' }, async ({ request }) => {
  const wrong = { Authorization: basic(ADMIN.user, 'wrong') };
  // mock-server, like EPMM, asks for Basic authentication...
  const direct = await request.get(`${MOCK_URL}/api/v1/dm/labels`, { headers: wrong });
  expect(direct.status()).toBe(401);
  expect(direct.headers()['www-authenticate']).toContain('Basic');
  // ...which nginx does not pass on: the status and body do reach the portal.
  for (const headers of [wrong, {}]) {
    const r = await request.get('/api/v1/dm/labels', { headers });
    expect(r.status()).toBe(401);
    expect(r.headers()['www-authenticate']).toBeUndefined();
    expect((await r.json()).messages).toBeTruthy();
  }
});

test('the hop to the MDM server checks its certificate: an untrusted server gets no credentials', { tag: '@nginx' }, async ({ request }) => {
  // A second nginx with the shipped files, trusting another CA than the one of mock-server's
  // certificate.
  const other = mkdtempSync(join(tmpdir(), 'mdm-portal-other-ca-'));
  const runner = join(__dirname, '..', '..', 'deploy', 'nginx', 'run-test-nginx.sh');
  execFileSync(join(__dirname, '..', '..', 'deploy', 'nginx', 'test-certs.sh'), [other]);
  const port = NGINX_HTTP_PORT + 10;
  const args = ['serve', '--https', `${port}`, '--http', `${port + 1}`, '--mock-tls', `${MOCK_TLS_PORT}`, '--mock-mtls', `${MOCK_MTLS_PORT}`, '--tls', other, '--dist', join(__dirname, '..', '..', 'dist-portal')];
  const nginx = spawn(runner, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  nginx.stderr.on('data', (d) => (log += d));
  try {
    const base = `https://127.0.0.1:${port}`;
    await expect.poll(async () => (await request.get(`${base}/portal/healthz`).catch(() => null))?.status(), { timeout: 15_000 }).toBe(200);
    const r = await request.get(`${base}/api/v1/dm/labels`, { headers: ADMIN_AUTH });
    expect(r.status()).toBe(502);
    await expect.poll(() => log).toMatch(/upstream SSL certificate verify error|certificate verify failed/);
  } finally {
    nginx.kill('SIGTERM');
    await new Promise((done) => nginx.once('exit', done));
    rmSync(other, { recursive: true, force: true });
  }
});

test('CZERTAINLY: only MDM admins get through, on a hop with nginx\'s client certificate and without their credentials', { tag: '@nginx' }, async ({ request }) => {
  const profiles = '/czertainly/api/v1/scepProfiles';
  const lastRequest = async () => (await request.get(`${MOCK_URL}/_mock/czertainly/last-request`)).json();
  // Without or with wrong credentials, or as a self-service user: the MDM server says 401, and
  // nginx answers it itself (its own page, without the server's WWW-Authenticate).
  for (const headers of [{}, { Authorization: basic(ADMIN.user, 'wrong') }, { Authorization: basic(SELF_SERVICE.user, SELF_SERVICE.password) }]) {
    const r = await request.get(profiles, { headers });
    expect(r.status()).toBe(401);
    expect(r.headers()['www-authenticate']).toBeUndefined();
    expect(r.headers()['content-type']).toContain('text/html');
  }
  // The server's 403 stays a 403.
  await setFaults(request, { status: 403, paths: '/api/v1/dm/labels' });
  try {
    const r = await request.get(profiles, { headers: ADMIN_AUTH });
    expect(r.status()).toBe(403);
    expect(r.headers()['content-type']).toContain('text/html');
  } finally {
    await setFaults(request, {});
  }
  // mock-server here requires the client certificate CZERTAINLY's ingress forwards (it runs
  // without --czertainly-open): its plain listener refuses a request without one...
  const direct = await request.get(`${MOCK_URL}${profiles}`);
  expect(direct.status()).toBe(401);
  expect((await direct.json()).message).toContain('client certificate');
  // ...and its listener that requires a client certificate refuses a client without one.
  await expect(request.get(`https://127.0.0.1:${MOCK_MTLS_PORT}/healthz`)).rejects.toThrow();
  // An admin's request is passed on to the CZERTAINLY API, on a hop where nginx presents its
  // client certificate; the listener forwards it to the API, which accepts it. A certificate the
  // browser sends in the header itself never gets there, and neither do the admin's credentials.
  const forged = encodeURIComponent('-----BEGIN CERTIFICATE-----\nMIIBforged\n-----END CERTIFICATE-----\n');
  const r = await request.get(profiles, { headers: { ...ADMIN_AUTH, 'ssl-client-cert': forged } });
  expect(r.status()).toBe(200);
  // The profile list (its content depends on what other tests did).
  expect(Array.isArray(await r.json())).toBe(true);
  expect(await lastRequest()).toEqual({
    method: 'GET',
    path: profiles,
    authorization: false,
    clientCertificate: 'CN=mdm-portal-nginx',
  });
});
