// The fault matrix's parts, shared by faults.spec.ts (EPMM's screens) and the other servers' specs
// (cps.spec.ts): the kinds of failure the mock injects (`POST /_mock/faults`), what a screen must
// show for each (a readable message in an alert, and Retry), and the recovery without a reload.
import { expect, setFaults } from './support';
import type { APIRequestContext, Locator, Page } from '@playwright/test';

export interface Screen {
  name: string;
  /** Relative to the portal's base (`devices`, not `/devices`). */
  path: string;
  /** Visible once the screen's data has loaded. */
  ready: (page: Page) => Locator;
  /** A 404 here means "there is no such thing" (detail screens); elsewhere it is an empty list. */
  notFound?: boolean;
  /** What the user does on the screen before the data is asked for (a lookup form). */
  act?: (page: Page) => Promise<void>;
  /** A field whose typed value must stay after the failure: [label, value]. */
  kept?: [string, string];
  self?: boolean;
  /**
   * The faults go to these paths only: the certificate platform's screens, whose requests through
   * nginx pass the admin check on the MDM server's API first (a fault there is nginx's to answer).
   */
  faultPaths?: string;
}

/** A screen's `ready`: its level-1 heading, named exactly `name`. */
export function h1(name: string): (page: Page) => Locator {
  return (page) => page.getByRole('heading', { name, level: 1, exact: true });
}

/** The faults of a kind, for a screen. */
export function faultsFor(s: Screen, faults: Record<string, unknown>): Record<string, unknown> {
  return s.faultPaths ? { ...faults, paths: s.faultPaths } : faults;
}

export interface Kind {
  name: string;
  faults: Record<string, unknown>;
  /** What the message must say (besides being a readable sentence). */
  says: RegExp;
}

export const KINDS: Kind[] = [
  { name: 'HTTP 500', faults: { status: 500 }, says: /server had a problem.*HTTP 500/i },
  { name: 'HTML error page (502)', faults: { htmlError: true }, says: /HTTP 502/ },
  { name: 'HTTP 503', faults: { status: 503 }, says: /HTTP 503|unavailable/i },
  { name: 'HTTP 429 with Retry-After', faults: { status: 429, retryAfter: 7 }, says: /busy.*7 s/i },
  { name: 'HTTP 403', faults: { status: 403 }, says: /not allowed|denied/i },
  { name: 'malformed JSON', faults: { malformed: true }, says: /cannot read/i },
  // Through nginx a dropped upstream connection reaches the browser as nginx's own 502 page.
  { name: 'dropped connection', faults: { drop: true }, says: /could not reach the server|connection|HTTP 502/i },
  // The status, the headers and half the body, then the connection breaks: long lists are read
  // while they arrive, and the devices already read must not be shown as if they were all.
  { name: 'answer cut off mid-transfer', faults: { cutOff: true }, says: /connection broke off before the answer was complete|HTTP 502/i },
];

/** Alerts that say something (some screens keep an empty alert region for later messages). */
export function messages(page: Page): Locator {
  return page.getByRole('alert').filter({ hasText: /\S/ });
}

/** Clicks "Retry" until no screen part asks for one (a screen may show several failed parts). */
export async function retryAll(page: Page) {
  const retry = page.getByRole('button', { name: 'Retry', exact: true });
  for (let i = 0; i < 12; i++) {
    const n = await retry.count();
    if (n === 0) return;
    await retry.first().click();
    // The part reloads (its button goes away) before the next one is pressed.
    await expect(retry).toHaveCount(n - 1, { timeout: 5_000 }).catch(() => {});
  }
  await expect(retry).toHaveCount(0);
}

export async function expectFailure(page: Page, s: Screen, k: Kind) {
  const where = `${s.name} · ${k.name}`;
  const alert = messages(page).first();
  await expect(alert, where).toBeVisible();
  await expect(messages(page).filter({ hasText: k.says }).first(), where).toBeVisible();
  const texts = await messages(page).allInnerTexts();
  for (const t of texts) {
    // A sentence for people: no markup, no parser or browser internals.
    expect(t, where).not.toMatch(/<\/?[a-z]|EOF while|line \d+ column|TypeError|JsValue|undefined|\[object/i);
  }
  await expect(page.getByRole('button', { name: 'Retry', exact: true }).first(), where).toBeVisible();
}

export async function open(page: Page, s: Screen) {
  await page.goto(s.path);
  if (s.act) await s.act(page);
}

/** Runs one case; a failure is recorded (so one run lists them all) and the page is reset. */
export async function check(failed: string[], where: string, page: Page, request: APIRequestContext, body: () => Promise<void>) {
  try {
    await body();
  } catch (e: any) {
    failed.push(`${where}: ${String(e?.message ?? e).split('\n').slice(0, 3).join(' | ')}`);
    // As it happens, so a run cut short by its time limit still says which cases failed.
    console.log(`fault case failed: ${failed[failed.length - 1]}`);
    await setFaults(request, {});
  }
}

/** After the faults are gone: Retry (no page load) brings the data and leaves no message. */
export async function recovers(page: Page, s: Screen) {
  await page.evaluate(() => ((window as any).__noReload = true));
  await retryAll(page);
  await expect(s.ready(page), 'data after Retry').toBeVisible();
  await expect(messages(page), 'no message left').toHaveCount(0);
  expect(await page.evaluate(() => (window as any).__noReload), 'Retry must not reload the page').toBe(true);
}

/**
 * Every screen with every kind of failure: the screen opened while its calls fail shows the
 * message and Retry, keeps what was typed, and once the server is well Retry brings the data.
 * Returns the cases that failed (each also logged as it happens).
 */
export async function matrix(page: Page, request: APIRequestContext, screens: Screen[], kinds: Kind[]): Promise<string[]> {
  const failed: string[] = [];
  for (const s of screens) {
    for (const k of kinds) {
      await check(failed, `${s.name} · ${k.name}`, page, request, async () => {
        await setFaults(request, faultsFor(s, k.faults));
        try {
          await open(page, s);
          await expectFailure(page, s, k);
          // What the user typed stays (a lookup form).
          if (s.kept) await expect(page.getByLabel(s.kept[0], { exact: true })).toHaveValue(s.kept[1]);
        } finally {
          await setFaults(request, {});
        }
        await recovers(page, s);
      });
    }
  }
  return failed;
}
