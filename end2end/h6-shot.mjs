// TEMPORARY screenshot helper (helper issue 6); deleted before hand-off.
import { chromium } from '@playwright/test';
const [,, path, out, w] = process.argv;
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const p = await b.newPage({ viewport: { width: Number(w || 1400), height: 900 } });
await p.goto('http://127.0.0.1:18555/sign-in?next=' + encodeURIComponent(path));
await p.getByLabel('Username').fill('admin');
await p.getByLabel('Password').fill('admin1234');
await p.getByRole('button', { name: 'Sign in' }).click();
await p.waitForTimeout(3500);
await p.screenshot({ path: out, fullPage: true });
await b.close();
