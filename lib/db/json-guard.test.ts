import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { findUnstorable } from './json-guard';

// The plain definition: a NUL or an unpaired surrogate in any key or string, or nesting past 32.
function unstorable(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000') || !value.isWellFormed();
  if (value === null || typeof value !== 'object') return false;
  if (depth >= 32) return true;
  return Object.entries(value).some(([key, child]) => unstorable(key) || unstorable(child, depth + 1));
}

const anyChar = fc.nat(0xffff).map((c) => String.fromCharCode(c));
const text = fc.oneof(fc.string(), fc.string({ unit: anyChar, maxLength: 6 }));
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(text, tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('findUnstorable', () => {
  it('finds an issue exactly when a value holds a NUL, a lone surrogate or nests too deep', () => {
    fc.assert(
      fc.property(json, (value) => (findUnstorable(value, '') !== undefined) === unstorable(value)),
      { numRuns: 3_000 },
    );
  });

  it('names where the issue is', () => {
    expect(findUnstorable({ batch: [{ event: 'ok' }, { properties: { note: 'a\u0000b' } }] }, '')).toEqual({
      path: 'batch.1.properties.note',
      message: 'contains a NUL character (\\u0000), which cannot be stored',
    });
    expect(findUnstorable({ traits: { ['\ud800']: 1 } }, '')?.path).toBe('traits.\ud800');
    let deep: unknown = 'bottom';
    for (let i = 0; i < 40; i++) deep = [deep];
    expect(findUnstorable({ properties: deep }, '')?.message).toBe('is nested more than 32 levels deep');
    expect(findUnstorable({ properties: { fine: ['yes', 1, null, { ok: true }] } }, '')).toBeUndefined();
  });
});
