import { count, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { expect, it } from 'vitest';

import { dailyRollups, events } from '@/lib/db/schema';
import { describeEachDatabase } from '@/lib/testing/databases';
import { useIngestServer } from '@/lib/testing/ingest-server';

// Random bodies thrown at the endpoints: whatever arrives, the answer is never a 5xx, and a
// refused request writes nothing at all.

const anyChar = fc.nat(0xffff).map((c) => String.fromCharCode(c)); // lone surrogates and NUL included
const wildString = fc.oneof(fc.string(), fc.string({ unit: anyChar, maxLength: 40 }));
const scalar = fc.oneof(wildString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const loose = fc.oneof(scalar, fc.object({ maxDepth: 3 }), fc.array(scalar, { maxLength: 4 }));
const timestamp = fc.oneof(
  fc.date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  wildString,
  fc.integer(),
);
const message = fc.record(
  {
    type: fc.oneof(fc.constantFrom('track', 'identify', 'group', 'page', 'screen', 'alias'), wildString),
    userId: fc.oneof(wildString, fc.integer(), fc.constant(null)),
    anonymousId: fc.oneof(wildString, fc.constant(null)),
    event: fc.oneof(wildString, fc.integer()),
    groupId: fc.oneof(wildString, fc.integer()),
    previousId: wildString,
    messageId: fc.oneof(fc.uuid(), wildString, fc.integer()),
    timestamp,
    sentAt: timestamp,
    properties: loose,
    traits: loose,
    context: fc.oneof(loose, fc.record({ groupId: fc.oneof(wildString, fc.integer()) })),
  },
  { requiredKeys: [] },
);
// Plausible messages with wild contents, so that the write path itself is exercised.
const plausible = fc.record({
  type: fc.constantFrom('track', 'identify', 'group', 'page'),
  userId: fc.oneof(fc.uuid(), fc.integer()),
  event: fc.string({ minLength: 1, maxLength: 30 }).filter((e) => e.trim() !== ''),
  groupId: fc.string({ minLength: 1, maxLength: 10 }).filter((e) => e.trim() !== ''),
  messageId: fc.uuid(),
  timestamp: fc.date({ min: new Date('2020-01-01'), max: new Date(), noInvalidDate: true }).map((d) => d.toISOString()),
  properties: fc.object({ maxDepth: 2, values: [fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null)] }),
  traits: fc.object({ maxDepth: 1, values: [fc.string(), fc.integer()] }),
});
const route = fc.constantFrom(
  '/v1/track',
  '/v1/identify',
  '/v1/group',
  '/v1/page',
  '/v1/screen',
  '/v1/alias',
  '/v1/batch',
  '/api/v1/batch',
);
/** [path, body] pairs: plausible ones sent where they belong, wild ones anywhere. */
const request = fc.oneof(
  { weight: 3, arbitrary: plausible.map((m) => [`/v1/${m.type}`, JSON.stringify(m)] as const) },
  {
    weight: 3,
    arbitrary: fc
      .array(plausible, { minLength: 1, maxLength: 8 })
      .map((batch) => ['/api/v1/batch', JSON.stringify({ batch })] as const),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(
      route,
      message.map((m) => JSON.stringify(m)),
    ),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(
      route,
      fc
        .record({ batch: fc.array(message, { maxLength: 8 }), sentAt: timestamp }, { requiredKeys: [] })
        .map((b) => JSON.stringify(b)),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(
      route,
      fc.jsonValue().map((v) => JSON.stringify(v)),
    ),
  },
  { weight: 1, arbitrary: fc.tuple(route, wildString) },
);

describeEachDatabase('ingest under random input', (database) => {
  const ingest = useIngestServer(database, 'production');

  const totals = async () => {
    const { db } = database();
    const [e] = await db.select({ n: count() }).from(events).where(eq(events.environmentId, ingest.environmentId));
    const [r] = await db.select({ n: count() }).from(dailyRollups).where(eq(dailyRollups.environmentId, ingest.environmentId));
    return { events: e?.n ?? 0, rollups: r?.n ?? 0 };
  };

  it('never answers 5xx, and a refused request writes nothing', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(request, async ([path, text]) => {
        const before = await totals();
        const response = await fetch(`${ingest.url}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${ingest.key}` },
          body: text,
        });
        const answer = await response.text();
        expect(response.status, answer).toBeLessThan(500);
        const after = await totals();
        if (response.status === 200) {
          accepted++;
        } else {
          expect(after, `${response.status} ${answer}`).toEqual(before);
          expect(JSON.parse(answer).error.code).toEqual(expect.any(String));
        }
      }),
      { numRuns: 150 },
    );
    // The generators must reach the write path, or the property proves little.
    expect(accepted).toBeGreaterThan(30);
  });
});
