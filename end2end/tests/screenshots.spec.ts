// The README's screenshots (docs/screenshots/*.png), taken by every end2end run so they show the
// current build: the main screens, from the mock's seed-1 world as the run starts it, at a
// fixed window size. Runs in one project only (nginx-subpath, or mock-root when nginx is off).
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, signIn, apiDevices, resetMock, showing, rel, ADMIN, SELF_SERVICE } from './support';

const DIR = join(__dirname, '..', '..', 'docs', 'screenshots');
const SIZE = { width: 1280, height: 800 };

test.use({ viewport: SIZE, deviceScaleFactor: 1, colorScheme: 'light' });

/** Saves the window as NAME.png and checks the file is that PNG. */
async function shoot(page: Page, name: string) {
  mkdirSync(DIR, { recursive: true });
  // No hover highlight where the last click left the mouse.
  await page.mouse.move(0, SIZE.height - 1);
  const path = join(DIR, `${name}.png`);
  await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
  const png = readFileSync(path);
  expect(png.subarray(1, 4).toString('latin1'), name).toBe('PNG');
  expect([png.readUInt32BE(16), png.readUInt32BE(20)], name).toEqual([SIZE.width, SIZE.height]);
}

test('screenshots of the main screens for the README', async ({ page, request }) => {
  await resetMock(request);
  expect((await request.post('/_mock/v2/reset')).status()).toBe(204);

  await page.goto(rel('/'));
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await shoot(page, 'sign-in');

  await signIn(page, ADMIN, '/');
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Devices by status/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /^Certificates expiring in 30 days: \d+ certificates?$/ })).toBeVisible();
  await shoot(page, 'dashboard');

  await page.goto(rel('/devices'));
  await expect(showing(page)).toHaveText(/^Showing 1–50 of \d+$/);
  await shoot(page, 'devices');

  // The first active device of the seed that has a plain name and user.
  const device = (await apiDevices(request, 'ACTIVE')).find((d) => /^[\w .:'-]+$/.test(`${d.name}${d.userDisplayName}`));
  expect(device, 'an active device').toBeTruthy();
  await page.goto(rel(`/devices/${device.uuid}`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(String(device.name));
  await shoot(page, 'device');

  await page.goto(rel('/certificates'));
  await expect(page.getByRole('heading', { name: 'Certificates', level: 1 })).toBeVisible();
  await expect(showing(page)).toBeVisible();
  // The rows name their users and devices once looked up (the first row's links).
  await expect(page.getByRole('table', { name: 'Certificates' }).getByRole('row').nth(1).getByRole('link')).toHaveCount(3);
  await page.waitForLoadState('networkidle');
  await shoot(page, 'certificates');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, SELF_SERVICE, '/self-service');
  await expect(page.getByRole('heading', { name: 'My certificates', level: 1 })).toBeVisible();
  await expect(page.getByRole('article').first()).toBeVisible();
  await shoot(page, 'self-service');
});
