import { test, expect, signInAsAdmin, apiGet, tableRows, headerTitles, showing } from './support';

test('lists labels and opens a label’s member devices', async ({ page, request }) => {
  const { body } = await apiGet(request, '/api/v1/dm/labels');
  const labels: any[] = [].concat(body.labels.label);
  expect(labels.length).toBeGreaterThan(3);
  await signInAsAdmin(page, '/devices');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Labels' }).click();
  await expect(page.getByRole('table', { name: 'Labels' })).toBeVisible();
  expect(await headerTitles(page)).toEqual(['Name', 'Description', 'Type', 'Query', 'Devices']);
  await expect(showing(page)).toHaveText(`Showing 1–${labels.length} of ${labels.length}`);
  const rows = await tableRows(page);
  for (const l of labels) {
    const row = rows.find((r) => r[0] === l.name);
    expect(row, l.name).toBeTruthy();
    expect(row![2]).toBe(l.staticLabel ? 'Static' : 'Dynamic');
    expect(row![4]).toBe(String(l.deviceCount));
  }

  const label = labels.find((l) => l.deviceCount > 0 && l.staticLabel) ?? labels.find((l) => l.deviceCount > 0);
  const members = await apiGet(request, `/api/v1/dm/labels/${encodeURIComponent(label.name)}`);
  const count = members.body.totalCount;
  expect(count).toBe(label.deviceCount);
  await page.getByRole('link', { name: label.name, exact: true }).click();
  await expect(page.getByRole('heading', { name: `Label: ${label.name}` })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Devices in label' })).toBeVisible();
  await expect(showing(page)).toHaveText(`Showing 1–${Math.min(50, count)} of ${count}`);
});
