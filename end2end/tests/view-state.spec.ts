import { test, expect, signInAsAdmin, apiDevices, tableRows, headerTitles, showing, sortedBy, deviceCells, DEFAULT_DEVICE_COLUMNS } from './support';

test('the whole view lives in the URL: reload and shared links restore it', async ({ page, request }) => {
  const lost = await apiDevices(request, 'LOST');
  const active = await apiDevices(request, 'ACTIVE');
  const term = 'ios';
  const matching = sortedBy(
    active.filter((d) => deviceCells(d).some((c) => c.toLowerCase().includes(term))),
    (d) => d.principal,
    true,
  );
  expect(matching.length).toBeGreaterThan(50);
  await signInAsAdmin(page, `/devices?q=${term}&sort=user&dir=desc&page=2&size=25`);
  await expect(page.getByLabel('Search')).toHaveValue(term);
  await expect(page.getByRole('columnheader', { name: 'User' })).toHaveAttribute('aria-sort', 'descending');
  await expect(page.getByLabel('Rows per page')).toHaveValue('25');
  await expect(showing(page)).toHaveText(`Showing 26–50 of ${matching.length}`);
  expect((await tableRows(page))[0]).toEqual(deviceCells(matching[25]));

  await page.reload();
  await expect(showing(page)).toHaveText(`Showing 26–50 of ${matching.length}`);
  await expect(page.getByLabel('Search')).toHaveValue(term);

  // A filter in the URL too.
  await page.goto('devices?status=LOST&size=100');
  await expect(page.getByLabel('Status')).toHaveValue('LOST');
  await expect(showing(page)).toHaveText(`Showing 1–${Math.min(100, lost.length)} of ${lost.length}`);
});

test('browser back and forward move between views', async ({ page, request }) => {
  const active = await apiDevices(request, 'ACTIVE');
  await signInAsAdmin(page, '/devices');
  await expect(showing(page)).toHaveText(`Showing 1–50 of ${active.length}`);
  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(showing(page)).toHaveText(`Showing 51–100 of ${active.length}`);
  await page.getByRole('columnheader', { name: 'Model' }).getByRole('button').click();
  await expect(page.getByRole('columnheader', { name: 'Model' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(showing(page)).toHaveText(`Showing 1–50 of ${active.length}`);
  await page.getByLabel('Status').selectOption('WIPED');
  await expect(page).toHaveURL(/status=WIPED/);

  await page.goBack();
  await expect(page.getByLabel('Status')).toHaveValue('ACTIVE');
  await expect(page.getByRole('columnheader', { name: 'Model' })).toHaveAttribute('aria-sort', 'ascending');
  await page.goBack();
  await expect(page.getByRole('columnheader', { name: 'Model' })).toHaveAttribute('aria-sort', 'none');
  await expect(showing(page)).toHaveText(`Showing 51–100 of ${active.length}`);
  await page.goForward();
  await expect(page.getByRole('columnheader', { name: 'Model' })).toHaveAttribute('aria-sort', 'ascending');
});

test('the column chooser shows, hides and reorders columns, and the choice is remembered', async ({ page }) => {
  await signInAsAdmin(page, '/devices');
  expect(await headerTitles(page)).toEqual(DEFAULT_DEVICE_COLUMNS);
  await page.getByRole('button', { name: 'Columns' }).click();
  const chooser = page.getByRole('group', { name: 'Choose columns' });
  await chooser.getByRole('checkbox', { name: 'Phone' }).uncheck();
  await chooser.getByRole('checkbox', { name: 'Serial number' }).check();
  await chooser.getByRole('button', { name: 'Move Serial number up' }).click();
  await chooser.getByRole('button', { name: 'Move Name down' }).click();
  await page.getByRole('button', { name: 'Close' }).click();
  const chosen = ['User', 'Name', 'Platform', 'Model', 'Status', 'Last check-in', 'Serial number', 'Compliance'];
  expect(await headerTitles(page)).toEqual(chosen);
  await expect(page).toHaveURL(/cols=/);

  // Remembered per browser: a fresh visit without the URL keeps it; only preferences are stored.
  await page.goto('labels');
  await page.goto('devices');
  await expect.poll(() => headerTitles(page)).toEqual(chosen);
  const stored = await page.evaluate(() => JSON.stringify(localStorage));
  expect(stored).not.toMatch(/admin1234|Basic /);

  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('button', { name: 'Reset columns' }).click();
  await expect.poll(() => headerTitles(page)).toEqual(DEFAULT_DEVICE_COLUMNS);
});
