import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { ValidationError } from '@/lib/errors';

import { numberParam, pageParam, parseSearchParams } from './parse-search-params';

const query = z.object({
  limit: numberParam({ min: 1, max: 200 }).default(50),
  page: pageParam(),
  pct: numberParam({ expected: 'a percentage', min: 1, max: 1000, whole: false }).optional(),
  days: numberParam({ expected: 'a number of days', min: 1, max: 180, whole: 'expected a whole number' }).optional(),
});

const problem = (search: string) => {
  try {
    parseSearchParams(new Request(`http://localhost/x?${search}`), query);
    return null;
  } catch (error) {
    return error instanceof ValidationError ? error.message : error;
  }
};

describe('numberParam', () => {
  it('reads a number within its range, and its default when the parameter is absent or empty', () => {
    expect(parseSearchParams(new Request('http://localhost/x?limit=200&page=&pct=2.5'), query)).toEqual({
      limit: 200,
      page: 1,
      pct: 2.5,
    });
  });

  it('says what was expected of anything else, in the words each parameter chose', () => {
    expect(problem('limit=ten')).toBe('limit: expected a number');
    expect(problem('limit=1.5')).toBe('limit: expected a number');
    expect(problem('limit=0')).toBe('limit: expected 1–200');
    expect(problem('limit=201')).toBe('limit: expected 1–200');
    expect(problem('page=0')).toBe('page: expected 1 or more');
    expect(problem('page=100001')).toBe('page: expected a page number');
    expect(problem('pct=1001')).toBe('pct: expected 1–1000');
    expect(problem('days=1.5')).toBe('days: expected a whole number');
    expect(problem('days=x')).toBe('days: expected a number of days');
  });
});
