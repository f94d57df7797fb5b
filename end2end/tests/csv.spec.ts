import { readFile } from 'node:fs/promises';
import {
  test, expect, signInAsAdmin, apiDevices, showing, DEFAULT_DEVICE_COLUMNS, deviceCells, deviceCsvCells, parseCsv, csvCell, sortedBy,
} from './support';

test('Download CSV holds exactly the rows matching the filter, in the table order, with the visible columns', { tag: '@root' }, async ({ page, request }) => {
  const lost = await apiDevices(request, 'LOST');
  const active = await apiDevices(request, 'ACTIVE');
  await signInAsAdmin(page, '/devices');

  // A filter that spans more than one page: ACTIVE devices on a common platform, sorted by user.
  const term = 'android';
  const expected = sortedBy(
    active.filter((d) => deviceCells(d).some((c) => c.toLowerCase().includes(term))),
    (d) => d.principal,
  );
  expect(expected.length).toBeGreaterThan(50);
  await page.getByLabel('Search').fill(term);
  await page.getByRole('columnheader', { name: 'User' }).getByRole('button').click();
  await expect(showing(page)).toHaveText(`Showing 1–50 of ${expected.length}`);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  const today = new Date();
  const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  expect(download.suggestedFilename()).toBe(`devices-${iso}.csv`);
  const text = await readFile(await download.path(), 'utf8');
  expect(text.endsWith('\r\n')).toBe(true);
  const records = parseCsv(text);
  expect(records[0]).toEqual(DEFAULT_DEVICE_COLUMNS);
  expect(records.length - 1).toBe(expected.length);
  expect(records.slice(1)).toEqual(expected.map((d) => deviceCsvCells(d).map(csvCell)));

  // Another status: the file follows the filter.
  await page.getByLabel('Search').fill('');
  await page.getByLabel('Status').selectOption('LOST');
  await expect(showing(page)).toHaveText(new RegExp(`of ${lost.length}$`));
  const [d2] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
  const r2 = parseCsv(await readFile(await d2.path(), 'utf8'));
  expect(r2.length - 1).toBe(lost.length);
  const byUser = sortedBy(lost, (d) => d.principal);
  expect(r2.slice(1)).toEqual(byUser.map((d) => deviceCsvCells(d).map(csvCell)));
});
