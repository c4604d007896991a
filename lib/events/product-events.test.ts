import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';

import { queryRows } from '@/lib/db/rows';
import { textArray } from '@/lib/db/text-array';
import { describeEachDatabase } from '@/lib/testing/databases';

import { isActivityEvent, isProductEvent } from './product-events';
import { PRODUCT_TRIGGERS } from './trigger-options';

const product = [
  ...PRODUCT_TRIGGERS.map((t) => t.key),
  'cohort.membersChanged',
  'Signal.custom',
  ' alert.fired',
  'CONNECTION.disabled',
  'delivery.failed',
];
const activity = ['frontegg.user.authenticated', 'signals.viewed', 'page', 'my.signal.sent', 'cohorts'];

it('tells the product’s own events by their reserved prefixes, in any case', () => {
  expect(product.filter((name) => !isProductEvent(name))).toEqual([]);
  expect(activity.filter(isProductEvent)).toEqual([]);
});

it('sees through invisible characters and compatibility forms, so look-alikes are reserved too', () => {
  for (const name of [
    '\u200bsignal.x',
    'sig\u00adnal.x',
    '\ufeffcohort.membersChanged',
    'ｓｉｇｎａｌ.riskForAbandonment',
    'ALERT．fired',
  ]) {
    expect(isProductEvent(name), JSON.stringify(name)).toBe(true);
  }
});

describeEachDatabase('isActivityEvent', (database) => {
  it('tells them apart in SQL as isProductEvent does', async () => {
    const names = [...product.map((n) => n.trim()), ...activity];
    const rows = await queryRows<{ name: string; activity: boolean }>(
      database().db,
      sql`select n as name, ${isActivityEvent(sql`n`)} as activity from unnest(${textArray(names)}) as n`,
    );
    expect(rows.map((r) => [r.name, r.activity])).toEqual(names.map((n) => [n, activity.includes(n)]));
  });
});
