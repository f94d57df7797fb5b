// Shared fixtures: sign-in helpers, direct API access (the oracle the UI is checked against), and
// a guard that fails any test in which the page threw (a wasm panic kills the whole page).
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';

export const ADMIN = { user: 'admin', password: 'admin1234' };
export const SELF_SERVICE = { user: 'jdoe', password: 'abcd1234' };

export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        const t = m.text();
        if (m.type() === 'error' && /panicked|RuntimeError|unreachable/i.test(t)) errors.push(`console: ${t}`);
        // Chromium reports every Content-Security-Policy violation on the console.
        if (/Content Security Policy|Refused to (load|execute|apply|connect|evaluate|compile)/i.test(t)) {
          errors.push(`CSP: ${t}`);
        }
      });
      // The portal never opens alert/confirm/prompt: one would mean injected script ran.
      page.on('dialog', async (d) => {
        errors.push(`dialog: ${d.type()} ${d.message()}`);
        await d.dismiss().catch(() => {});
      });
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) =>
          console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`),
        );
      });
      await use(errors);
      expect(errors, 'the page must never throw, panic, violate the CSP or open a dialog').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

export function basic(user: string, password: string): string {
  return 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');
}

/** GET a JSON API path as the admin, as a script would. 404 gives the body too. */
export async function apiGet(request: APIRequestContext, path: string): Promise<{ status: number; body: any }> {
  const r = await request.get(path, {
    headers: { Authorization: basic(ADMIN.user, ADMIN.password), Accept: 'application/json' },
  });
  const text = await r.text();
  return { status: r.status(), body: text ? JSON.parse(text) : null };
}

/** Devices of one status, straight from the API. */
export async function apiDevices(request: APIRequestContext, status = 'ACTIVE'): Promise<any[]> {
  const { status: code, body } = await apiGet(request, `/api/v1/dm/devices?status=${status}`);
  if (code === 404) return [];
  expect(code).toBe(200);
  const d = body.devices?.device ?? [];
  return Array.isArray(d) ? d : [d];
}

/** A local (userSource 76) account nobody else uses: an owner of an active device, not a demo user. */
export async function localDeviceOwner(request: APIRequestContext): Promise<string> {
  for (const d of (await apiDevices(request, 'ACTIVE')).reverse()) {
    if (['jdoe', 'admin', 'mobileapp'].includes(d.principal)) continue;
    const u = (await apiGet(request, `/api/v1/sm/users/${d.principal}`)).body.user;
    if (u && Number(u.userSource) === 76) return u.principal;
  }
  return '';
}

/**
 * A portal path relative to the base URL, so the same test runs with the portal at the root
 * (mock-server) and under a sub-path (nginx at /portal/): `/devices` → `devices`.
 * API paths (`/api/...`) stay absolute: the API is at the root in both setups.
 */
export function rel(path: string): string {
  return path.replace(/^\//, '');
}

export async function signIn(page: Page, who = ADMIN, path = '/') {
  await page.goto(rel(path));
  await page.getByLabel('Username').fill(who.user);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signInAsAdmin(page: Page, path = '/devices') {
  await signIn(page, ADMIN, path);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
}

/** The table's data rows (header excluded), as cell texts; the row-selection checkbox cell is left out. */
export async function tableRows(page: Page): Promise<string[][]> {
  const rows = page.getByRole('table').first().getByRole('row');
  const all = await rows.evaluateAll((trs) =>
    trs
      .filter((tr) => tr.querySelector('td') && !(tr.children.length === 1 && tr.querySelector('td[colspan]')))
      .map((tr) =>
        Array.from(tr.querySelectorAll('td'))
          .filter((td) => !td.querySelector('input[type="checkbox"]'))
          .map((td) => (td.textContent ?? '').trim()),
      ),
  );
  return all;
}

/** Column titles of the (first) table, without the row-selection column. */
export async function headerTitles(page: Page): Promise<string[]> {
  return page
    .getByRole('table')
    .first()
    .getByRole('columnheader')
    .evaluateAll((ths) =>
      ths
        .filter((th) => !th.querySelector('input[type="checkbox"]'))
        .map((th) => (th as HTMLElement).innerText.replace(/[▲▼]/g, '').trim()),
    );
}

/** The status line "Showing a–b of N". */
export function showing(page: Page) {
  return page.getByText(/^Showing \d+–\d+ of \d+$/);
}

// ---- the portal's display rules, written independently as the oracle ----

export const STATUS_LABELS: Record<string, string> = {
  ACTIVE: 'Active',
  BLOCKED: 'Blocked',
  IENROLL_VERIFIED: 'Enrollment verified',
  IENROLL_INPROGRESS: 'Enrollment in progress',
  IENROLL_COMPLETE: 'Enrollment complete',
  INFECTED: 'Infected',
  LOST: 'Lost',
  VERIFICATION_PENDING: 'Verification pending',
  RETIRED: 'Retired',
  RETIRE_PENDING: 'Retire pending',
  VERIFIED: 'Verified',
  WIPED: 'Wiped',
  EXPIRED: 'Expired',
};

/** `2011-07-08T01:52:33+00:00` → `2011-07-08 01:52` (UTC). */
export function shortDate(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (isNaN(d.getTime())) return '';
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

export function complianceLabel(bits: number): string {
  let n = 0;
  for (let b = bits >>> 0; b; b &= b - 1) n++;
  return n === 0 ? 'Compliant' : n === 1 ? '1 issue' : `${n} issues`;
}

/** The default visible device columns, computed from an API device. */
export const DEFAULT_DEVICE_COLUMNS = ['Name', 'User', 'Platform', 'Model', 'Status', 'Phone', 'Last check-in', 'Compliance'];
export function deviceCells(d: any): string[] {
  return [
    String(d.name ?? ''),
    String(d.principal ?? ''),
    String(d.platform ?? ''),
    String(d.model ?? ''),
    STATUS_LABELS[d.status] ?? String(d.status ?? ''),
    String(d.phoneNumber || d.currentPhoneNumber || ''),
    shortDate(d.lastConnectedAt),
    complianceLabel(Number(d.compliance ?? 0)),
  ];
}

/** A time as the portal's CSV files keep it: ISO 8601 UTC to the second (`2026-01-31T09:30:12+00:00`). */
export function csvTime(t: string | number | undefined): string {
  if (t === undefined || t === '' || t === 0) return '';
  const d = new Date(t);
  if (isNaN(d.getTime())) return '';
  return `${d.toISOString().slice(0, 19)}+00:00`;
}

/** A device's default cells as the CSV file has them (times in ISO 8601 UTC). */
export function deviceCsvCells(d: any): string[] {
  const cells = deviceCells(d);
  cells[DEFAULT_DEVICE_COLUMNS.indexOf('Last check-in')] = csvTime(d.lastConnectedAt);
  return cells;
}

/** Same case-insensitive comparison as the portal's sort (lower-cased text; ties by data order). */
export function sortedBy<T>(rows: T[], key: (r: T) => string, desc = false): T[] {
  const indexed = rows.map((r, i) => ({ r, i, k: key(r).toLowerCase() }));
  indexed.sort((a, b) => {
    const ea = a.k.trim() === '', eb = b.k.trim() === '';
    if (ea !== eb) return ea ? 1 : -1;
    return a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i;
  });
  const out = indexed.map((x) => x.r);
  return desc ? out.reverse() : out;
}

/** RFC 4180 parser (the file's own format), returning records of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      quoted = true;
      i++;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** What the CSV holds for a cell (formula-like text gets a leading apostrophe). */
export function csvCell(s: string): string {
  if (/^[=+\-@\t\r]/.test(s) && !/^[+-]?\d+(\.\d+)?$/.test(s)) return `'${s}`;
  return s;
}

/** Regenerates the mock's world exactly as at start (test hook; see mock-server --test-hooks). */
export async function resetMock(request: APIRequestContext) {
  const r = await request.post('/_mock/reset');
  expect(r.status()).toBe(200);
}

/** The mock's record of what was done to a device (test hook). */
export async function deviceLog(request: APIRequestContext, uuid: string): Promise<any[]> {
  const r = await request.get(`/_mock/devices/${uuid}/log`);
  expect(r.status()).toBe(200);
  return (await r.json()).log ?? [];
}

/** Sets the mock's fault injection (test hook); `{}` turns every fault off. */
export async function setFaults(request: APIRequestContext, faults: Record<string, unknown>) {
  const r = await request.post('/_mock/faults', { data: faults });
  expect(r.status()).toBe(200);
}

/** The href the portal writes for an app path: with the sub-path it is served under, if any. */
export async function appHref(page: Page, path: string): Promise<string> {
  const base = await page.evaluate(() => new URL(document.baseURI).pathname.replace(/\/$/, ''));
  return base + path;
}
