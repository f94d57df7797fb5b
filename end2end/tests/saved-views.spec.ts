// Saved views (issue 19, "Daily use"): a name for the current list view (filters, search, sort,
// columns), found again from the list; views and column choices are the signed-in user's own,
// not everyone's on this browser.
import { test, expect, signInAsAdmin, apiDevices, headerTitles, showing, DEFAULT_DEVICE_COLUMNS } from './support';

test('a view is saved under a name, chosen again from the list, replaced and deleted', async ({ page, request }) => {
  const lost = await apiDevices(request, 'LOST');
  await signInAsAdmin(page, '/devices');
  const views = page.getByRole('group', { name: 'Saved views' });
  const picker = views.getByRole('combobox', { name: 'Saved view' });
  await expect(picker.getByRole('option')).toHaveText(['None saved']);

  // The view: lost devices, sorted by user, without the Phone column.
  await page.getByLabel('Status').selectOption('LOST');
  await page.getByRole('columnheader', { name: 'User' }).getByRole('button').click();
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('group', { name: 'Choose columns' }).getByRole('checkbox', { name: 'Phone' }).uncheck();
  await page.getByRole('button', { name: 'Close' }).click();
  const columns = DEFAULT_DEVICE_COLUMNS.filter((c) => c !== 'Phone');
  await expect.poll(() => headerTitles(page)).toEqual(columns);

  // A name is required; then saved.
  await views.getByRole('button', { name: 'Save view' }).click();
  const form = views.getByRole('form', { name: 'Save view' });
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(form.getByRole('alert')).toHaveText('Name the view.');
  await form.getByLabel('View name').fill('Lost, by user');
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(views.getByRole('status')).toHaveText('View “Lost, by user” saved.');
  await expect(form).toHaveCount(0);
  await expect(picker).toHaveValue('Lost, by user');

  // A fresh list (another status, the default columns), then the saved view again.
  await page.goto('devices?status=ACTIVE&cols=name,user');
  await expect.poll(() => headerTitles(page)).toEqual(['Name', 'User']);
  await expect(picker).toHaveValue('');
  await picker.selectOption('Lost, by user');
  await expect(page).toHaveURL(/status=LOST/);
  await expect(page.getByLabel('Status')).toHaveValue('LOST');
  await expect(page.getByRole('columnheader', { name: 'User' })).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(() => headerTitles(page)).toEqual(columns);
  await expect(showing(page)).toHaveText(`Showing 1–${Math.min(50, lost.length)} of ${lost.length}`);

  // Kept across visits; saving under the same name replaces it.
  await page.reload();
  await expect(picker).toHaveValue('Lost, by user');
  await page.getByRole('searchbox', { name: 'Search' }).fill('a');
  await expect(picker).toHaveValue('');
  await views.getByRole('button', { name: 'Save view' }).click();
  await form.getByLabel('View name').fill('lost, BY user');
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(picker.getByRole('option')).toHaveText(['Choose…', 'lost, BY user']);
  await expect(picker).toHaveValue('lost, BY user');

  await views.getByRole('button', { name: 'Delete view' }).click();
  await expect(views.getByRole('status')).toHaveText('View “lost, BY user” deleted.');
  await expect(picker.getByRole('option')).toHaveText(['None saved']);
});

test('views and column choices are the signed-in user\'s own, not everyone\'s on the browser', async ({ page }) => {
  await signInAsAdmin(page, '/devices');
  await expect.poll(() => headerTitles(page)).toEqual(DEFAULT_DEVICE_COLUMNS);
  // Another user of this browser chose columns and saved a view on the same list.
  await page.evaluate(() => {
    localStorage.setItem('mdm-portal.columns.someone.devices', 'name');
    localStorage.setItem('mdm-portal.views.someone.devices', JSON.stringify([{ name: 'Someone\'s view', query: 'status=LOST' }]));
  });
  await page.reload();
  await expect(showing(page)).toHaveText(/^Showing 1–50 of /);
  await expect.poll(() => headerTitles(page)).toEqual(DEFAULT_DEVICE_COLUMNS);
  const picker = page.getByRole('group', { name: 'Saved views' }).getByRole('combobox', { name: 'Saved view' });
  await expect(picker.getByRole('option')).toHaveText(['None saved']);

  // The admin's own choice is stored under the admin's name.
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('group', { name: 'Choose columns' }).getByRole('checkbox', { name: 'Phone' }).uncheck();
  await page.getByRole('button', { name: 'Close' }).click();
  const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('mdm-portal.columns.')).sort());
  expect(stored).toEqual(['mdm-portal.columns.admin.devices', 'mdm-portal.columns.someone.devices']);
});
