import { test, expect, signIn, ADMIN, SELF_SERVICE } from './support';

test('a wrong password is refused with a message, and nothing is stored', { tag: '@root' }, async ({ page }) => {
  await signIn(page, { user: ADMIN.user, password: 'not-the-password' }, '/devices');
  await expect(page.getByRole('alert')).toHaveText('Wrong username or password.');
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  // The password field is cleared, and no credentials are kept anywhere.
  await expect(page.getByLabel('Password')).toHaveValue('');
  const stored = await page.evaluate(() => ({ s: sessionStorage.length, l: localStorage.length }));
  expect(stored).toEqual({ s: 0, l: 0 });
});

test('the right password signs in, lands on the Dashboard, and sign-out forgets the session', { tag: '@root' }, async ({ page }) => {
  await signIn(page, ADMIN, '/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Devices' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Labels' })).toBeVisible();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  // Credentials never go to localStorage or the URL.
  expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain('admin1234');
  expect(page.url()).not.toContain('admin1234');

  // A reload keeps the session (sessionStorage only).
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  expect(await page.evaluate(() => sessionStorage.getItem('mdm-portal.session'))).toBeNull();
  // Signed out: protected pages send you back to sign-in.
  await page.goto('labels');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});

test('the browser never shows its own login dialog: 401s come without a Basic challenge to the portal', { tag: '@root' }, async ({ request }) => {
  const r = await request.get('/api/v1/dm/labels', { headers: { 'X-Requested-With': 'XMLHttpRequest' } });
  expect(r.status()).toBe(401);
  expect(r.headers()['www-authenticate']).toBeUndefined();
  // A script's call gets the challenge from the server (mock-server, like EPMM); the shipped
  // nginx removes it from every answer (deploy/nginx/proxy.conf).
  const script = await request.get('/api/v1/dm/labels');
  expect(script.status()).toBe(401);
  if (test.info().project.name === 'nginx-subpath') expect(script.headers()['www-authenticate']).toBeUndefined();
  else expect(script.headers()['www-authenticate']).toMatch(/^Basic/);
});

test('a user without admin rights cannot use the admin screens', { tag: '@root' }, async ({ page }) => {
  await signIn(page, SELF_SERVICE, '/devices');
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await page.goto('devices');
  await expect(page.getByRole('table')).toHaveCount(0);
});
