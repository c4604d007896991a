import type { FieldIssue } from '@/lib/errors';

const MAX_DEPTH = 32;

/**
 * What valid JSON may hold but Postgres cannot store: NUL characters and lone UTF-16 surrogates
 * (jsonb and text refuse both), and nesting deep enough to exhaust its parser. Checked before
 * anything is queued, so one such value is a 400 naming it, never a failed flush. Every request
 * passes through here, so the common case (nothing wrong) walks the value without building the
 * paths it would name; only a value with an issue is walked again to name it.
 */
export function findUnstorable(value: unknown, path: string): FieldIssue | undefined {
  return isStorable(value, 0) ? undefined : locate(value, path, 0);
}

function isStorable(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return !value.includes('\u0000') && value.isWellFormed();
  if (value === null || typeof value !== 'object') return true;
  if (depth >= MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (!isStorable(item, depth + 1)) return false;
    return true;
  }
  // JSON.parse makes plain objects with own keys only: for…in allocates nothing.
  for (const key in value) {
    if (!isStorable(key, depth) || !isStorable((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

function locate(value: unknown, path: string, depth: number): FieldIssue | undefined {
  if (typeof value === 'string') return stringIssue(value, path);
  if (value === null || typeof value !== 'object') return undefined;
  if (depth >= MAX_DEPTH) return { path, message: `is nested more than ${MAX_DEPTH} levels deep` };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const issue = locate(value[i], `${path}.${i}`, depth + 1);
      if (issue) return issue;
    }
    return undefined;
  }
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    const issue = stringIssue(key, childPath) ?? locate(child, childPath, depth + 1);
    if (issue) return issue;
  }
  return undefined;
}

function stringIssue(value: string, path: string): FieldIssue | undefined {
  if (value.includes('\u0000')) return { path, message: 'contains a NUL character (\\u0000), which cannot be stored' };
  if (!value.isWellFormed()) return { path, message: 'contains an unpaired UTF-16 surrogate, which cannot be stored' };
  return undefined;
}
