// Users: find by username or email, LDAP search, a user's devices, and a password change (typed
// twice, never shown; checked by authenticating with the new password through the API).
import { test, expect, localDeviceOwner, signInAsAdmin, apiGet, apiDevices, tableRows, showing, basic, resetMock, ADMIN } from './support';

test('finds a user by username or email and shows their profile and devices', async ({ page, request }) => {
  const { body } = await apiGet(request, '/api/v1/sm/users/jdoe');
  const jdoe = body.user;
  const devices = await apiGet(request, '/api/v1/dm/users/jdoe');
  const n = Number(devices.body.totalCount);
  await signInAsAdmin(page, '/dashboard');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
  await page.getByLabel('Username or email').fill(jdoe.email);
  await page.getByRole('button', { name: 'Find' }).click();
  await expect(page).toHaveURL(/\/users\/jdoe$/);
  await expect(page.getByRole('heading', { name: jdoe.displayName, level: 1 })).toBeVisible();
  await expect(page.getByText(jdoe.email, { exact: true })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Roles' }).getByRole('listitem')).toHaveCount([].concat(jdoe.roles).length);
  await expect(page.getByRole('table', { name: 'Devices' })).toBeVisible();
  await expect(showing(page)).toHaveText(`Showing 1–${n} of ${n}`);
  const names = (await tableRows(page)).map((r) => r[0]);
  expect(names.sort()).toEqual([].concat(devices.body.devices.device).map((d: any) => d.name).sort());

  // An unknown name says so, and stays on the page.
  await page.goto('users');
  await page.getByLabel('Username or email').fill('no-such-user-anywhere');
  await page.getByRole('button', { name: 'Find' }).click();
  await expect(page.getByRole('alert')).toContainText('No user has the username or email “no-such-user-anywhere”');
  await expect(page).toHaveURL(/\/users$/);
});

test('searches the directory with at least 2 characters', async ({ page, request }) => {
  const { body } = await apiGet(request, '/api/v1/sm/users/search/ldap/ab');
  const found: any[] = [].concat(body.users.user);
  await signInAsAdmin(page, '/users');
  await expect(page.getByRole('table', { name: 'Directory users' })).toBeVisible();
  await page.getByLabel('Login name starts with').fill('a');
  await page.getByRole('button', { name: 'Search directory' }).click();
  await expect(page.getByRole('alert')).toHaveText('Type at least 2 characters of the login name.');
  await page.getByLabel('Login name starts with').fill('ab');
  await page.getByRole('button', { name: 'Search directory' }).click();
  await expect(page).toHaveURL(/ldap=ab/);
  await expect(showing(page)).toHaveText(`Showing 1–${found.length} of ${found.length}`);
  const rows = await tableRows(page);
  expect(rows.map((r) => r[0]).sort()).toEqual(found.map((u) => u.principal).sort());
  expect(rows.every((r) => r[3] === 'LDAP')).toBe(true);
  // A directory user's password is not changed here.
  await page.getByRole('link', { name: found[0].principal, exact: true }).click();
  await expect(page.getByText('managed in the directory')).toBeVisible();
  await expect(page.getByLabel('New password')).toHaveCount(0);
});

test('changes a local user’s password: 8–20 characters, typed twice, never shown', async ({ page, request }) => {
  // A local account nobody else uses: an owner of an active device, not a demo user.
  const user = await localDeviceOwner(request);
  expect(user).not.toBe('');
  const auth = (password: string) =>
    request.post('/api/v1/sm/authentication', {
      headers: { Authorization: basic(ADMIN.user, ADMIN.password), Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
      data: `username=${encodeURIComponent(user)}&password=${encodeURIComponent(password)}`,
    });

  try {
    await changePassword(page, user, auth);
  } finally {
    // The account had no password before: the shared mock is regenerated as it was.
    await resetMock(request);
  }
});

async function changePassword(page: any, user: string, auth: (p: string) => Promise<any>) {
  await signInAsAdmin(page, `/users/${user}`);
  const newPw = page.getByLabel('New password', { exact: true });
  const repeat = page.getByLabel('Repeat new password');
  await expect(newPw).toHaveAttribute('type', 'password');
  await expect(repeat).toHaveAttribute('type', 'password');
  const change = page.getByRole('button', { name: 'Change password' });

  await newPw.fill('short1');
  await repeat.fill('short1');
  await change.click();
  await expect(page.getByRole('alert')).toHaveText('The new password needs at least 8 characters.');
  await newPw.fill('x'.repeat(21));
  await repeat.fill('x'.repeat(21));
  await change.click();
  await expect(page.getByRole('alert')).toHaveText('The new password can have at most 20 characters.');
  await newPw.fill('Portal-e2e-2026');
  await repeat.fill('Portal-e2e-2027');
  await change.click();
  await expect(page.getByRole('alert')).toHaveText('The two new passwords are not the same.');
  expect((await auth('Portal-e2e-2026')).status()).toBe(401);

  await repeat.fill('Portal-e2e-2026');
  await change.click();
  await expect(page.getByRole('status').filter({ hasText: `Password changed successfully for user: ${user}` })).toBeVisible();
  // Nothing typed is kept on the page or in the URL.
  await expect(newPw).toHaveValue('');
  await expect(repeat).toHaveValue('');
  expect(page.url()).not.toContain('Portal-e2e');
  expect((await auth('Portal-e2e-2026')).status()).toBe(200);
}
