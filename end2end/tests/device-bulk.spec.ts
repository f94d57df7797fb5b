// Selection and bulk actions on the devices list: the requests carry exactly the selected devices,
// destructive actions demand the count, and the outcome is listed per device.
import type { Page, Request } from '@playwright/test';
import { test, expect, signInAsAdmin, apiGet, apiDevices, resetMock, deviceLog, showing, deviceCells } from './support';

test.beforeEach(async ({ request }) => {
  await resetMock(request);
});

/** Collects the device uuids sent by bulk requests of one action. */
function captureBulk(page: Page, action: string) {
  const sent: string[] = [];
  const requests: Request[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (r.method() === 'POST' && u.pathname === `/api/v1/dm/bulk/devices/${action}`) {
      requests.push(r);
      sent.push(...u.searchParams.getAll('deviceUuids'));
    }
  });
  return { sent, requests };
}

test('"Select all N matching" with a filter acts on exactly the matching devices, in several requests', async ({ page, request }) => {
  const active = await apiDevices(request, 'ACTIVE');
  const term = 'galaxy';
  const matching = active.filter((d) => deviceCells(d).some((c) => c.toLowerCase().includes(term)));
  expect(matching.length).toBeGreaterThan(150);
  await signInAsAdmin(page, '/devices');
  await page.getByLabel('Search').fill(term);
  await expect(showing(page)).toHaveText(`Showing 1–50 of ${matching.length}`);

  await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
  const bar = page.getByRole('region', { name: 'Selection' });
  await expect(bar.getByRole('status')).toHaveText('50 selected');
  await bar.getByRole('button', { name: `Select all ${matching.length} matching` }).click();
  await expect(bar.getByRole('status')).toHaveText(`All ${matching.length} matching devices selected`);

  const { sent, requests } = captureBulk(page, 'WAKEUP_DEVICE');
  await bar.getByRole('group', { name: 'Bulk actions' }).getByRole('button', { name: 'Wake up' }).click();
  const dialog = page.getByRole('dialog', { name: `Wake up ${matching.length} devices?` });
  await dialog.getByRole('button', { name: `Wake up ${matching.length} devices` }).click();
  const result = page.getByRole('dialog', { name: /result$/ });
  await expect(result.getByRole('status').first()).toHaveText(`${matching.length} devices: ${matching.length} succeeded.`);
  expect(new Set(sent)).toEqual(new Set(matching.map((d) => d.uuid)));
  expect(sent.length).toBe(matching.length);
  expect(requests.length).toBeGreaterThan(1);
  for (const r of requests) expect(r.url().length).toBeLessThan(8192);
  await result.getByRole('button', { name: 'Close' }).click();
  await expect(bar).toBeHidden();
  const log = await deviceLog(request, matching[0].uuid);
  expect(log.some((e: any) => /wake/i.test(e.action))).toBe(true);
});

test('changing the filter clears an explicit selection, visibly', async ({ page }) => {
  await signInAsAdmin(page, '/devices');
  const rows = page.getByRole('table', { name: 'Devices' }).getByRole('checkbox', { name: /^Select (?!all)/ });
  await rows.nth(0).check();
  await rows.nth(3).check();
  const bar = page.getByRole('region', { name: 'Selection' });
  await expect(bar.getByRole('status')).toHaveText('2 selected');
  // Paging keeps it.
  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(bar.getByRole('status')).toHaveText('2 selected');
  await page.getByLabel('Search').fill('ios');
  await expect(bar.getByRole('status')).toHaveText('Selection of 2 cleared because the filter or the data changed.');
});

test('bulk wipe demands typing the count and wipes exactly the selected devices', async ({ page, request }) => {
  const active = await apiDevices(request, 'ACTIVE');
  await signInAsAdmin(page, '/devices');
  const table = page.getByRole('table', { name: 'Devices' });
  const picked = active.slice(0, 3);
  const kept = active[3];
  for (const d of picked) await table.getByRole('checkbox', { name: `Select ${d.name}` }).check();
  const { sent } = captureBulk(page, 'WIPE');
  await page.getByRole('group', { name: 'Bulk actions' }).getByRole('button', { name: 'Wipe' }).click();
  const dialog = page.getByRole('dialog', { name: 'Wipe 3 devices?' });
  const confirm = dialog.getByRole('button', { name: 'Wipe 3 devices' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Type 3 to confirm').fill('3');
  await confirm.click();
  await expect(page.getByRole('dialog', { name: /result$/ }).getByRole('status').first()).toHaveText('3 devices: 3 succeeded.');
  // Checked while the list reloads after the wipe: still checked once it is back. The reload is
  // held until the box is checked, so the click cannot land on a row the new list has moved.
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route(/\/api\/v1\/dm\/devices\?/, async (route) => {
    await held;
    await route.continue();
  }, { times: 1 });
  await page.getByRole('dialog', { name: /result$/ }).getByRole('button', { name: 'Close' }).click();
  await table.getByRole('checkbox', { name: `Select ${kept.name}` }).check();
  release();
  expect(new Set(sent)).toEqual(new Set(picked.map((d) => d.uuid)));
  for (const d of picked) {
    const { body } = await apiGet(request, `/api/v1/dm/devices/${d.uuid}`);
    expect(body.device.status).toBe('WIPED');
  }
  const wiped = await apiDevices(request, 'WIPED');
  expect(wiped.map((d) => d.uuid)).toEqual(expect.arrayContaining(picked.map((d) => d.uuid)));
  // After closing, the list reloads: the wiped devices are gone from Active, and so from the
  // selection; the device checked meanwhile stays selected.
  await expect(showing(page)).toHaveText(`Showing 1–50 of ${active.length - 3}`);
  await expect(table.getByRole('checkbox', { name: `Select ${kept.name}` })).toBeChecked();
  await expect(page.getByRole('region', { name: 'Selection' }).getByRole('status')).toHaveText(
    /^(1 selected|3 of the 4 selected are no longer listed; 1 stay selected\.)$/,
  );
});

test('bulk unlock lists each device’s passcode; send message needs a subject for email', async ({ page, request }) => {
  const active = await apiDevices(request, 'ACTIVE');
  await signInAsAdmin(page, '/devices');
  const table = page.getByRole('table', { name: 'Devices' });
  const picked = active.slice(5, 7);
  for (const d of picked) await table.getByRole('checkbox', { name: `Select ${d.name}` }).check();
  const group = page.getByRole('group', { name: 'Bulk actions' });
  await group.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('dialog', { name: 'Unlock 2 devices?' }).getByRole('button', { name: 'Unlock 2 devices' }).click();
  const result = page.getByRole('dialog', { name: /result$/ });
  const codes = result.getByRole('table', { name: 'Unlock passcodes' });
  await expect(codes.getByRole('row')).toHaveCount(3);
  for (const d of picked) await expect(codes.getByRole('cell', { name: d.name })).toBeVisible();
  await result.getByRole('button', { name: 'Close' }).click();

  // The list is read again after an action; a check made while it reloads is dropped with a
  // notice (the data changed), so select again until both are selected.
  await expect(async () => {
    for (const d of picked) await table.getByRole('checkbox', { name: `Select ${d.name}` }).check();
    await expect(page.getByRole('status').filter({ hasText: /^2 selected$/ })).toBeVisible({ timeout: 1_000 });
  }).toPass();
  await group.getByRole('button', { name: 'Send message' }).click();
  const msg = page.getByRole('dialog', { name: 'Send a message to 2 devices' });
  await msg.getByLabel('Send as').selectOption({ label: 'Email' });
  await msg.getByLabel('Message').fill('Please return your device to IT.');
  await msg.getByRole('button', { name: 'Send' }).click();
  await expect(msg.getByText('An email needs a subject.')).toBeVisible();
  await msg.getByLabel('Subject').fill('Device return');
  await msg.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('dialog', { name: /result$/ }).getByRole('status').first()).toHaveText('2 devices: 2 succeeded.');
  for (const d of picked) {
    const log = await deviceLog(request, d.uuid);
    expect(log.some((e: any) => /message/i.test(e.action) && /Device return/.test(JSON.stringify(e)))).toBe(true);
  }
});

/** Captures the device uuids of the send-message requests. */
function captureMessages(page: Page) {
  const sent: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (r.method() === 'POST' && u.pathname === '/api/v1/dm/bulk/sendmessage') sent.push(...u.searchParams.getAll('deviceUuid'));
  });
  return sent;
}

const hasPhone = (d: any) => String(d.phoneNumber || d.currentPhoneNumber || '') !== '';

/**
 * A search whose active matches are more than a page (so "Select all N matching" is offered) and
 * mix devices with and without a phone number, worked out from the API (issue 18 used "Sales" at
 * seed 7; the suite runs seed 1): the first such word of the devices' names, users, platforms and
 * models (one word, so the portal's search and the oracle's substring match agree).
 */
async function smsCase(request: any) {
  const active = await apiDevices(request, 'ACTIVE');
  const words = active.flatMap((d) => deviceCells(d).slice(0, 4).flatMap((c) => c.toLowerCase().split(/[^a-z0-9]+/)));
  const terms = [...new Set(words)].filter((t) => t.length >= 3).sort();
  for (const term of terms) {
    const matching = active.filter((d) => deviceCells(d).some((c) => c.toLowerCase().includes(term)));
    const noPhone = matching.filter((d) => !hasPhone(d));
    if (matching.length > 50 && matching.length <= 150 && noPhone.length > 1 && noPhone.length < matching.length) {
      return { term, matching, noPhone };
    }
  }
  throw new Error('no search term selects 51-150 active devices with and without a phone number');
}

async function selectAllMatching(page: Page, term: string, n: number) {
  await page.getByLabel('Search').fill(term);
  await expect(showing(page)).toHaveText(`Showing 1–50 of ${n}`);
  await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
  const bar = page.getByRole('region', { name: 'Selection' });
  await bar.getByRole('button', { name: `Select all ${n} matching` }).click();
  await expect(bar.getByRole('status')).toHaveText(`All ${n} matching devices selected`);
  return bar;
}

/**
 * Selects every match of `smsCase`, opens Send message (SMS is the default) and writes the text:
 * the dialog first says how many selected devices cannot get an SMS.
 */
async function openSms(page: Page, request: any) {
  const { term, matching, noPhone } = await smsCase(request);
  const [m, np] = [matching.length, noPhone.length];
  await signInAsAdmin(page, '/devices');
  const bar = await selectAllMatching(page, term, m);
  const sent = captureMessages(page);
  await bar.getByRole('group', { name: 'Bulk actions' }).getByRole('button', { name: 'Send message' }).click();
  const msg = page.getByRole('dialog', { name: `Send a message to ${m} devices` });
  await expect(msg.getByText(`${np} of the ${m} selected devices have no phone number.`)).toBeVisible();
  await msg.getByLabel('Message').fill('Please call IT.');
  const leaveOut = msg.getByRole('checkbox', { name: `Leave out the ${np} devices without a phone number` });
  return { matching, noPhone, m, np, sent, msg, leaveOut };
}

test('an SMS to devices some of which have no phone number claims only what the server confirmed', async ({ page, request }) => {
  const { matching, noPhone, m, np, sent, msg, leaveOut } = await openSms(page, request);
  // Sent to all of them anyway.
  await leaveOut.uncheck();
  await msg.getByRole('button', { name: 'Send' }).click();

  const result = page.getByRole('dialog', { name: /result$/ });
  // V1 names no failed device (messageSentFailed only): nothing is listed as succeeded that the
  // server did not confirm, and the summary says what it does not know.
  await expect(result.getByRole('status').first()).toHaveText(
    `${m} devices: ${m - np} of ${m} sent; the server did not say which ${np} failed.`,
  );
  await expect(result.getByText(/^Message sent to \d+ of \d+ device\(s\)\.$/).first()).toBeVisible();
  expect(new Set(sent)).toEqual(new Set(matching.map((d) => d.uuid)));
  const succeeded = result.getByRole('region', { name: 'Succeeded' });
  const confirmed = (await succeeded.count()) ? await succeeded.getByRole('listitem').allTextContents() : [];
  const withoutPhone = new Set(noPhone.map((d) => d.name));
  expect(confirmed.filter((n) => withoutPhone.has(n))).toEqual([]);
  const unsure = result.getByRole('region', { name: 'Not confirmed' });
  await expect(unsure.getByRole('listitem')).toHaveCount(m - confirmed.length);
  // The server logged each failed send against its device.
  const log = await deviceLog(request, noPhone[0].uuid);
  expect(log.some((e: any) => e.action === 'SEND_MESSAGE' && e.ok === false && /no phone number/.test(e.detail))).toBe(true);
});

test('before an SMS, the devices without a phone number can be left out: the rest all succeed', async ({ page, request }) => {
  const { matching, noPhone, m, np, sent, msg, leaveOut } = await openSms(page, request);
  await expect(leaveOut).toBeChecked();
  await msg.getByRole('button', { name: 'Send' }).click();

  const result = page.getByRole('dialog', { name: `Send a message to ${m - np} devices: result` });
  await expect(result.getByRole('status').first()).toHaveText(`${m - np} devices: ${m - np} succeeded.`);
  await expect(result.getByText(`Left out: ${np} devices without a phone number.`)).toBeVisible();
  await expect(result.getByRole('heading', { name: `Succeeded (${m - np})` })).toBeVisible();
  expect(new Set(sent)).toEqual(new Set(matching.filter(hasPhone).map((d) => d.uuid)));
  const log = await deviceLog(request, noPhone[0].uuid);
  expect(log.some((e: any) => e.action === 'SEND_MESSAGE')).toBe(false);
});

test('changing the search or the status clears an "all matching" selection, visibly', async ({ page, request }) => {
  const active = await apiDevices(request, 'ACTIVE');
  const term = 'galaxy';
  const matching = active.filter((d) => deviceCells(d).some((c) => c.toLowerCase().includes(term)));
  await signInAsAdmin(page, '/devices');
  let bar = await selectAllMatching(page, term, matching.length);
  await page.getByLabel('Search').fill('');
  await expect(showing(page)).toHaveText(`Showing 1–50 of ${active.length}`);
  await expect(bar.getByRole('status')).toHaveText(
    `Selection of all ${matching.length} matching cleared because the filter or the data changed.`,
  );
  await expect(page.getByRole('group', { name: 'Bulk actions' })).toHaveCount(0);
  await expect(page.getByRole('checkbox', { name: 'Select all on this page' })).not.toBeChecked();

  bar = await selectAllMatching(page, term, matching.length);
  await page.getByLabel('Status').selectOption('RETIRED');
  await expect(page).toHaveURL(/status=RETIRED/);
  await expect(bar.getByRole('status')).toHaveText(
    `Selection of all ${matching.length} matching cleared because the filter or the data changed.`,
  );
  await expect(page.getByRole('group', { name: 'Bulk actions' })).toHaveCount(0);
});
