// The split wasm (issue 20, src/chunk.rs, src/app/split.rs, tools/split-wasm.mjs): the first load
// is the main module and the configured server's chunk (sign-in and the devices list, with the
// pieces of code they share); every other screen comes in its area's chunk when first visited,
// with the chunk of the server's other areas (`epmm_areas`, src/backend/mod.rs `Backend::prepare`),
// on a fresh page as much as after navigating; a chunk that fails to arrive shows a message with
// Retry, and Retry brings the screen without reloading the page.
import type { Page, Request } from '@playwright/test';
import { test, expect, signInAsAdmin, showing } from './support';

/** The wasm files a page fetched: the main module (`mdm-portal-…_bg.wasm`) and chunks (`<area>-<hash>.wasm`). */
function wasmFetches(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r: Request) => {
    const name = new URL(r.url()).pathname.split('/').pop() ?? '';
    if (name.endsWith('.wasm')) seen.push(name);
  });
  return seen;
}

const isMain = (f: string) => /^mdm-portal-[0-9a-f]+_bg\.wasm$/.test(f);
const chunkOf = (f: string) => f.replace(/-[0-9a-f]{16}\.wasm$/, '');

async function screenShown(page: Page, name: string) {
  const h1 = page.getByRole('heading', { level: 1 });
  await expect(h1, name).toBeVisible({ timeout: 20_000 });
  await expect(h1, name).not.toHaveText(/could not be loaded|not found|not available/i);
}

test('the first load is the shell, the configured server and the devices screen: no other server, no screen chunk, not the server\'s other areas', async ({ page }) => {
  const fetched = wasmFetches(page);
  await signInAsAdmin(page, '/devices');
  await expect(showing(page)).toBeVisible({ timeout: 20_000 });
  const chunks = fetched.map(chunkOf);
  expect(fetched.filter(isMain)).toHaveLength(1);
  expect(chunks, 'the EPMM backend').toContain('backend_epmm');
  expect(
    chunks.filter((c) => !isMain(c) && c !== 'backend_epmm' && !/^chunk_\d+$/.test(c)),
    'other servers or screens fetched for sign-in and the devices list',
  ).toEqual([]);
});

/** The path of the first link in the screen's table (a detail route), relative to the portal. */
async function firstDetail(page: Page): Promise<string> {
  const link = page.getByRole('table').first().getByRole('link').first();
  await expect(link).toBeVisible({ timeout: 20_000 });
  const href = await link.evaluate((a) => (a as HTMLAnchorElement).href);
  const base = await page.evaluate(() => document.baseURI);
  return href.slice(base.length);
}

test('every screen opens on a fresh page, from its own chunk', async ({ page }) => {
  const fetched = wasmFetches(page);
  await signInAsAdmin(page, '/devices');
  // Area → its routes on EPMM (profiles and the app catalog are screens of CPS and UEM: cps.spec.ts,
  // uem.spec.ts); "+" after a list: also the first item of that list (a detail route).
  const areas: [string, string[]][] = [
    ['dashboard', ['dashboard', 'compliance']],
    ['labels', ['labels+']],
    ['policies', ['policies+']],
    ['app_settings', ['app-settings+']],
    ['alerts', ['alerts+']],
    ['activesync', ['activesync+']],
    ['users', ['users', 'users/jdoe']],
    ['certificates', ['certificates', 'certificates/users', 'certificates/users/jdoe', 'certificates/configurations+']],
    ['scep_profiles', ['certificates/scep-profiles+', 'certificates/scep-profiles/new']],
    ['device_page', ['devices/register']],
  ];
  const visit = async (area: string, path: string) => {
    fetched.length = 0;
    await page.goto(path);
    await screenShown(page, path);
    expect(fetched.filter(isMain), `${path}: a fresh page loads the main module`).toHaveLength(1);
    expect(fetched.map(chunkOf), `${path}: the ${area} chunk`).toContain(area);
    expect(fetched.map(chunkOf), `${path}: the server's areas beyond the devices list`).toContain('epmm_areas');
  };
  for (const [area, paths] of areas) {
    for (const entry of paths) {
      const path = entry.replace(/\+$/, '');
      await visit(area, path);
      if (entry.endsWith('+')) await visit(area, await firstDetail(page));
    }
  }
  // A device's page, from the devices list (the first load).
  await page.goto('devices');
  await visit('device_page', await firstDetail(page));
});

/** Signs in on the devices list, refuses every fetch of the chunk `file`, and opens the screen of the main navigation's
 *  link `link`: the message with Retry shows, after exactly one refused fetch. */
async function openWithChunkRefused(page: Page, file: RegExp, link: string) {
  await signInAsAdmin(page, '/devices');
  await expect(showing(page)).toBeVisible({ timeout: 20_000 });
  let refused = 0;
  await page.route(file, (route) => {
    refused++;
    return route.abort('connectionreset');
  });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'This screen could not be loaded' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('did not arrive');
  expect(refused).toBe(1);
}

test('a chunk that does not arrive: a message with Retry, and Retry brings the screen @root', async ({ page }) => {
  const alerts = /\/alerts-[0-9a-f]{16}\.wasm$/;
  await openWithChunkRefused(page, alerts, 'Alerts');
  // The rest of the portal still works, and the failure is not remembered.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Devices' }).click();
  await expect(showing(page)).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
  await expect(page.getByRole('button', { name: 'Retry' })).toBeVisible();
  await page.unroute(alerts);
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Alerts' })).toBeVisible();
  await expect(showing(page)).toBeVisible({ timeout: 20_000 });
});

test('the server\'s areas that do not arrive: a message with Retry, and Retry brings the screen @root', async ({ page }) => {
  const areas = /\/epmm_areas-[0-9a-f]{16}\.wasm$/;
  await openWithChunkRefused(page, areas, 'Labels');
  // Not "Not available on this server": the screen is there once its code is.
  await page.unroute(areas);
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Labels' })).toBeVisible();
  await expect(page.getByRole('table').first().getByRole('link').first()).toBeVisible({ timeout: 20_000 });
});
