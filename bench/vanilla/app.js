// The vanilla baseline of `./x bench`: the portal's devices screen written by hand, on the same API.
//
// Same work as the portal, nothing more: sign in (GET /api/v1/dm/labels with Basic auth, as the
// portal checks credentials), GET the ACTIVE devices, JSON.parse, then filter (case-insensitive
// substring over the visible columns' texts, every whitespace-separated term), sort (the column's
// key: lower-cased text or a number; empty values last; ties in data order), and render one page of
// 50 rows. CSV: every matching row in the current order, the visible columns, RFC 4180, formula-like
// cells prefixed with `'`, offered as a Blob download.
//
// Kept sensible rather than naive: the lower-cased search text of a row is computed on the first
// search and reused; the filtered+sorted index list is kept, so a page change only re-slices it.
// Like the portal, the view (search, sort, page) is written to the URL: a history entry for sort
// and page changes, and for typing one replaced entry 250 ms after the last key.
'use strict';

const PAGE_SIZE = 50;
const STATUS = {
  ACTIVE: 'Active', BLOCKED: 'Blocked', IENROLL_VERIFIED: 'Enrollment verified',
  IENROLL_INPROGRESS: 'Enrollment in progress', IENROLL_COMPLETE: 'Enrollment complete',
  INFECTED: 'Infected', LOST: 'Lost', VERIFICATION_PENDING: 'Verification pending',
  RETIRED: 'Retired', RETIRE_PENDING: 'Retire pending', VERIFIED: 'Verified', WIPED: 'Wiped',
  EXPIRED: 'Expired',
};

const str = (v) => (v == null ? '' : String(v));
const epoch = (iso) => {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
};
const shortDate = (ms) => (ms == null ? '' : new Date(ms).toISOString().slice(0, 16).replace('T', ' '));
// As the portal writes times in a CSV file: ISO 8601 UTC to the second.
const isoDate = (ms) => (ms == null ? '' : new Date(ms).toISOString().slice(0, 19) + '+00:00');
const popcount = (n) => {
  let c = 0;
  for (let b = n >>> 0; b; b &= b - 1) c++;
  return c;
};

// The portal's default visible device columns. `key` gives a number for numeric sorts; text
// columns sort by the lower-cased text.
const COLUMNS = [
  { id: 'name', title: 'Name', text: (d) => str(d.name), link: true },
  { id: 'user', title: 'User', text: (d) => str(d.principal) },
  { id: 'platform', title: 'Platform', text: (d) => str(d.platform) },
  { id: 'model', title: 'Model', text: (d) => str(d.model) },
  { id: 'status', title: 'Status', text: (d) => STATUS[d.status] ?? str(d.status), badge: true },
  { id: 'phone', title: 'Phone', text: (d) => str(d.phoneNumber || d.currentPhoneNumber) },
  {
    id: 'last_seen', title: 'Last check-in',
    text: (d) => shortDate(epoch(d.lastConnectedAt)), key: (d) => epoch(d.lastConnectedAt),
    csv: (d) => isoDate(epoch(d.lastConnectedAt)),
  },
  {
    id: 'compliance', title: 'Compliance', badge: true,
    text: (d) => {
      const n = popcount(Number(d.compliance ?? 0));
      return n === 0 ? 'Compliant' : n === 1 ? '1 issue' : `${n} issues`;
    },
    key: (d) => popcount(Number(d.compliance ?? 0)),
  },
];

const $ = (id) => document.getElementById(id);
let auth = '';
let devices = [];
let hay = null; // lower-cased search text per row, built on the first search
let query = '';
let sort = null; // { col, dir: 1 | -1 }
let view = null; // filtered+sorted row indices, or null for all rows in data order
let page = 1;

const headers = () => ({ Authorization: auth, 'X-Requested-With': 'XMLHttpRequest', Accept: 'application/json' });

$('sign-in').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const f = ev.target;
  auth = 'Basic ' + btoa(`${f.username.value.trim()}:${f.password.value}`);
  const check = await fetch('/api/v1/dm/labels', { headers: headers() });
  if (!check.ok && check.status !== 404) {
    $('error').textContent = 'Wrong username or password.';
    return;
  }
  const r = await fetch('/api/v1/dm/devices?status=ACTIVE', { headers: headers() });
  const body = r.status === 404 ? {} : JSON.parse(await r.text());
  const list = body.devices?.device ?? [];
  devices = Array.isArray(list) ? list : [list];
  f.hidden = true;
  $('devices').hidden = false;
  renderHead();
  render();
});

function renderHead() {
  const tr = $('head');
  for (const c of COLUMNS) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.setAttribute('aria-sort', 'none');
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = c.title;
    b.addEventListener('click', () => {
      sort = sort && sort.col === c ? { col: c, dir: -sort.dir } : { col: c, dir: 1 };
      for (const h of tr.children) h.setAttribute('aria-sort', 'none');
      th.setAttribute('aria-sort', sort.dir === 1 ? 'ascending' : 'descending');
      page = 1;
      recompute();
      writeUrl(false);
    });
    th.append(b);
    tr.append(th);
  }
}

function recompute() {
  const terms = [...new Set(query.toLowerCase().split(/\s+/).filter(Boolean))];
  let idx;
  if (terms.length) {
    if (!hay) hay = devices.map((d) => COLUMNS.map((c) => c.text(d)).join('\u001f').toLowerCase());
    idx = [];
    for (let i = 0; i < hay.length; i++) {
      const h = hay[i];
      if (terms.every((t) => h.includes(t))) idx.push(i);
    }
  } else if (sort) {
    idx = devices.map((_, i) => i);
  }
  if (sort) {
    const c = sort.col;
    const keys = c.key
      ? devices.map((d) => c.key(d))
      : devices.map((d) => {
        const t = c.text(d);
        return t.trim() === '' ? null : t.toLowerCase();
      });
    // Ascending with empty keys last and ties in data order; descending is its reverse.
    idx.sort((a, b) => {
      const ka = keys[a], kb = keys[b];
      if (ka === null || kb === null) return ka === kb ? a - b : ka === null ? 1 : -1;
      return ka < kb ? -1 : ka > kb ? 1 : a - b;
    });
    if (sort.dir === -1) idx.reverse();
  }
  view = idx ?? null;
  render();
}

function render() {
  const total = view ? view.length : devices.length;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  page = Math.min(Math.max(page, 1), pages);
  const start = Math.min((page - 1) * PAGE_SIZE, total);
  const end = Math.min(start + PAGE_SIZE, total);
  const rows = [];
  for (let p = start; p < end; p++) {
    const d = devices[view ? view[p] : p];
    const tr = document.createElement('tr');
    for (const c of COLUMNS) {
      const td = document.createElement('td');
      const text = c.text(d);
      if (c.link) {
        const a = document.createElement('a');
        a.href = `/devices/${encodeURIComponent(str(d.uuid))}`;
        a.textContent = text;
        td.append(a);
      } else if (c.badge) {
        const s = document.createElement('span');
        s.className = 'badge';
        s.textContent = text;
        td.append(s);
      } else {
        td.textContent = text;
      }
      tr.append(td);
    }
    rows.push(tr);
  }
  $('body').replaceChildren(...rows);
  $('showing').textContent = total === 0 ? 'Showing 0–0 of 0' : `Showing ${start + 1}–${end} of ${total}`;
  $('first').disabled = $('prev').disabled = page <= 1;
  $('next').disabled = $('last').disabled = page >= pages;
  last = pages;
}
let last = 1;

function writeUrl(replace) {
  const p = new URLSearchParams();
  if (query) p.set('q', query);
  if (sort) {
    p.set('sort', sort.col.id);
    p.set('dir', sort.dir === 1 ? 'asc' : 'desc');
  }
  if (page > 1) p.set('page', String(page));
  const url = `${location.pathname}${p.size ? `?${p}` : ''}`;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
}
let typing = 0;

$('search').addEventListener('input', (ev) => {
  query = ev.target.value;
  page = 1;
  recompute();
  clearTimeout(typing);
  typing = setTimeout(() => writeUrl(true), 250);
});
const go = (p) => {
  page = p;
  render();
  writeUrl(false);
};
$('first').addEventListener('click', () => go(1));
$('prev').addEventListener('click', () => go(page - 1));
$('next').addEventListener('click', () => go(page + 1));
$('last').addEventListener('click', () => go(last));

const FORMULA = /^[=+\-@\t\r]/;
const NUMBER = /^[+-]?\d+(\.\d+)?$/;
function csvCell(s) {
  if (FORMULA.test(s) && !NUMBER.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

$('csv').addEventListener('click', () => {
  const lines = [COLUMNS.map((c) => csvCell(c.title)).join(',')];
  const n = view ? view.length : devices.length;
  for (let p = 0; p < n; p++) {
    const d = devices[view ? view[p] : p];
    lines.push(COLUMNS.map((c) => csvCell((c.csv ?? c.text)(d))).join(','));
  }
  lines.push('');
  const blob = new Blob([lines.join('\r\n')], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `devices-${new Date().toISOString().slice(0, 10)}.csv`;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
});
