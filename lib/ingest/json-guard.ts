import type { FieldIssue } from '@/lib/errors';

const MAX_DEPTH = 32;

/**
 * What valid JSON may hold but Postgres cannot store: NUL characters and lone UTF-16 surrogates
 * (jsonb and text refuse both), and nesting deep enough to exhaust its parser. Checked before
 * anything is queued, so one such value is a 400 naming it, never a failed flush.
 */
export function findUnstorable(value: unknown, path: string, depth = 0): FieldIssue | undefined {
  if (typeof value === 'string') return stringIssue(value, path);
  if (value === null || typeof value !== 'object') return undefined;
  if (depth >= MAX_DEPTH) return { path, message: `is nested more than ${MAX_DEPTH} levels deep` };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const issue = findUnstorable(value[i], `${path}.${i}`, depth + 1);
      if (issue) return issue;
    }
    return undefined;
  }
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    const issue = stringIssue(key, childPath) ?? findUnstorable(child, childPath, depth + 1);
    if (issue) return issue;
  }
  return undefined;
}

function stringIssue(value: string, path: string): FieldIssue | undefined {
  if (value.includes('\u0000')) return { path, message: 'contains a NUL character (\\u0000), which cannot be stored' };
  if (!value.isWellFormed()) return { path, message: 'contains an unpaired UTF-16 surrogate, which cannot be stored' };
  return undefined;
}
