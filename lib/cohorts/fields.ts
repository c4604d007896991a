import { and, desc, eq, sql } from 'drizzle-orm';

import type { Queryable } from '@/lib/db/client';
import { accounts, events, eventTypes, users } from '@/lib/db/schema';

// What the builder's pickers offer: trait names with their type (from recently seen members), the
// events this environment has seen, and the property names of one event (from its latest ones).
// Samples keep this fast on large environments; a key not seen in them can still be typed.

export type FieldType = 'string' | 'number' | 'boolean' | 'date' | 'object' | 'array' | 'null';
export type Field = { key: string; type: FieldType };

const SAMPLE_ROWS = 500;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function typeOf(value: unknown): FieldType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'string') return ISO_DATE.test(value) ? 'date' : 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  return 'object';
}

/** Dotted keys down to two levels (response.status), each with the type seen most often. */
export function fieldsOf(objects: Record<string, unknown>[]): Field[] {
  const seen = new Map<string, Map<FieldType, number>>();
  const note = (key: string, type: FieldType) => {
    const counts = seen.get(key) ?? new Map<FieldType, number>();
    counts.set(type, (counts.get(type) ?? 0) + 1);
    seen.set(key, counts);
  };
  for (const object of objects) {
    for (const [key, value] of Object.entries(object ?? {})) {
      const type = typeOf(value);
      if (type === 'object') {
        for (const [inner, v] of Object.entries(value as Record<string, unknown>)) {
          const t = typeOf(v);
          if (t !== 'object') note(`${key}.${inner}`, t);
        }
      } else note(key, type);
    }
  }
  return [...seen]
    .map(([key, counts]) => {
      const ranked = [...counts].filter(([t]) => t !== 'null').sort((a, b) => b[1] - a[1]);
      return { key, type: ranked[0]?.[0] ?? 'null' };
    })
    .sort((a, b) => a.key.localeCompare(b.key));
}

export async function cohortFields(
  db: Queryable,
  environmentId: number,
  entity: 'users' | 'accounts',
): Promise<{ traits: Field[]; events: string[] }> {
  const table = entity === 'users' ? users : accounts;
  const sample = await db
    .select({ traits: table.traits })
    .from(table)
    .where(eq(table.environmentId, environmentId))
    .orderBy(desc(table.lastSeenAt))
    .limit(SAMPLE_ROWS);
  const names = await db
    .select({ name: eventTypes.name })
    .from(eventTypes)
    .where(eq(eventTypes.environmentId, environmentId))
    .orderBy(sql`${eventTypes.total} desc`)
    .limit(500);
  return { traits: fieldsOf(sample.map((s) => s.traits)), events: names.map((n) => n.name) };
}

export async function eventProperties(db: Queryable, environmentId: number, event: string): Promise<Field[]> {
  const sample = await db
    .select({ properties: events.properties })
    .from(events)
    .where(and(eq(events.environmentId, environmentId), eq(events.name, event)))
    .orderBy(desc(events.timestamp))
    .limit(SAMPLE_ROWS);
  return fieldsOf(sample.map((s) => (s.properties ?? {}) as Record<string, unknown>));
}
