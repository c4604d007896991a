import { expect, test } from '@playwright/test';

import { appApi, signIn, unique } from './helpers';

const DAY = 86_400_000;
// Noon UTC today: events a whole number of days before it fall mid-day, far from any day boundary.
const noon = (() => {
  const d = new Date();
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 12);
})();

/** Events for an account whose logins fall from 10 a day to 1 a day in the last 7 days. */
function decliningBatch(account: string) {
  const batch: Record<string, unknown>[] = [
    { type: 'group', userId: `${account}-u1`, groupId: account, traits: { name: `Declining ${account}` } },
  ];
  for (let daysAgo = 1; daysAgo <= 21; daysAgo++) {
    const perDay = daysAgo <= 7 ? 1 : 10;
    for (let i = 0; i < perDay; i++) {
      batch.push({
        type: 'track',
        userId: `${account}-u1`,
        event: 'frontegg.user.authenticated',
        context: { groupId: account },
        timestamp: new Date(noon - daysAgo * DAY + i * 60_000).toISOString(),
      });
    }
  }
  return batch;
}

test('an admin sees a declining account in Signals, filters by range and account, opens it, and backtests a threshold', async ({
  page,
}) => {
  const account = unique('declining');
  await signIn(page, undefined, '/signals');
  const { key } = await (
    await appApi(page).post('/api/v1/environments/production/write-keys', { data: { name: unique('signals') } })
  ).json();
  const sent = await page.request.post('/v1/batch', {
    headers: { authorization: `Bearer ${key}` },
    data: { batch: decliningBatch(account) },
  });
  expect(sent.status()).toBe(200);

  await page.reload();
  await page.getByRole('button', { name: 'Evaluate now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Evaluated:' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Accounts in signals' });
  const row = table.getByRole('row', { name: new RegExp(account) });
  await expect(row).toBeVisible();
  await expect(row.getByText('Logins fell (7 days)')).toBeVisible();
  await expect(row.getByText('70 → 7 (−90%)', { exact: false })).toBeVisible();
  // The reason is labelled as the one it fired with; the columns beside it are the latest figures.
  await expect(row.getByText('When it fired: ', { exact: false })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Metrics over time' })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Deletions' }).uncheck();
  await expect(page).toHaveURL(/chart=logins%2Cinvited_users|chart=logins,invited_users/);

  // The range is part of the URL and changes the figures.
  const logins = page.getByRole('listitem', { name: 'Logins' });
  const before = await logins.textContent();
  await page.getByRole('button', { name: 'Last 7 days' }).click();
  await expect(page).toHaveURL(/range=7d/);
  await expect(logins).not.toHaveText(before ?? '');

  // So is the account.
  await page.getByRole('combobox', { name: 'Account' }).fill(account);
  await page.getByRole('combobox', { name: 'Account' }).press('Enter');
  await expect(page).toHaveURL(new RegExp(`account=${account}`));
  await expect(table.getByRole('row')).toHaveCount(2); // the header and this account
  await expect(page.getByRole('listitem', { name: 'Active accounts' }).locator('.kpi-value')).toHaveText('1');

  await row.getByRole('link', { name: new RegExp(account) }).click();
  await expect(page).toHaveURL(new RegExp(`/accounts/${account}`));
  await expect(page.getByRole('heading', { name: account, exact: true })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Accounts in signals' }).getByText('Logins fell (7 days)')).toBeVisible();
  // One account's history is in a fixed order: its columns offer no sorting.
  await expect(page.getByRole('table', { name: 'Accounts in signals' }).getByRole('button')).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Users of the account' }).getByText(`${account}-u1`)).toBeVisible();

  // A stricter threshold, tried before saving: the backtest says what it would have sent.
  await page.goto('/settings/signals');
  const form = page.getByRole('form', { name: /Logins and token refreshes fell by more than 50% in the last 7 days/ });
  await form.getByLabel('Threshold X (%)').fill('95');
  await form.getByRole('button', { name: 'Backtest 30 days' }).click();
  await expect(form.getByTestId('backtest-logins_drop_7d')).toContainText('would have entered this signal');
  await form.getByLabel('Threshold X (%)').fill('40');
  await form.getByRole('button', { name: 'Backtest 30 days' }).click();
  await expect(form.getByTestId('backtest-logins_drop_7d')).toContainText(account);
});

test('an admin adds an event to the invited users metric, and the dashboard counts it as invites', async ({ page }) => {
  // An environment of its own: the metric is edited for one environment only.
  const env = unique('invites');
  await signIn(page, undefined, '/signals');
  expect((await appApi(page).post('/api/v1/environments', { data: { name: env, slug: env } })).status()).toBe(201);
  const { key } = await (
    await appApi(page).post(`/api/v1/environments/${env}/write-keys`, { data: { name: 'invites e2e' } })
  ).json();
  const track = (account: string, event: string, i: number) => ({
    type: 'track',
    userId: `${account}-u1`,
    event,
    context: { groupId: account },
    timestamp: new Date(noon - DAY + i * 60_000).toISOString(),
  });
  const batch = [
    ...['big', 'small'].map((account) => ({ type: 'group', userId: `${account}-u1`, groupId: account, traits: {} })),
    track('big', 'team.memberAdded', 0),
    track('big', 'team.memberAdded', 1),
    track('big', 'team.memberAdded', 2),
    track('small', 'frontegg.user.invitedToTenant', 3),
  ];
  const sent = await page.request.post('/v1/batch', { headers: { authorization: `Bearer ${key}` }, data: { batch } });
  expect(sent.status()).toBe(200);

  const invites = page.getByRole('listitem', { name: 'Invites' }).locator('.kpi-value');
  const top = page.getByRole('table', { name: 'Top accounts by invites' });
  await page.goto(`/signals?env=${env}&range=7d`);
  await expect(invites).toHaveText('1');
  await expect(top.getByRole('row')).toHaveCount(2); // the header and "small"

  await page.goto(`/settings/signals?env=${env}`);
  const metric = page.getByRole('row', { name: /Invited users/ });
  await metric.getByLabel('Event keys of Invited users').fill('frontegg.user.invitedToTenant, team.memberAdded');
  await metric.getByRole('button', { name: 'Save' }).click();
  await expect(metric.getByRole('status')).toHaveText('Saved');
  // A threshold saved here stays after a reload; the other environments keep theirs.
  // Its title names the threshold, so it is found whatever the threshold is.
  const logins = page.getByRole('form', { name: /Logins and token refreshes fell by more than \d+% in the last 7 days/ });
  await logins.getByLabel('Threshold X (%)').fill('60');
  await logins.getByRole('button', { name: 'Save' }).click();
  await expect(logins.getByRole('status')).toHaveText('Saved');
  // Edited again, it no longer says so.
  await logins.getByLabel('Minimum in the earlier period').fill('20');
  await expect(logins.getByRole('status')).toHaveCount(0);
  await logins.getByLabel('Minimum in the earlier period').fill('10');
  await page.reload();
  await expect(
    page.getByRole('form', { name: /fell by more than 60% in the last 7 days/ }).getByLabel('Threshold X (%)'),
  ).toHaveValue('60');
  await expect(page.getByRole('row', { name: /Invited users/ }).getByRole('textbox')).toHaveValue(
    'frontegg.user.invitedToTenant, team.memberAdded',
  );
  await page.goto('/settings/signals');
  await expect(page.getByRole('form', { name: /fell by more than 50% in the last 7 days/ })).toBeVisible();

  await page.goto(`/signals?env=${env}&range=7d`);
  await expect(invites).toHaveText('4');
  await expect(top.getByRole('row').nth(1)).toContainText('big');
  await expect(top.getByRole('row').nth(1)).toContainText('3');
});

test('a custom range that ends before it starts is refused with a message naming the field', async ({ page }) => {
  await signIn(page, undefined, '/signals?range=custom&from=2026-05-10&to=2026-05-01');
  await expect(page.getByRole('alert').filter({ hasText: 'to: must not be before from' })).toBeVisible();
});

test('the accounts list finds an account by name or id and opens it', async ({ page }) => {
  const account = unique('listed');
  await signIn(page, undefined, '/accounts');
  const { key } = await (
    await appApi(page).post('/api/v1/environments/production/write-keys', { data: { name: unique('accounts') } })
  ).json();
  const batch = [{ type: 'group', userId: `${account}-u1`, groupId: account, traits: { name: `Listed ${account}` } }];
  expect((await page.request.post('/v1/batch', { headers: { authorization: `Bearer ${key}` }, data: { batch } })).status()).toBe(
    200,
  );

  await page.getByLabel('Search by id or name').fill(`Listed ${account}`);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(new RegExp(`q=Listed`));
  const table = page.getByRole('table', { name: 'Accounts list' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await table.getByRole('link', { name: `Listed ${account}` }).click();
  await expect(page).toHaveURL(new RegExp(`/accounts/${account}`));
  await expect(page.getByRole('table', { name: 'Users of the account' }).getByText(`${account}-u1`)).toBeVisible();

  await page.goto('/accounts?q=no-such-account-anywhere');
  await expect(page.getByText('No account matches')).toBeVisible();
});
