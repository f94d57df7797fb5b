// The self-service page on a phone (issue 19, "Daily use"): the user uploading a .p12 is often on
// one. A phone-sized viewport: nothing wider than the screen, the upload form usable, and the axe
// audit without serious or critical violations.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, signIn, SELF_SERVICE } from './support';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

/**
 * Elements sticking out of the viewport (their text, for the message); an element entirely to the
 * left of it is hidden on purpose (the skip link until it has focus).
 */
async function overflowing(page: import('@playwright/test').Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll('body *')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.right > 0 && (r.right > width + 1 || r.left < -1);
      })
      .map((el) => `${el.tagName.toLowerCase()}: ${(el.textContent ?? '').trim().slice(0, 40)}`);
  });
}

test('self-service on a phone: no sideways scrolling, the upload form fits, no serious axe violation', async ({ page }) => {
  await signIn(page, SELF_SERVICE, '/self-service');
  await expect(page.getByRole('heading', { name: 'My certificates', level: 1 })).toBeVisible();
  await expect(page.getByRole('article').first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await overflowing(page)).toEqual([]);

  // The upload form of the first card that offers one.
  const upload = page.getByRole('button', { name: 'Upload certificate' }).first();
  await upload.click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('Password')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // Nothing in the dialog is cut off or needs scrolling sideways.
  expect(await dialog.evaluate((d) => d.scrollWidth - d.clientWidth)).toBeLessThanOrEqual(0);
  await expect(dialog.getByRole('button', { name: 'Upload', exact: true })).toBeInViewport({ ratio: 1 });
  expect(await overflowing(page)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('self-service-phone.png'), fullPage: true });

  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(blocking.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});
