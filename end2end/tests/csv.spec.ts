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
  // Issue 19: the file is named after the screen, its filter (status, search) and the date.
  expect(download.suggestedFilename()).toBe(`devices-active-android-${iso}.csv`);
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
  expect(d2.suggestedFilename()).toBe(`devices-lost-${iso}.csv`);
  const r2 = parseCsv(await readFile(await d2.path(), 'utf8'));
  expect(r2.length - 1).toBe(lost.length);
  const byUser = sortedBy(lost, (d) => d.principal);
  expect(r2.slice(1)).toEqual(byUser.map((d) => deviceCsvCells(d).map(csvCell)));
});

test('"For Excel" starts the CSV with the UTF-8 byte order mark; the plain file has none; accents survive either way', { tag: '@root' }, async ({ page, request }) => {
  const active = await apiDevices(request, 'ACTIVE');
  const accented = active.find((d) => /[À-ÿ]/.test(String(d.userLastName)));
  expect(accented, 'an active device whose user has an accented name').toBeTruthy();
  const word = String(accented.userLastName);
  await signInAsAdmin(page, '/devices');
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('group', { name: 'Choose columns' }).getByRole('checkbox', { name: 'Display name' }).check();
  await page.getByLabel('Search').fill(word);
  await expect(page.getByRole('link', { name: accented.name, exact: true })).toBeVisible();
  const download = async () => {
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    return { name: d.suggestedFilename(), bytes: await readFile(await d.path()) };
  };
  const slug = word.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const plain = await download();
  expect(plain.name).toMatch(new RegExp(`^devices-active-${slug}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  expect([...plain.bytes.subarray(0, 4)]).toEqual([...Buffer.from('Name')]);
  expect(plain.bytes.toString('utf8')).toContain(accented.userDisplayName);

  await page.getByRole('checkbox', { name: 'For Excel' }).check();
  const excel = await download();
  expect(excel.name).toBe(plain.name);
  expect([...excel.bytes.subarray(0, 7)]).toEqual([0xef, 0xbb, 0xbf, ...Buffer.from('Name')]);
  expect(excel.bytes.subarray(3).equals(plain.bytes)).toBe(true);
});
