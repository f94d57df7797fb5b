// Alerts: the inbox and its filters, one alert's page, and marking alerts read / unread with a
// comment (checked through the API, and restored).
import { test, expect, signInAsAdmin, apiGet, tableRows, headerTitles, showing, basic, shortDate, ADMIN, appHref } from './support';

async function apiAlerts(request: any, isRead?: boolean): Promise<any[]> {
  const { status, body } = await apiGet(request, `/api/v1/alerts${isRead === undefined ? '' : `?isRead=${isRead}`}`);
  if (status === 404) return [];
  return [].concat(body.alerts.alert);
}

/** Newest first, as the inbox shows them. */
function newestFirst(list: any[]): any[] {
  return [...list].sort((a, b) => (a.alertDate < b.alertDate ? 1 : a.alertDate > b.alertDate ? -1 : b.id - a.id));
}

async function setRead(request: any, ids: number[], read: boolean) {
  const q = ids.map((i) => `id=${i}`).join('&');
  const r = await request.put(`/api/v1/alerts?${q}&isRead=${read}&comments=restore`, {
    headers: { Authorization: basic(ADMIN.user, ADMIN.password), Accept: 'application/json' },
  });
  expect(r.status()).toBe(200);
}

test('the inbox lists alerts newest first, with read-state and severity filters', async ({ page, request }) => {
  const all = await apiAlerts(request);
  const unread = await apiAlerts(request, false);
  const read = await apiAlerts(request, true);
  expect(unread.length + read.length).toBe(all.length);
  await signInAsAdmin(page, '/dashboard');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
  await expect(page.getByRole('table', { name: 'Alerts' })).toBeVisible();
  expect(await headerTitles(page)).toEqual(['Date', 'Read state', 'Severity', 'Type', 'Message', 'User', 'Sent by']);
  await expect(showing(page)).toHaveText(`Showing 1–50 of ${all.length}`);
  const first = newestFirst(all)[0];
  const row = (await tableRows(page))[0];
  expect(row[1]).toBe(first.isActive ? 'Unread' : 'Read');
  expect(row[4]).toBe(String(first.alertText).replace(/^[A-Z]+::/, ''));
  expect(row[5]).toBe(first.userName);

  await page.getByLabel('Read state').selectOption('unread');
  await expect(page).toHaveURL(/read=unread/);
  await expect(showing(page)).toHaveText(`Showing 1–50 of ${unread.length}`);
  expect((await tableRows(page)).every((r) => r[1] === 'Unread')).toBe(true);
  await page.getByLabel('Severity').selectOption('critical');
  const critical = unread.filter((a) => a.severity === 'CRITICAL').length;
  await expect(showing(page)).toHaveText(`Showing 1–${Math.min(50, critical)} of ${critical}`);
  expect((await tableRows(page)).every((r) => r[2] === 'Critical')).toBe(true);
  await page.getByLabel('Read state').selectOption('read');
  await page.getByLabel('Severity').selectOption('');
  await expect(showing(page)).toHaveText(`Showing 1–50 of ${read.length}`);
});

test('one alert: its page, and marking it read and unread again with a comment', async ({ page, request }) => {
  const alert = newestFirst(await apiAlerts(request, false))[0];
  try {
    await signInAsAdmin(page, '/alerts?read=unread');
    await page.getByRole('link', { name: shortDate(alert.alertDate), exact: true }).first().click();
    await expect(page).toHaveURL(new RegExp(`/alerts/${alert.id}$`));
    await expect(page.getByText(String(alert.alertText).replace(/^[A-Z]+::/, ''), { exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name: alert.userName })).toHaveAttribute('href', await appHref(page, `/users/${alert.userName}`));

    await page.getByRole('button', { name: 'Mark read' }).click();
    const dialog = page.getByRole('dialog', { name: 'Mark this alert as read?' });
    // The comment is required.
    await dialog.getByRole('button', { name: 'Mark read' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('A comment is required.');
    await dialog.getByLabel('Comment (required)').fill('Seen by the end2end suite');
    await dialog.getByRole('button', { name: 'Mark read' }).click();
    await expect(dialog).toHaveCount(0);
    await expect.poll(async () => (await apiAlerts(request)).find((a) => a.id === alert.id).isActive).toBe(false);
    await expect(page.getByRole('button', { name: 'Mark unread' })).toBeVisible();

    await page.getByRole('button', { name: 'Mark unread' }).click();
    const back = page.getByRole('dialog', { name: 'Mark this alert as unread?' });
    await back.getByLabel('Comment (required)').fill('Back to unread');
    await back.getByRole('button', { name: 'Mark unread' }).click();
    await expect.poll(async () => (await apiAlerts(request)).find((a) => a.id === alert.id).isActive).toBe(true);
  } finally {
    if (!(await apiAlerts(request)).find((a) => a.id === alert.id).isActive) await setRead(request, [alert.id], false);
  }
});

test('marks several alerts read from the inbox, then unread again', async ({ page, request }) => {
  const picked = newestFirst(await apiAlerts(request, false)).slice(0, 3);
  const ids = picked.map((a) => a.id);
  try {
    await signInAsAdmin(page, '/alerts?read=unread');
    const unreadBefore = (await apiAlerts(request, false)).length;
    await expect(showing(page)).toHaveText(`Showing 1–50 of ${unreadBefore}`);
    for (const id of ids) await page.getByRole('checkbox', { name: `Select alert ${id}` }).check();
    const bar = page.getByRole('region', { name: 'Selection' });
    await expect(bar.getByRole('status')).toHaveText('3 selected');
    await bar.getByRole('button', { name: 'Mark read' }).click();
    const dialog = page.getByRole('dialog', { name: 'Mark 3 alerts as read?' });
    await dialog.getByLabel('Comment (required)').fill('Triaged in bulk');
    await dialog.getByRole('button', { name: 'Mark read' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Marked 3 alerts as read.' })).toBeVisible();
    // The unread list no longer has them; the server agrees.
    await expect(showing(page)).toHaveText(`Showing 1–50 of ${unreadBefore - 3}`);
    const now = await apiAlerts(request);
    expect(ids.map((id) => now.find((a) => a.id === id).isActive)).toEqual([false, false, false]);

    // In the read list they are the most recently updated; put them back to unread.
    await page.getByLabel('Read state').selectOption('read');
    for (const id of ids) await page.getByRole('checkbox', { name: `Select alert ${id}` }).check();
    await bar.getByRole('button', { name: 'Mark unread' }).click();
    const back = page.getByRole('dialog', { name: 'Mark 3 alerts as unread?' });
    await back.getByLabel('Comment (required)').fill('Undo');
    await back.getByRole('button', { name: 'Mark unread' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Marked 3 alerts as unread.' })).toBeVisible();
    const after = await apiAlerts(request);
    expect(ids.map((id) => after.find((a) => a.id === id).isActive)).toEqual([true, true, true]);
  } finally {
    const now = await apiAlerts(request);
    const left = ids.filter((id) => !now.find((a) => a.id === id).isActive);
    if (left.length) await setRead(request, left, false);
  }
});
