import {
  test, expect, signInAsAdmin, apiDevices, tableRows, headerTitles, showing,
  DEFAULT_DEVICE_COLUMNS, deviceCells, sortedBy, STATUS_LABELS,
} from './support';

test('pages through all active devices', { tag: '@root' }, async ({ page, request }) => {
  const active = await apiDevices(request, 'ACTIVE');
  const n = active.length;
  expect(n).toBeGreaterThan(1000);
  await signInAsAdmin(page, '/devices');
  const table = page.getByRole('table', { name: 'Devices' });
  await expect(table).toBeVisible();
  expect(await headerTitles(page)).toEqual(DEFAULT_DEVICE_COLUMNS);
  await expect(showing(page)).toHaveText(`Showing 1–50 of ${n}`);
  expect((await tableRows(page)).length).toBe(50);
  // Unsorted, rows come in the server's order.
  expect((await tableRows(page))[0]).toEqual(deviceCells(active[0]));

  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(showing(page)).toHaveText(`Showing 51–100 of ${n}`);
  expect((await tableRows(page))[0]).toEqual(deviceCells(active[50]));
  await expect(page).toHaveURL(/page=2/);

  await page.getByRole('button', { name: 'Last page' }).click();
  const lastStart = Math.floor((n - 1) / 50) * 50;
  await expect(showing(page)).toHaveText(`Showing ${lastStart + 1}–${n} of ${n}`);
  expect((await tableRows(page)).length).toBe(n - lastStart);
  await expect(page.getByRole('button', { name: 'Next page' })).toBeDisabled();

  await page.getByRole('button', { name: 'Previous page' }).click();
  await expect(showing(page)).toHaveText(`Showing ${lastStart - 49}–${lastStart} of ${n}`);
  await page.getByRole('button', { name: 'First page' }).click();
  await expect(showing(page)).toHaveText(`Showing 1–50 of ${n}`);
  await expect(page.getByRole('button', { name: 'Previous page' })).toBeDisabled();

  await page.getByLabel('Rows per page').selectOption('250');
  await expect(showing(page)).toHaveText(`Showing 1–250 of ${n}`);
  expect((await tableRows(page)).length).toBe(250);
  for (const size of ['25', '100']) {
    await page.getByLabel('Rows per page').selectOption(size);
    await expect(showing(page)).toHaveText(`Showing 1–${size} of ${n}`);
  }
});

test('sorts by a column, and again to reverse', { tag: '@root' }, async ({ page, request }) => {
  const active = await apiDevices(request, 'ACTIVE');
  await signInAsAdmin(page, '/devices');
  const header = page.getByRole('columnheader', { name: 'User' });
  await expect(header).toHaveAttribute('aria-sort', 'none');
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  const asc = sortedBy(active, (d) => d.principal);
  await expect.poll(async () => (await tableRows(page)).slice(0, 5).map((r) => r[1])).toEqual(
    asc.slice(0, 5).map((d) => d.principal),
  );
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  const desc = sortedBy(active, (d) => d.principal, true);
  await expect.poll(async () => (await tableRows(page))[0][1]).toBe(desc[0].principal);

  // Dates sort by time, not text.
  const seen = page.getByRole('columnheader', { name: 'Last check-in' });
  await seen.getByRole('button').click();
  const byDate = [...active].sort((a, b) => Date.parse(a.lastConnectedAt) - Date.parse(b.lastConnectedAt));
  await expect.poll(async () => (await tableRows(page))[0]).toEqual(deviceCells(byDate[0]));
});

test('filters by status', { tag: '@root' }, async ({ page, request }) => {
  await signInAsAdmin(page, '/devices');
  for (const status of ['LOST', 'WIPED', 'RETIRE_PENDING']) {
    const devices = await apiDevices(request, status);
    expect(devices.length).toBeGreaterThan(0);
    await page.getByLabel('Status').selectOption(status);
    await expect(page).toHaveURL(new RegExp(`status=${status}`));
    await expect(showing(page)).toHaveText(`Showing 1–${Math.min(50, devices.length)} of ${devices.length}`);
    const rows = await tableRows(page);
    expect(rows.every((r) => r[4] === STATUS_LABELS[status])).toBe(true);
  }
});

test('searches over the visible columns', { tag: '@root' }, async ({ page, request }) => {
  const active = await apiDevices(request, 'ACTIVE');
  const target = active[17];
  await signInAsAdmin(page, '/devices');
  await expect(showing(page)).toHaveText(`Showing 1–50 of ${active.length}`);

  const term = target.principal as string;
  const expected = active.filter((d) => deviceCells(d).some((c) => c.toLowerCase().includes(term.toLowerCase())));
  await page.getByLabel('Search').fill(term);
  await expect(showing(page)).toHaveText(`Showing 1–${Math.min(50, expected.length)} of ${expected.length}`);
  const rows = await tableRows(page);
  expect(rows.map((r) => r[0])).toEqual(expected.slice(0, 50).map((d) => d.name));
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(term)}`));

  // Two terms must both match; no match shows an empty state.
  await page.getByLabel('Search').fill(`${term} zzzz-no-such-thing`);
  await expect(showing(page)).toHaveText('Showing 0–0 of 0');
  await expect(page.getByRole('table').getByText(/No devices match/)).toBeVisible();

  await page.getByLabel('Search').fill('');
  await expect(showing(page)).toHaveText(`Showing 1–50 of ${active.length}`);
});
