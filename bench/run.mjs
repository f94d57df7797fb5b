#!/usr/bin/env node
// `./x bench`: the portal against a hand-written vanilla page, at 1,000 / 10,000 / 100,000 devices.
//
// For each size it starts mock-server (seed 1) with a copy of dist/ that also holds bench/vanilla/
// under /vanilla/, so both pages are served by the same server, on the same origin, with the same
// API, compression and caching. It drives Debian chromium (headless) through Playwright and times,
// inside the page, from the user's action to the DOM showing the expected result (checked against
// an independent oracle computed here from the API), with a forced style+layout at the end:
//   first page  click "Sign in" → "Showing 1–50 of N" and the first/last rows of page 1
//   search      one character typed into Search → the filtered first page
//   sort        click the "User" header → the sorted first page
//   next page   click "Next page" → rows 51–100
//   CSV         click "Download CSV" → the browser's download event (the file checked byte for byte)
//   heap        after the first page and an idle period, after a forced GC: JS heap + wasm memory
//   first rows  sign-in → the first row on screen while the rest arrives (also: after the answer began)
//   CPS         the same screen on a CPS server (mock-server --portal-backend cps): first rows, and the
//               whole list walked page by page within the rate limits (calls, 429s), vs EPMM's whole list
// Every figure is the median of --runs runs (a fresh browser context each, portal and vanilla
// alternating so both see the same machine noise), after one warm-up run of each that is not
// counted. Results: a table per size on stdout, and BENCHMARKS.md (with bench/NOTES.md inside).
//
// Options: --sizes 1000,10000,100000 (100 to 100000)  --runs 5  --large-runs N (runs at ≥50,000 devices)  --no-cps
//          --port 18600  --search w  --no-write (neither BENCHMARKS.md nor, without --json, the results file)
//          --json FILE  --dist DIR  --server BIN
//          --from-json FILE (no run: BENCHMARKS.md again from saved results, e.g. after NOTES.md changed)
import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
// Playwright lives in end2end/node_modules (npm ci there); resolve it from there, whatever the cwd.
const require = createRequire(path.join(ROOT, 'end2end', 'package.json'));
const { chromium } = require('playwright-core');

// ---------------------------------------------------------------------------------------------
// options

function parseArgs(argv) {
  const o = {
    sizes: [1000, 10000, 100000],
    runs: 5,
    largeRuns: null,
    port: 18600,
    search: 'w',
    write: true,
    cps: true,
    json: undefined,
    dist: path.join(ROOT, 'dist'),
    server: path.join(ROOT, 'target', 'server', 'mock-server'),
    out: path.join(ROOT, 'BENCHMARKS.md'),
    chromium: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    switch (a) {
      case '--sizes': o.sizes = v().split(',').map((s) => Number(s.replace(/[_k]/g, (m) => (m === 'k' ? '000' : ''))));
        break;
      case '--runs': o.runs = Number(v()); break;
      case '--large-runs': o.largeRuns = Number(v()); break;
      case '--port': o.port = Number(v()); break;
      case '--search': o.search = v(); break;
      case '--no-write': o.write = false; o.json ??= null; break;
      case '--no-cps': o.cps = false; break;
      case '--json': o.json = path.resolve(v()); break;
      case '--dist': o.dist = path.resolve(v()); break;
      case '--server': o.server = path.resolve(v()); break;
      case '--out': o.out = path.resolve(v()); break;
      case '--from-json': o.fromJson = path.resolve(v()); break;
      case '-h': case '--help':
        console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 24).join('\n'));
        process.exit(0);
        break;
      default: throw new Error(`unknown option ${a}`);
    }
  }
  // The next-page step needs a second page of 50 ACTIVE devices (about 80% of them are).
  if (o.sizes.some((n) => !Number.isInteger(n) || n < 100 || n > 100000)) throw new Error('--sizes: 100 to 100000');
  // --no-write keeps the last full run's results (for --from-json) unless --json names a file.
  if (o.json === undefined) o.json = path.join(ROOT, 'target', 'bench-results.json');
  if (!(o.runs >= 1)) throw new Error('--runs: at least 1');
  o.largeRuns ??= o.runs;
  return o;
}

// ---------------------------------------------------------------------------------------------
// targets, on this 2-core machine, headless: issue 20's where it sets one (at 100,000 devices: the
// whole list ≤ 1.2 s and no slower than vanilla, a page change ≤ 16 ms and ≤ 1.0×, search ≤ 50 ms,
// sort ≤ 100 ms, memory ≤ 1.0×), issue 9's for the rest (CSV ≤ 1 s; ≤ 1.5× vanilla)

const PAGE = 50;
const FIGURES = [
  { id: 'first', label: 'first page (sign-in → rows)', target: 1200, maxRatio: 1.0 },
  { id: 'search', label: 'search, 1 character', target: 50, maxRatio: 1.5 },
  { id: 'sort', label: 'sort by User', target: 100, maxRatio: 1.5 },
  { id: 'next', label: 'next page', target: 16, maxRatio: 1.0 },
  { id: 'csv', label: 'Download CSV (all rows)', target: 1000, maxRatio: 1.5 },
];
const TARGET_SIZE = 100000; // absolute time targets apply at 100,000 devices
const HEAP_RATIO = 1.0;
// Issue 20's ratio targets are for big lists (100,000 devices); at other sizes issue 9's ≤ 1.5×.
const SMALL_RATIO = 1.5;
const ratioTarget = (id, devices) =>
  devices === TARGET_SIZE ? FIGURES.find((f) => f.id === id).maxRatio : SMALL_RATIO;
const heapTarget = (devices) => (devices === TARGET_SIZE ? HEAP_RATIO : SMALL_RATIO);
// Both read a summary's stored ratios against today's targets (--from-json rewrites old results).
const ratioMet = (r, devices) => (r.ratio == null ? null : r.ratio <= ratioTarget(r.id, devices));
const heapMet = (s) => (s.heap.ratio == null ? null : s.heap.ratio <= heapTarget(s.devices));
const BUNDLE_GZIP_TARGET = 250 * 1000;
// Issue 20, at 100,000 devices: the first rows within 0.3 s of the answer starting (EPMM), and
// within 0.5 s of signing in on CPS.
const FIRST_ROWS_AFTER_ANSWER = 300;
const CPS_FIRST_ROWS = 500;

// ---------------------------------------------------------------------------------------------
// the oracle: what each page must show, written independently of both pages

const STATUS = {
  ACTIVE: 'Active', BLOCKED: 'Blocked', IENROLL_VERIFIED: 'Enrollment verified',
  IENROLL_INPROGRESS: 'Enrollment in progress', IENROLL_COMPLETE: 'Enrollment complete',
  INFECTED: 'Infected', LOST: 'Lost', VERIFICATION_PENDING: 'Verification pending',
  RETIRED: 'Retired', RETIRE_PENDING: 'Retire pending', VERIFIED: 'Verified', WIPED: 'Wiped',
  EXPIRED: 'Expired',
};
const TITLES = ['Name', 'User', 'Platform', 'Model', 'Status', 'Phone', 'Last check-in', 'Compliance'];
function shortDate(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 16).replace('T', ' ');
}
// The CSV keeps times as ISO 8601 UTC to the second, whatever zone the table shows them in.
function isoDate(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 19) + '+00:00';
}
function complianceLabel(bits) {
  let n = 0;
  for (let b = bits >>> 0; b; b &= b - 1) n++;
  return n === 0 ? 'Compliant' : n === 1 ? '1 issue' : `${n} issues`;
}
function cells(d) {
  return [
    String(d.name ?? ''), String(d.principal ?? ''), String(d.platform ?? ''), String(d.model ?? ''),
    STATUS[d.status] ?? String(d.status ?? ''), String(d.phoneNumber || d.currentPhoneNumber || ''),
    shortDate(d.lastConnectedAt), complianceLabel(Number(d.compliance ?? 0)),
  ];
}
function csvCells(d) {
  const c = cells(d);
  c[6] = isoDate(d.lastConnectedAt);
  return c;
}
function sortedBy(rows, key) {
  const k = rows.map((r, i) => ({ r, i, k: key(r).toLowerCase() }));
  k.sort((a, b) => {
    const ea = a.k.trim() === '', eb = b.k.trim() === '';
    if (ea !== eb) return ea ? 1 : -1;
    return a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i;
  });
  return k.map((x) => x.r);
}
function csvCell(s) {
  if (/^[=+\-@\t\r]/.test(s) && !/^[+-]?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
function pageExpect(rows, page, extra = {}) {
  const n = rows.length;
  const start = Math.min((page - 1) * PAGE, n);
  const end = Math.min(start + PAGE, n);
  return {
    status: n === 0 ? 'Showing 0–0 of 0' : `Showing ${start + 1}–${end} of ${n}`,
    rows: end - start,
    first: end > start ? String(rows[start].name ?? '') : null,
    last: end > start ? String(rows[end - 1].name ?? '') : null,
    ...extra,
  };
}
function expectations(devices, search) {
  const q = search.toLowerCase();
  const matching = devices.filter((d) => cells(d).join('\u001f').toLowerCase().includes(q));
  const byUser = sortedBy(devices, (d) => String(d.principal ?? ''));
  const csv = [TITLES.map(csvCell).join(','), ...byUser.map((d) => csvCells(d).map(csvCell).join(',')), ''].join('\r\n');
  return {
    total: devices.length,
    matching: matching.length,
    first: pageExpect(devices, 1),
    search: pageExpect(matching, 1),
    all: pageExpect(devices, 1),
    sort: pageExpect(byUser, 1, { aria: { col: 'User', value: 'ascending' } }),
    next: pageExpect(byUser, 2),
    csvHash: sha256(Buffer.from(csv, 'utf8')),
    csvBytes: Buffer.byteLength(csv),
  };
}
const sha256 = (buf) => crypto.createHash('sha256').update(buf).digest('hex');

// ---------------------------------------------------------------------------------------------
// in-page helper (added before any page script runs)

const HELPER = `(() => {
  addEventListener('TrunkApplicationStarted', (e) => { window.__wasmMemory = e.detail?.wasm?.memory; });
  const status = () => {
    for (const el of document.querySelectorAll('[role=status]')) {
      const t = el.textContent.trim();
      if (/^Showing \\d+–\\d+ of \\d+$/.test(t)) return t;
    }
    return null;
  };
  const rows = () => document.querySelectorAll('table tbody tr:not(.empty)');
  const name = (tr) => {
    const td = tr && [...tr.children].find((c) => !c.classList.contains('select'));
    return td ? td.textContent.trim() : null;
  };
  const state = () => {
    const r = rows();
    return { status: status(), rows: r.length, first: name(r[0]), last: name(r[r.length - 1]) };
  };
  const ok = (exp) => {
    const s = state();
    if (s.status !== exp.status || s.rows !== exp.rows) return false;
    if (exp.first !== null && (s.first !== exp.first || s.last !== exp.last)) return false;
    if (exp.aria) {
      const th = [...document.querySelectorAll('th')]
        .find((h) => h.textContent.replace(/[▲▼]/g, '').trim() === exp.aria.col);
      if (!th || th.getAttribute('aria-sort') !== exp.aria.value) return false;
    }
    return true;
  };
  // Runs the action, then resolves with the time until the DOM shows 'exp' (checked after every
  // batch of DOM mutations), including a forced style recalculation and layout.
  const measure = (el, action, value, exp, timeoutMs) => new Promise((resolve, reject) => {
    let done = false;
    let t0 = 0;
    const finish = () => {
      if (done || !ok(exp)) return;
      done = true;
      obs.disconnect();
      void document.body.offsetHeight;
      resolve({ ms: performance.now() - t0, t0 });
    };
    const obs = new MutationObserver(finish);
    obs.observe(document.documentElement, { subtree: true, childList: true, characterData: true, attributes: true });
    setTimeout(() => {
      if (!done) {
        done = true;
        obs.disconnect();
        reject(new Error('timed out; expected ' + JSON.stringify(exp) + ', page shows ' + JSON.stringify(state())));
      }
    }, timeoutMs);
    t0 = performance.now();
    if (action === 'click') el.click();
    else { el.value = value; el.dispatchEvent(new Event('input', { bubbles: true })); }
    finish();
  });
  const settle = (ms) => new Promise((r) => setTimeout(() => requestIdleCallback(() => r(), { timeout: 5000 }), ms));
  // When the devices answer arrived, relative to t0 (Resource Timing).
  const network = (t0) => {
    const e = performance.getEntriesByType('resource').filter((r) => r.name.includes('/dm/devices?'));
    return e.length ? e[e.length - 1].responseEnd - t0 : null;
  };
  // When the table first shows a row (the rows so far, while the rest arrives).
  const watchFirstRow = () => {
    window.__firstRowAt = null;
    const obs = new MutationObserver(() => {
      if (rows().length > 0 && name(rows()[0])) { window.__firstRowAt = performance.now(); obs.disconnect(); }
    });
    obs.observe(document.documentElement, { subtree: true, childList: true, characterData: true });
  };
  // When the first device-list answer started to arrive (Resource Timing), for 'pattern'.
  const answerStart = (pattern) => {
    const e = performance.getEntriesByType('resource').filter((r) => new RegExp(pattern).test(r.name));
    return e.length ? e[0].responseStart : null;
  };
  // Clicks, then resolves when the whole list is in: the first page shown and the table no longer busy.
  const untilComplete = (el, timeoutMs) => new Promise((resolve, reject) => {
    const done = () => {
      const s = status();
      return s && /^Showing 1–50 of \\d+$/.test(s) && !document.querySelector('[aria-busy="true"]');
    };
    let t0 = 0;
    const obs = new MutationObserver(() => {
      if (done()) { obs.disconnect(); resolve({ ms: performance.now() - t0, t0, status: status() }); }
    });
    obs.observe(document.documentElement, { subtree: true, childList: true, characterData: true, attributes: true });
    setTimeout(() => { obs.disconnect(); reject(new Error('timed out; page shows ' + JSON.stringify(state()))); }, timeoutMs);
    t0 = performance.now();
    el.click();
  });
  window.__bench = { measure, settle, state, network, watchFirstRow, answerStart, untilComplete };
})();`;

// ---------------------------------------------------------------------------------------------
// one run of one page

async function oneRun(browser, base, kind, exp, search, timeoutMs) {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 800 } });
  const errors = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(HELPER);
    await page.goto(kind === 'portal' ? `${base}/devices` : `${base}/vanilla/`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('admin1234');
    const measure = async (locator, action, value, expected) => {
      const el = await locator.elementHandle();
      return page.evaluate(
        ([el, action, value, expected, t]) => window.__bench.measure(el, action, value, expected, t),
        [el, action, value, expected, timeoutMs],
      );
    };
    const settle = (ms = 300) => page.evaluate((ms) => window.__bench.settle(ms), ms);
    const out = {};

    if (kind === 'portal') await page.evaluate(() => window.__bench.watchFirstRow());
    const first = await measure(page.getByRole('button', { name: 'Sign in' }), 'click', null, exp.first);
    out.first = first.ms;
    out.network = await page.evaluate((t0) => window.__bench.network(t0), first.t0);
    if (kind === 'portal') Object.assign(out, await firstRows(page, first.t0, '/dm/devices\\?'));
    await settle(500);

    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    const metrics = (await cdp.send('Performance.getMetrics')).metrics;
    out.jsHeap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
    out.wasmMemory = await page.evaluate(() => window.__wasmMemory?.buffer.byteLength ?? 0);
    out.heap = out.jsHeap + out.wasmMemory;

    const box = page.getByRole('searchbox', { name: 'Search', exact: true });
    out.search = (await measure(box, 'input', search, exp.search)).ms;
    await settle();
    await measure(box, 'input', '', exp.all);
    await settle();

    const header = page.getByRole('columnheader', { name: 'User' }).getByRole('button');
    out.sort = (await measure(header, 'click', null, exp.sort)).ms;
    await settle();

    out.next = (await measure(page.getByRole('button', { name: 'Next page' }), 'click', null, exp.next)).ms;
    await settle();

    const button = await page.getByRole('button', { name: 'Download CSV' }).elementHandle();
    const download = page.waitForEvent('download', { timeout: timeoutMs });
    const t0 = performance.now();
    await button.evaluate((b) => b.click());
    const d = await download;
    out.csv = performance.now() - t0;
    const file = fs.readFileSync(await d.path());
    out.csvOk = sha256(file) === exp.csvHash;
    out.csvBytes = file.length;
    out.errors = errors;
    return out;
  } finally {
    await context.close();
  }
}

/** Sign-in → the first row on screen, and the same from when the devices answer began to arrive. */
async function firstRows(page, t0, pattern) {
  const { at, start } = await page.evaluate((p) => ({ at: window.__firstRowAt, start: window.__bench.answerStart(p) }), pattern);
  return { firstRows: at == null ? null : at - t0, rowsAfterAnswer: at == null || start == null ? null : at - start };
}

/**
 * One run of the portal on a CPS server: sign-in → first rows, and → the whole list walked page by
 * page (the server's pages of at most 1,000, paced within the CPS guide's rate limits); with the
 * calls made and any 429 the server answered.
 */
async function cpsRun(browser, base, timeoutMs) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    let calls = 0;
    let tooMany = 0;
    page.on('response', (r) => {
      // The API calls (the server's own paths differ: /api/… on EPMM, /msa/v1/cps/… on CPS).
      const type = r.request().resourceType();
      if ((type !== 'fetch' && type !== 'xhr') || /(\.(wasm|js|css)|config\.json)$/.test(new URL(r.url()).pathname)) return;
      calls++;
      if (r.status() === 429) tooMany++;
    });
    await page.addInitScript(HELPER);
    await page.goto(`${base}/devices`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('admin1234');
    await page.evaluate(() => window.__bench.watchFirstRow());
    const el = await page.getByRole('button', { name: 'Sign in' }).elementHandle();
    const whole = await page.evaluate(([el, t]) => window.__bench.untilComplete(el, t), [el, timeoutMs]);
    return { whole: whole.ms, status: whole.status, ...(await firstRows(page, whole.t0, '/device\\?')), calls, tooMany, errors };
  } finally {
    await context.close();
  }
}

async function cpsRuns(browser, o, site, devices, runs, timeoutMs) {
  const server = await startServer(o, site, devices, ['--portal-backend', 'cps']);
  try {
    process.stdout.write(`${grouped(devices)} devices over CPS: warm-up`);
    await cpsRun(browser, server.base, timeoutMs);
    const out = [];
    for (let i = 0; i < runs; i++) {
      process.stdout.write(`, run ${i + 1}`);
      out.push(await cpsRun(browser, server.base, timeoutMs));
    }
    process.stdout.write('\n');
    return out;
  } finally {
    await stopServer(server);
  }
}

function summariseCps(devices, runs, epmm) {
  const fig = (id) => median(runs.map((r) => r[id]));
  const whole = fig('whole');
  return {
    devices, runs: runs.length, listed: runs[0]?.status?.replace(/^Showing 1–50 of /, '') ?? null,
    firstRows: fig('firstRows'), rowsAfterAnswer: fig('rowsAfterAnswer'), whole, calls: fig('calls'),
    tooMany: runs.reduce((t, r) => t + r.tooMany, 0), epmmWhole: epmm, ratio: whole && epmm ? whole / epmm : null,
    errors: runs.flatMap((r) => r.errors),
  };
}

function cpsText(c) {
  return `\n${grouped(c.devices)} devices over CPS (median of ${c.runs}): ${c.listed} listed; first rows ${ms(c.firstRows)} ` +
    `(${ms(c.rowsAfterAnswer)} after the first answer began, target ≤ ${CPS_FIRST_ROWS} ms ${mark(c.firstRows != null && c.firstRows <= CPS_FIRST_ROWS)}); ` +
    `whole list ${ms(c.whole)} in ${c.calls} calls, ${c.tooMany} answered 429; EPMM V1, same data: ${ms(c.epmmWhole)} (${ratioText(c.ratio)})` +
    `${c.errors.length ? `; page errors: ${c.errors.join('; ')}` : ''}`;
}

// ---------------------------------------------------------------------------------------------
// mock-server

function startServer(o, site, devices, extra = []) {
  return new Promise((resolve, reject) => {
    const addr = `127.0.0.1:${o.port}`;
    const child = spawn(o.server, ['--addr', addr, '--devices', String(devices), '--seed', '1', '--dist', site, ...extra], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`mock-server did not start:\n${out}`)), 120_000);
    const onData = (b) => {
      out += b;
      if (/listening on http:\/\//.test(out)) {
        clearTimeout(timer);
        child.stdout.removeAllListeners('data');
        child.stdout.resume();
        resolve({ child, base: `http://${addr}` });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (b) => { out += b; });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`mock-server exited (${code}):\n${out}`));
    });
  });
}

function stopServer(s) {
  return new Promise((resolve) => {
    if (s.child.exitCode !== null) return resolve();
    s.child.removeAllListeners('exit');
    s.child.on('exit', () => resolve());
    s.child.kill('SIGTERM');
  });
}

// GET with gzip (as the browser asks), which also has the server serialise and compress its cached
// answer before anything is timed.
function apiGet(base, p) {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}${p}`, {
      headers: {
        Authorization: 'Basic ' + Buffer.from('admin:admin1234').toString('base64'),
        'X-Requested-With': 'XMLHttpRequest',
        Accept: 'application/json',
        'Accept-Encoding': 'gzip',
      },
    }, (res) => {
      const stream = res.headers['content-encoding'] === 'gzip' ? res.pipe(zlib.createGunzip()) : res;
      const parts = [];
      stream.on('data', (c) => parts.push(c));
      stream.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(parts) }));
      stream.on('error', reject);
    });
    req.on('error', reject);
  });
}

// ---------------------------------------------------------------------------------------------
// machine, bundle

function sh(cmd, args) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

function machine(browserVersion) {
  const cpu = (fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m) ?? [])[1] ?? os.cpus()[0]?.model;
  const dirty = sh('git', ['-C', ROOT, 'status', '--porcelain']) !== '';
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    cpu,
    cores: os.cpus().length,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: `${os.type()} ${os.release()}`,
    chromium: browserVersion,
    rustc: sh('rustc', ['--version']),
    node: process.version,
    commit: sh('git', ['-C', ROOT, 'rev-parse', '--short=12', 'HEAD']) + (dirty ? ' (with uncommitted changes)' : ''),
  };
}

function bundle(dir) {
  const files = fs.readdirSync(dir).filter((f) => /\.(wasm|js|css)$/.test(f)).sort();
  const rows = files.map((f) => {
    const b = fs.readFileSync(path.join(dir, f));
    return {
      file: f.replace(/-[0-9a-f]{16}(?=[._])/, ''),
      kind: path.extname(f).slice(1),
      raw: b.length,
      gzip: zlib.gzipSync(b, { level: 9 }).length,
      brotli: zlib.brotliCompressSync(b, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: b.length },
      }).length,
    };
  });
  const sum = (rs) => rs.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  // The code chunks of screens share (`chunk_<n>.wasm`, many and small): one row.
  const shared = rows.filter((r) => /^chunk_\d+/.test(r.file));
  const named = rows.filter((r) => !/^chunk_\d+/.test(r.file));
  if (shared.length) named.push({ file: `chunk_*.wasm (${shared.length} shared pieces)`, kind: 'wasm', ...sum(shared) });
  return { rows: named, total: sum(rows) };
}

// ---------------------------------------------------------------------------------------------
// first load: what a browser with an empty cache fetches (every file but the API), gzip -9 sizes

/** `bench/floor` as `./x bench` built it (target/floor/dist), or null when it is not there. */
function floorBundle() {
  const dir = path.join(ROOT, 'target', 'floor', 'dist');
  if (!fs.existsSync(dir)) return null;
  const b = bundle(dir);
  const of = (kind) => b.rows.filter((r) => r.kind === kind).reduce((t, r) => t + r.gzip, 0);
  return { gzip: b.total.gzip, wasm: of('wasm'), js: of('js') };
}

const floorText = (f) =>
  `For scale: \`bench/floor\`, the smallest Leptos 0.8 app with a sign-in and a table of devices (search, sort, pages; ` +
  `no styles, no error handling, nothing else), built as the portal is: ${kb(f.gzip)} gzip (wasm ${kb(f.wasm)}, JavaScript ${kb(f.js)}).`;

/** Routes whose first load is measured: path, and what shows the screen is there. */
const ROUTES = [
  ['devices', 'Devices'], ['dashboard', 'Dashboard'], ['labels', 'Labels'], ['policies', 'Policies'],
  ['app-settings', 'App settings'], ['alerts', 'Alerts'], ['activesync', 'ActiveSync'], ['users', 'Users'],
  ['certificates', 'Certificates'], ['devices/register', 'Register'],
];

/** The devices list is there: its status line. */
const rowsShown = (page) => page.getByText(/^Showing \d+–\d+ of \d+$/);

/** The portal on the other servers (mock-server `--portal-backend`): the first load of each, sign-in on a path, and what
 *  shows that screen is there. UEM has no devices screen: its portal opens on Groups. */
const OTHER_SERVERS = [
  ['cps', 'devices', 'CPS: sign-in, then devices', rowsShown],
  ['uem', '', 'UEM: sign-in, then its first screen (Groups)', (page) => page.getByRole('heading', { level: 1, name: 'Groups' })],
];

/** The files a page fetches from the portal's origin (not the API), summed by route as gzip -9 sizes of `dist`'s files. */
function recorder(page, base, dist, out) {
  const gz = new Map();
  const size = (name) => {
    if (!gz.has(name)) {
      const f = path.join(dist, name);
      gz.set(name, fs.existsSync(f) ? zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length : 0);
    }
    return gz.get(name);
  };
  let files = new Set();
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.origin === base && !u.pathname.startsWith('/api/')) files.add(u.pathname === '/' ? 'index.html' : u.pathname.slice(1));
  });
  return (route) => {
    const list = [...files].map((f) => (f.includes('.') ? f : 'index.html'));
    const unique = [...new Set(list)];
    out.push({ route, files: unique.length, gzip: unique.reduce((t, f) => t + size(f), 0) });
    files = new Set();
  };
}

/** Signs in on a fresh page of `path` and waits until `shown` is visible and the network is idle; then records `label`. */
async function signInFirstLoad(page, base, path_, shown, record, label) {
  await page.goto(`${base}/${path_}`);
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill('admin1234');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await shown(page).waitFor({ timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  record(label);
}

/** A fresh context with the browser cache off. */
async function coldPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  return { context, page };
}

async function firstLoads(browser, base, dist) {
  const out = [];
  const { context, page } = await coldPage(browser);
  try {
    const record = recorder(page, base, dist, out);
    // Sign-in and the devices screen: the first load proper.
    await signInFirstLoad(page, base, 'devices', rowsShown, record, 'sign-in, then devices');
    // Every other screen on a fresh page (the session stays signed in).
    for (const [route, heading] of ROUTES.slice(1)) {
      await page.goto(`${base}/${route}`);
      await page.getByRole('heading', { level: 1, name: heading, exact: false }).first().waitFor({ timeout: 60_000 });
      await page.waitForLoadState('networkidle');
      record(route);
    }
  } finally {
    await context.close();
  }
  return out;
}

/** The first load of the portal configured for each other server, each on its own mock-server. */
async function otherFirstLoads(browser, o, site) {
  const out = [];
  for (const [kind, at, label, shown] of OTHER_SERVERS) {
    const server = await startServer(o, site, 1000, ['--portal-backend', kind]);
    const { context, page } = await coldPage(browser);
    try {
      await signInFirstLoad(page, server.base, at, shown, recorder(page, server.base, o.dist, out), label);
    } finally {
      await context.close();
      await stopServer(server);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// statistics and formatting

const median = (xs) => {
  const s = xs.filter((x) => typeof x === 'number' && isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => (x == null ? '–' : x < 10 ? `${x.toFixed(1)} ms` : `${Math.round(x)} ms`);
const mb = (x) => (x == null ? '–' : `${(x / 1e6).toFixed(1)} MB`);
const kb = (x) => `${(x / 1000).toFixed(1)} kB`;
const ratioText = (r) => (r == null ? '–' : `${r.toFixed(2)}×`);
const grouped = (n) => n.toLocaleString('en-US');

function summarise(size, runs) {
  const fig = (kind, id) => median(runs[kind].map((r) => r[id]));
  const range = (kind, id) => {
    const xs = runs[kind].map((r) => r[id]).filter((x) => typeof x === 'number');
    return xs.length ? [Math.min(...xs), Math.max(...xs)] : null;
  };
  const rows = FIGURES.map((f) => {
    const p = fig('portal', f.id);
    const v = fig('vanilla', f.id);
    const ratio = p != null && v ? p / v : null;
    const abs = size.devices === TARGET_SIZE && p != null ? p <= f.target : null;
    return { ...f, portal: p, vanilla: v, ratio, abs,
      portalRange: range('portal', f.id), vanillaRange: range('vanilla', f.id) };
  });
  const heap = {
    portal: fig('portal', 'heap'), vanilla: fig('vanilla', 'heap'),
    portalJs: fig('portal', 'jsHeap'), portalWasm: fig('portal', 'wasmMemory'), vanillaJs: fig('vanilla', 'jsHeap'),
  };
  heap.ratio = heap.portal && heap.vanilla ? heap.portal / heap.vanilla : null;
  const network = { portal: fig('portal', 'network'), vanilla: fig('vanilla', 'network') };
  const firstRowsFig = { atAll: fig('portal', 'firstRows'), afterAnswer: fig('portal', 'rowsAfterAnswer') };
  const csvOk = {
    portal: runs.portal.every((r) => r.csvOk), vanilla: runs.vanilla.every((r) => r.csvOk),
  };
  const errors = [...runs.portal, ...runs.vanilla].flatMap((r) => r.errors ?? []);
  return { ...size, rows, heap, network, firstRows: firstRowsFig, csvOk, errors };
}

const pad = (s, n) => String(s).padEnd(n);
const padl = (s, n) => String(s).padStart(n);
const mark = (b) => (b == null ? '' : b ? 'ok' : 'MISS');

function textTable(s) {
  const lines = [];
  lines.push(`\n${grouped(s.devices)} devices: ${grouped(s.total)} ACTIVE rows listed, search "${s.search}" matches ${grouped(s.matching)}; median of ${s.runs} runs; load ${s.load}`);
  lines.push(`  ${pad('figure', 30)}${padl('portal', 10)}${padl('vanilla', 10)}${padl('ratio', 8)}   ${pad('target', 20)}`);
  for (const r of s.rows) {
    const t = s.devices === TARGET_SIZE ? `≤${r.target} ms ${mark(r.abs)}` : '';
    lines.push(`  ${pad(r.label, 30)}${padl(ms(r.portal), 10)}${padl(ms(r.vanilla), 10)}${padl(ratioText(r.ratio), 8)}   ${pad(t, 14)} ≤${ratioTarget(r.id, s.devices).toFixed(1)}× ${mark(ratioMet(r, s.devices))}`);
  }
  lines.push(`  ${pad('  of which devices response', 30)}${padl(ms(s.network.portal), 10)}${padl(ms(s.network.vanilla), 10)}`);
  if (s.firstRows?.atAll != null) lines.push(`  ${pad('  first rows on screen', 30)}${padl(ms(s.firstRows.atAll), 10)}${padl('', 10)}${padl('', 8)}   ${ms(s.firstRows.afterAnswer)} after the answer began${s.devices === TARGET_SIZE ? ` (≤${FIRST_ROWS_AFTER_ANSWER} ms ${mark(s.firstRows.afterAnswer <= FIRST_ROWS_AFTER_ANSWER)})` : ''}`);
  lines.push(`  ${pad('heap after load (JS + wasm)', 30)}${padl(mb(s.heap.portal), 10)}${padl(mb(s.heap.vanilla), 10)}${padl(ratioText(s.heap.ratio), 8)}   ≤${heapTarget(s.devices).toFixed(1)}× ${mark(heapMet(s))} (portal: JS ${mb(s.heap.portalJs)} + wasm memory ${mb(s.heap.portalWasm)})`);
  lines.push(`  CSV identical to the oracle in every run: portal ${s.csvOk.portal ? 'yes' : 'NO'}, vanilla ${s.csvOk.vanilla ? 'yes' : 'NO'}${s.errors.length ? `; page errors: ${s.errors.join('; ')}` : ''}`);
  return lines.join('\n');
}

function bundleText(b) {
  const lines = ['\nbundle (dist/)', `  ${pad('file', 28)}${padl('raw', 12)}${padl('gzip -9', 12)}${padl('brotli 11', 12)}`];
  for (const r of b.rows) lines.push(`  ${pad(r.file, 28)}${padl(kb(r.raw), 12)}${padl(kb(r.gzip), 12)}${padl(kb(r.brotli), 12)}`);
  lines.push(`  ${pad('total', 28)}${padl(kb(b.total.raw), 12)}${padl(kb(b.total.gzip), 12)}${padl(kb(b.total.brotli), 12)}   target ≤${kb(BUNDLE_GZIP_TARGET)} gzip ${mark(b.total.gzip <= BUNDLE_GZIP_TARGET)}`);
  return lines.join('\n');
}

function firstLoadText(f) {
  const lines = ['\nfirst load (empty cache, every file but the API, gzip -9)'];
  for (const r of f) lines.push(`  ${pad(r.route, 30)}${padl(r.files, 5)} files${padl(kb(r.gzip), 12)}   ${mark(r.gzip <= BUNDLE_GZIP_TARGET)}`);
  return lines.join('\n');
}

function markdown(o, m, b, vb, sizes, loads = [], cps = [], floor = null) {
  const L = [];
  L.push('# Benchmarks', '');
  L.push('Generated by `./x bench` (`bench/run.mjs`); do not edit by hand (the analysis comes from `bench/NOTES.md`).', '');
  L.push('The portal\'s devices screen against `bench/vanilla/`, a minimal hand-written page (fetch + `JSON.parse` +',
    'Array filter/sort + one page of rows into the DOM) on the same API and server: the stand-in for the speed limit',
    'of the browser. Ratios are portal ÷ vanilla (lower is better); each figure has its ratio target.', '');
  L.push('## Machine', '');
  L.push('| | |', '|---|---|');
  L.push(`| date | ${m.date} |`, `| CPU | ${m.cpu}, ${m.cores} cores, ${m.memory} RAM |`, `| OS | ${m.os} |`,
    `| browser | ${m.chromium}, headless, via Playwright |`, `| rustc | ${m.rustc} |`, `| node | ${m.node} |`,
    `| commit | ${m.commit} |`, `| runs | median of ${o.runs} (${o.largeRuns} at ≥ 50,000 devices) after one uncounted warm-up run of each page |`);
  L.push('');
  L.push('## Bundle', '');
  L.push('| file | raw | gzip -9 | brotli 11 |', '|---|---:|---:|---:|');
  for (const r of b.rows) L.push(`| ${r.file} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} |`);
  L.push(`| **total** | **${kb(b.total.raw)}** | **${kb(b.total.gzip)}** | **${kb(b.total.brotli)}** |`);
  L.push('', 'Every file of the app: every screen and every server\'s code, most of it fetched only when needed (the wasm is split: ' +
    '`mdm-portal_bg.wasm` is the first load\'s module, `backend_*` one per server, the rest chunks of screens and the code they share). ' +
    `The ${kb(BUNDLE_GZIP_TARGET)} gzip target applies to the first load (next section). ` +
    `The vanilla page is ${kb(vb.total.raw)} raw / ${kb(vb.total.gzip)} gzip.`, '');
  if (loads.length) {
    L.push('## First load', '');
    L.push('What a browser with an empty cache fetches for a screen on a fresh page (every file but the API: index.html, config.json,',
      'CSS, JavaScript, the main wasm module, the configured server\'s chunks and the screen\'s chunks), gzip -9 sizes. The first',
      'row is the first load proper: sign-in, then the devices screen; the last rows are the same for the portal configured for',
      'the other servers (mock-server `--portal-backend`).', '');
    L.push(`| screen | files | gzip -9 | ≤ ${kb(BUNDLE_GZIP_TARGET)} |`, '|---|---:|---:|---|');
    for (const r of loads) L.push(`| ${r.route} | ${r.files} | ${kb(r.gzip)} | ${r.gzip <= BUNDLE_GZIP_TARGET ? 'met' : `**missed by ${kb(r.gzip - BUNDLE_GZIP_TARGET)}**`} |`);
    L.push('');
    if (floor) L.push(floorText(floor), '');
  }
  for (const s of sizes) {
    L.push(`## ${grouped(s.devices)} devices`, '');
    L.push(`${grouped(s.total)} ACTIVE devices are listed (the screen's default status filter); the search "${s.search}" matches ${grouped(s.matching)}. ` +
      `Median of ${s.runs} runs (min–max in brackets). Load average during the runs: ${s.load}.`, '');
    const hasAbs = s.devices === TARGET_SIZE;
    L.push(`| figure | portal | vanilla | ratio |${hasAbs ? ' target |' : ''} ratio target |`, `|---|---:|---:|---:|${hasAbs ? '---|' : ''}---|`);
    for (const r of s.rows) {
      const rg = (x) => (x ? ` (${ms(x[0])}–${ms(x[1])})` : '');
      L.push(`| ${r.label} | ${ms(r.portal)}${rg(r.portalRange)} | ${ms(r.vanilla)}${rg(r.vanillaRange)} | ${ratioText(r.ratio)} |` +
        `${hasAbs ? ` ≤ ${r.target} ms: ${r.abs ? 'met' : `**missed by ${ms(r.portal - r.target)}**`} |` : ''} ≤ ${ratioTarget(r.id, s.devices).toFixed(1)}×: ${ratioMet(r, s.devices) ? 'met' : '**missed**'} |`);
    }
    L.push(`| of which: the devices response arrived | ${ms(s.network.portal)} | ${ms(s.network.vanilla)} | |${hasAbs ? ' |' : ''} |`);
    if (s.firstRows?.atAll != null) {
      const ok = s.firstRows.afterAnswer <= FIRST_ROWS_AFTER_ANSWER;
      L.push(`| first rows on screen (while the rest arrives) | ${ms(s.firstRows.atAll)}; ${ms(s.firstRows.afterAnswer)} after the answer began | | |` +
        `${hasAbs ? ` ≤ ${FIRST_ROWS_AFTER_ANSWER} ms after the answer: ${ok ? 'met' : `**missed by ${ms(s.firstRows.afterAnswer - FIRST_ROWS_AFTER_ANSWER)}**`} |` : ''} |`);
    }
    L.push(`| heap after load: JS heap + wasm memory | ${mb(s.heap.portal)} (JS ${mb(s.heap.portalJs)} + wasm ${mb(s.heap.portalWasm)}) | ${mb(s.heap.vanilla)} | ${ratioText(s.heap.ratio)} |${hasAbs ? ' |' : ''} ≤ ${heapTarget(s.devices).toFixed(1)}×: ${heapMet(s) ? 'met' : '**missed**'} |`);
    L.push('', `CSV files identical to the oracle's in every run: portal ${s.csvOk.portal ? 'yes' : '**no**'}, vanilla ${s.csvOk.vanilla ? 'yes' : '**no**'} ` +
      `(${kb(s.csvBytes)}).${s.errors.length ? ` Page errors: ${s.errors.join('; ')}` : ''}`, '');
  }
  if (cps.length) {
    L.push('## CPS: the same screen over the paged API', '');
    L.push('The portal on a CPS server (mock-server `--portal-backend cps`, the same seed): the devices list is walked page by page',
      '(at most 1,000 devices a call, CPS guide, "Handling Paged Responses"), paced within the guide\'s rate limits, and shown while it',
      'arrives. Compared with the whole list over EPMM V1 (one streamed answer) measured in the same run.', '');
    L.push('| devices | listed | first rows (sign-in →) | after the first answer began | whole list | calls | 429 answers | EPMM V1 whole list | ratio |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const c of cps) {
      const target = c.devices === TARGET_SIZE ? ` (≤ ${CPS_FIRST_ROWS} ms: ${c.firstRows <= CPS_FIRST_ROWS ? 'met' : `**missed by ${ms(c.firstRows - CPS_FIRST_ROWS)}**`})` : '';
      L.push(`| ${grouped(c.devices)} | ${c.listed} | ${ms(c.firstRows)}${target} | ${ms(c.rowsAfterAnswer)} | ${ms(c.whole)} | ${c.calls} | ${c.tooMany} | ${ms(c.epmmWhole)} | ${ratioText(c.ratio)} |`);
    }
    L.push('');
  }
  const missed = [];
  for (const c of cps) {
    if (c.devices === TARGET_SIZE && !(c.firstRows <= CPS_FIRST_ROWS)) missed.push(`CPS, ${grouped(c.devices)} devices, first rows: ${ms(c.firstRows)}, ${ms(c.firstRows - CPS_FIRST_ROWS)} over ${CPS_FIRST_ROWS} ms`);
    if (c.tooMany > 0) missed.push(`CPS, ${grouped(c.devices)} devices: ${c.tooMany} calls answered 429`);
  }
  for (const s of sizes) {
    if (s.devices === TARGET_SIZE && s.firstRows?.afterAnswer > FIRST_ROWS_AFTER_ANSWER) missed.push(`${grouped(s.devices)} devices, first rows: ${ms(s.firstRows.afterAnswer)} after the answer began, ${ms(s.firstRows.afterAnswer - FIRST_ROWS_AFTER_ANSWER)} over ${FIRST_ROWS_AFTER_ANSWER} ms`);
  }
  for (const r of loads) {
    if (r.gzip > BUNDLE_GZIP_TARGET) missed.push(`first load, ${r.route}: ${kb(r.gzip)} gzip, ${kb(r.gzip - BUNDLE_GZIP_TARGET)} over ${kb(BUNDLE_GZIP_TARGET)}`);
  }
  for (const s of sizes) {
    for (const r of s.rows) {
      if (r.abs === false) missed.push(`${grouped(s.devices)} devices, ${r.label}: ${ms(r.portal)}, ${ms(r.portal - r.target)} over ${r.target} ms (${(r.portal / r.target).toFixed(2)}×)`);
      if (ratioMet(r, s.devices) === false) missed.push(`${grouped(s.devices)} devices, ${r.label}: ${ratioText(r.ratio)} the vanilla page (${ms(r.portal)} vs ${ms(r.vanilla)})`);
    }
    if (heapMet(s) === false) missed.push(`${grouped(s.devices)} devices, heap after load: ${ratioText(s.heap.ratio)} the vanilla page (${mb(s.heap.portal)} vs ${mb(s.heap.vanilla)})`);
  }
  L.push('## Targets missed in this run', '');
  L.push(...(missed.length ? missed.map((x) => `- ${x}`) : ['None.']), '');
  L.push('## Method', '');
  L.push(
    '- Each size runs its own mock-server (`--devices N --seed 1`) whose `--dist` is a copy of `dist/` plus `bench/vanilla/` at `/vanilla/`:',
    '  both pages are served by the same server on the same origin, get the same (cached, gzip) API answers, and sign in the same way',
    '  (`GET /api/v1/dm/labels`, then `GET /api/v1/dm/devices?status=ACTIVE`, Basic auth + `X-Requested-With`).',
    '- A fresh browser context per run (cold caches, nothing memoised from an earlier run); portal and vanilla runs alternate.',
    '- Times are taken inside the page with `performance.now()`: from the synthetic user action (a click, or the Search box\'s value set',
    '  and an `input` event dispatched) until the DOM shows what the oracle in `run.mjs` says it must (status text, row count, first and',
    '  last row, `aria-sort`), checked after every batch of DOM mutations, then a forced style recalculation and layout',
    '  (`document.body.offsetHeight`). Paint is not included (it is the same 50 rows for both pages).',
    '- Between steps the page is left to go idle (300 ms, then `requestIdleCallback`); after the first page, 500 ms and idle. The search',
    '  is therefore measured on a settled page, as a user would type it. CSV: from the click to Playwright\'s `download` event; the file is',
    '  compared byte for byte with the oracle\'s CSV (every row sorted by User, the visible columns).',
    '- Heap: after the first page and the idle period, `HeapProfiler.collectGarbage`, then `JSHeapUsedSize` (CDP `Performance.getMetrics`)',
    '  plus the size of the portal\'s wasm linear memory (which never shrinks, so it holds the peak of loading).',
    '- The machine has 2 cores and other work may run on it: the load average is printed with each size; ratios are more stable than',
    '  absolute times because both pages see the same noise.',
    '');
  const notes = path.join(HERE, 'NOTES.md');
  if (fs.existsSync(notes)) L.push(fs.readFileSync(notes, 'utf8').trim(), '');
  return L.join('\n');
}

// ---------------------------------------------------------------------------------------------

/** BENCHMARKS.md from the results a run saved (`--json`), with the current bench/NOTES.md. */
function rewrite(o) {
  const raw = JSON.parse(fs.readFileSync(o.fromJson, 'utf8'));
  const sizes = raw.sizes.map((s) => s.summary);
  const runsAt = (large) => raw.sizes.find((s) => (s.devices >= 50000) === large)?.summary.runs;
  o.runs = runsAt(false) ?? o.runs;
  o.largeRuns = runsAt(true) ?? o.largeRuns;
  fs.writeFileSync(o.out, markdown(o, raw.machine, raw.bundle, bundle(path.join(HERE, 'vanilla')), sizes, raw.firstLoads, raw.cps ?? [], raw.floor));
  console.log(`wrote ${path.relative(process.cwd(), o.out)} from ${path.relative(process.cwd(), o.fromJson)}`);
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (o.fromJson) return rewrite(o);
  if (!fs.existsSync(path.join(o.dist, 'index.html'))) throw new Error(`${o.dist} has no index.html: build the portal first (./x build)`);
  if (!fs.existsSync(o.server)) throw new Error(`${o.server} missing: build mock-server first (./x build)`);

  const site = fs.mkdtempSync(path.join(os.tmpdir(), 'mdm-bench-'));
  fs.cpSync(o.dist, site, { recursive: true });
  fs.cpSync(path.join(HERE, 'vanilla'), path.join(site, 'vanilla'), { recursive: true });

  const b = bundle(o.dist);
  const vb = bundle(path.join(HERE, 'vanilla'));
  console.log(bundleText(b));

  const browser = await chromium.launch({
    executablePath: o.chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const m = machine(`Chromium ${browser.version()}`);
  console.log(`\n${m.cpu}, ${m.cores} cores; Chromium ${browser.version()}; ${m.rustc}; commit ${m.commit}`);

  const sizes = [];
  const raw = { machine: m, bundle: b, sizes: [], cps: [], floor: floorBundle() };
  if (raw.floor) console.log(`\n${floorText(raw.floor)}`);
  let server = null;
  const cleanup = async () => {
    if (server) await stopServer(server);
    server = null;
  };
  process.on('SIGINT', () => { cleanup().finally(() => process.exit(130)); });
  try {
    for (const devices of o.sizes) {
      const runs = devices >= 50000 ? o.largeRuns : o.runs;
      server = await startServer(o, site, devices);
      const started = performance.now();
      const api = await apiGet(server.base, '/api/v1/dm/devices?status=ACTIVE');
      if (api.status !== 200) throw new Error(`devices API answered ${api.status}`);
      const list = JSON.parse(api.body.toString('utf8')).devices?.device ?? [];
      const exp = expectations(Array.isArray(list) ? list : [list], o.search);
      await apiGet(server.base, '/api/v1/dm/labels');
      const timeoutMs = 120_000;
      if (!raw.firstLoads) {
        raw.firstLoads = await firstLoads(browser, server.base, o.dist);
        console.log(firstLoadText(raw.firstLoads));
      }
      const loadBefore = os.loadavg()[0];
      process.stdout.write(`\n${grouped(devices)} devices: warm-up`);
      for (const kind of ['portal', 'vanilla']) await oneRun(browser, server.base, kind, exp, o.search, timeoutMs);
      const results = { portal: [], vanilla: [] };
      for (let i = 0; i < runs; i++) {
        process.stdout.write(`, run ${i + 1}`);
        for (const kind of ['portal', 'vanilla']) results[kind].push(await oneRun(browser, server.base, kind, exp, o.search, timeoutMs));
      }
      const loadAfter = os.loadavg()[0];
      process.stdout.write(` (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
      await cleanup();
      const s = summarise({
        devices, runs, total: exp.total, matching: exp.matching, search: o.search, csvBytes: exp.csvBytes,
        load: `${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)} (1-minute average, before → after)`,
      }, results);
      sizes.push(s);
      raw.sizes.push({ devices, results, summary: s });
      console.log(textTable(s));
      if (o.cps) {
        const c = summariseCps(devices, await cpsRuns(browser, o, site, devices, runs, timeoutMs * 3), s.rows.find((r) => r.id === 'first')?.portal);
        raw.cps.push(c);
        console.log(cpsText(c));
      }
    }
    const others = await otherFirstLoads(browser, o, site);
    raw.firstLoads = [...(raw.firstLoads ?? []), ...others];
    console.log(firstLoadText(others));
  } finally {
    await cleanup();
    await browser.close();
    fs.rmSync(site, { recursive: true, force: true });
  }
  console.log(bundleText(b));
  if (o.json) {
    fs.mkdirSync(path.dirname(o.json), { recursive: true });
    fs.writeFileSync(o.json, JSON.stringify(raw, null, 1));
  }
  if (o.write) {
    fs.writeFileSync(o.out, markdown(o, m, b, vb, sizes, raw.firstLoads, raw.cps, raw.floor));
    console.log(`\nwrote ${path.relative(process.cwd(), o.out)} and ${path.relative(process.cwd(), o.json)}`);
  }
}

main().catch((e) => {
  console.error(e.stack ?? String(e));
  process.exit(1);
});
