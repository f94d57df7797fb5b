// Policies: the list, the profile-type filter, a policy's rules in readable form, and applying a
// policy to a label and removing it again (the server's state is checked after each step).
import { test, expect, signInAsAdmin, apiGet, tableRows, headerTitles, showing, basic, ADMIN } from './support';

async function apiPolicies(request: any): Promise<any[]> {
  return [].concat((await apiGet(request, '/api/v1/policies')).body.policies.policy);
}

test('lists every policy with its type, status, priority and labels', async ({ page, request }) => {
  const policies = await apiPolicies(request);
  expect(policies.length).toBeGreaterThan(4);
  await signInAsAdmin(page, '/dashboard');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Policies' }).click();
  await expect(page.getByRole('table', { name: 'Policies' })).toBeVisible();
  expect(await headerTitles(page)).toEqual(['Name', 'Profile type', 'Policy type', 'Status', 'Priority', 'Labels', 'Devices', 'Pending']);
  await expect(showing(page)).toHaveText(`Showing 1–${policies.length} of ${policies.length}`);
  const rows = await tableRows(page);
  const title = (s: string) => s.charAt(0) + s.slice(1).toLowerCase();
  for (const p of policies) {
    const row = rows.find((r) => r[0] === p.policyName);
    expect(row, p.policyName).toBeTruthy();
    expect(row).toEqual([
      p.policyName,
      title(p.profileType),
      title(p.policyType),
      p.status,
      String(p.priority),
      [].concat(p.labelNames ?? []).join(', '),
      String(p.deviceCount),
      String(p.pendingCount),
    ]);
  }

  // The profile-type filter, kept in the URL.
  const lockdown = policies.filter((p) => p.profileType === 'LOCKDOWN');
  await page.getByLabel('Profile type').selectOption('LOCKDOWN');
  await expect(page).toHaveURL(/profile=LOCKDOWN/);
  await expect(showing(page)).toHaveText(`Showing 1–${lockdown.length} of ${lockdown.length}`);
  expect((await tableRows(page)).map((r) => r[0]).sort()).toEqual(lockdown.map((p) => p.policyName).sort());
  await page.reload();
  await expect(showing(page)).toHaveText(`Showing 1–${lockdown.length} of ${lockdown.length}`);
});

test('a policy shows its rules grouped as the rule catalogue groups them, readable', async ({ page, request }) => {
  const p = (await apiPolicies(request)).find((x) => x.policyName === 'Default Security Policy');
  const rules: any[] = [].concat(p.rules.rule);
  const value = (t: string) => rules.find((r) => r.type === t)?.value;
  await signInAsAdmin(page, '/policies');
  await page.getByRole('link', { name: 'Default Security Policy' }).click();
  await expect(page).toHaveURL(new RegExp(`/policies/${p.id}$`));
  await expect(page.getByRole('heading', { name: 'Default Security Policy', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: `Rules (${rules.length})` })).toBeVisible();

  const table = page.getByRole('table', { name: 'Security rules' });
  await expect(table).toBeVisible();
  // One row per rule (group headings aside), each with a readable name, value and the rule type.
  await expect(table.locator('tbody tr:not(.rule-group)')).toHaveCount(rules.length);
  const row = (name: string) => table.getByRole('row', { name: new RegExp(`^${name}\\b`) });
  await expect(row('Password required').getByRole('cell').first()).toHaveText(value('SECURITY_REQUIRE_PWD') === 'on' ? 'On' : 'Off');
  await expect(row('Minimum password length').getByRole('cell').first()).toHaveText(value('SECURITY_PWD_LENGTH'));
  await expect(row('Password expires after').getByRole('cell').first()).toHaveText(
    value('SECURITY_PWD_MAX_AGE') === '0' ? 'Never' : `${value('SECURITY_PWD_MAX_AGE')} days`,
  );
  const nca: Record<string, string> = { '0': 'No action', '1': 'Send alert', '2': 'Block ActiveSync and send alert' };
  await expect(row('When the iOS version is too low').getByRole('cell').first()).toHaveText(nca[value('SEC_NCA_IOS_SW')]);
  await expect(row('When the iOS version is too low').getByRole('cell').last()).toHaveText('SEC_NCA_IOS_SW');
  // Resource lists read as words.
  await expect(row('Encryption by data type').getByRole('cell').first()).toHaveText(/^Email: (On|Off) · PIM: (On|Off) · My documents: (On|Off)$/);

  // A privacy policy: its own section, readable values.
  await page.goto('policies/-2');
  const privacy = page.getByRole('table', { name: 'Privacy rules' });
  await expect(privacy).toBeVisible();
  await expect(privacy.getByRole('row', { name: /^Location\b/ }).getByRole('cell').first()).toHaveText(/^(Cell tower|GPS|Off)$/);
  await expect(page.getByRole('table', { name: 'Security rules' })).toHaveCount(0);
});

test('applies a policy to a label and removes it again, confirmed, visible at once', async ({ page, request }) => {
  const policy = (await apiPolicies(request)).find((x) => x.policyName === 'Retail Lockdown Policy');
  expect([].concat(policy.labelNames ?? [])).toEqual([]);
  const labels: any[] = [].concat((await apiGet(request, '/api/v1/dm/labels')).body.labels.label);
  const kiosks = labels.find((l) => l.name === 'Kiosks');
  expect(kiosks.deviceCount).toBeGreaterThan(0);
  try {
    await signInAsAdmin(page, `/policies/${policy.id}`);
    await expect(page.getByText('Not applied to any label.')).toBeVisible();

    // Cancel changes nothing.
    await page.getByLabel('Apply to label').selectOption('Kiosks');
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Apply “Retail Lockdown Policy” to label Kiosks?' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
    expect([].concat((await apiPolicies(request)).find((x) => x.id === policy.id).labelNames ?? [])).toEqual([]);

    // Apply, confirmed.
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Apply' }).click();
    const applied = page.getByRole('list', { name: 'Applied labels' });
    await expect(applied.getByRole('link', { name: 'Kiosks' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Policy applied to label Kiosks successfully.' })).toBeVisible();
    await expect.poll(async () => [].concat((await apiPolicies(request)).find((x) => x.id === policy.id).labelNames ?? [])).toEqual(['Kiosks']);
    const after = (await apiPolicies(request)).find((x) => x.id === policy.id);
    expect(after.deviceCount + after.pendingCount).toBeGreaterThan(0);

    // Remove, confirmed (a danger action).
    await page.getByRole('button', { name: 'Remove from label Kiosks' }).click();
    const remove = page.getByRole('dialog', { name: 'Remove “Retail Lockdown Policy” from label Kiosks?' });
    await remove.getByRole('button', { name: 'Remove' }).click();
    await expect(page.getByText('Not applied to any label.')).toBeVisible();
    await expect.poll(async () => [].concat((await apiPolicies(request)).find((x) => x.id === policy.id).labelNames ?? [])).toEqual([]);
    expect((await apiPolicies(request)).find((x) => x.id === policy.id).deviceCount).toBe(0);
  } finally {
    // Leave the shared server as it was, whatever happened above.
    const now = (await apiPolicies(request)).find((x) => x.id === policy.id);
    if ([].concat(now.labelNames ?? []).includes('Kiosks' as never)) {
      await request.put(`/api/v1/policies/${policy.id}?action=remove_label&label=Kiosks`, {
        headers: { Authorization: basic(ADMIN.user, ADMIN.password), Accept: 'application/json' },
      });
    }
  }
});
