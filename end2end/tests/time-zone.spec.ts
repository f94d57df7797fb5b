// Times in the admin's own time zone (issue 19, "Daily use"): list cells and detail fields in the
// browser's zone, the zone named, the exact UTC time on hover; CSV files keep ISO 8601 UTC.
import { readFile } from 'node:fs/promises';
import { test, expect, signInAsAdmin, apiDevices, showing, parseCsv, csvTime, shortDate, tableRows, DEFAULT_DEVICE_COLUMNS } from './support';

const ZONE = 'America/New_York';
test.use({ timezoneId: ZONE });

/** `YYYY-MM-DD HH:MM` in ZONE, computed apart from the portal (Intl, not its code). */
function local(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/** New York's offset at that time, as the portal names it (`UTC−05:00` in winter). */
function offset(iso: string): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, timeZoneName: 'longOffset' })
    .formatToParts(new Date(iso)).find((p) => p.type === 'timeZoneName')!.value; // GMT-05:00
  return name.replace('GMT', 'UTC').replace('-', '−');
}

test('times are shown in the admin\'s zone, named, with UTC on hover; the CSV keeps ISO 8601 UTC', { tag: '@root' }, async ({ page, request }) => {
  const active = await apiDevices(request, 'ACTIVE');
  const first = active[0];
  expect(first.lastConnectedAt).toBeTruthy();
  const col = DEFAULT_DEVICE_COLUMNS.indexOf('Last check-in');
  // The zone really moves the time (a test that cannot fail otherwise).
  expect(local(first.lastConnectedAt)).not.toBe(shortDate(first.lastConnectedAt));

  await signInAsAdmin(page, '/devices');
  await expect(showing(page)).toHaveText(/^Showing 1–50 of /);
  await expect(page.getByText(`Times in ${ZONE}, ${offset(new Date().toISOString())} (hover a time for UTC).`)).toBeVisible();
  await expect.poll(async () => (await tableRows(page))[0][col]).toBe(local(first.lastConnectedAt));
  const utc = `${shortDate(first.lastConnectedAt)}:${new Date(first.lastConnectedAt).toISOString().slice(17, 19)} UTC`;
  await expect(page.getByRole('table', { name: 'Devices' }).getByTitle(utc).first()).toHaveText(local(first.lastConnectedAt));

  // Sorting by time is unchanged by the zone: the earliest check-in first.
  await page.getByRole('columnheader', { name: 'Last check-in' }).getByRole('button').click();
  const earliest = [...active].sort((a, b) => Date.parse(a.lastConnectedAt) - Date.parse(b.lastConnectedAt))[0];
  await expect.poll(async () => (await tableRows(page))[0][col]).toBe(local(earliest.lastConnectedAt));

  // The CSV keeps ISO 8601 UTC.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
  const records = parseCsv(await readFile(await download.path(), 'utf8'));
  expect(records[0][col]).toBe('Last check-in');
  expect(records[1][col]).toBe(csvTime(earliest.lastConnectedAt));

  // A device page names the zone with the time.
  await page.getByRole('link', { name: earliest.name, exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: earliest.name })).toBeVisible();
  await expect(page.getByText(`${local(earliest.lastConnectedAt)} ${offset(earliest.lastConnectedAt)}`, { exact: true }).first()).toBeVisible();
});
