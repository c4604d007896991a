import { describe, expect, it } from 'vitest';

import { parseEnv } from '@/lib/env';
import { ForbiddenError } from '@/lib/errors';

import { allowedOrigins, assertSameOriginJson } from './same-origin';

const env = parseEnv({ APP_URL: 'https://signals.example.com/', PORT: '3555' });

const request = (method: string, headers: Record<string, string>, body?: string) =>
  new Request('https://signals.example.com/api/v1/admins', { method, headers, body });

const refused = (r: Request) => {
  try {
    assertSameOriginJson(r, env);
  } catch (error) {
    if (error instanceof ForbiddenError) return error.message;
    throw error;
  }
  return null;
};

describe('changes only from the app itself, as JSON', () => {
  const json = { 'content-type': 'application/json' };

  it('accepts JSON from the app origin, or marked same-origin by the browser', () => {
    expect(refused(request('POST', { ...json, origin: 'https://signals.example.com' }, '{}'))).toBeNull();
    expect(
      refused(
        request('PATCH', { 'content-type': 'application/json; charset=utf-8', origin: 'https://signals.example.com' }, '{}'),
      ),
    ).toBeNull();
    expect(refused(request('POST', { ...json, 'sec-fetch-site': 'same-origin' }, '{}'))).toBeNull();
    expect(refused(request('DELETE', { origin: 'https://signals.example.com' }))).toBeNull();
  });

  it('never asks anything of a read', () => {
    expect(refused(request('GET', {}))).toBeNull();
    expect(refused(request('HEAD', { origin: 'https://evil.example' }))).toBeNull();
  });

  it.each([
    ['another port of the same host (same-site)', { ...json, origin: 'https://signals.example.com:8443' }],
    ['a sibling subdomain', { ...json, origin: 'https://evil.signals.example.com' }],
    ['http instead of https', { ...json, origin: 'http://signals.example.com' }],
    ['an opaque origin', { ...json, origin: 'null' }],
    ['no origin, a same-site fetch', { ...json, 'sec-fetch-site': 'same-site' }],
    ['no origin and no fetch metadata', json],
    ['a mismatched origin that claims same-origin', { ...json, origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' }],
  ])('refuses a change from %s', (_what, headers) => {
    expect(refused(request('POST', headers, '{}'))).toMatch(/changes are accepted only from Signalboard's own pages/);
  });

  it.each([
    ['text/plain (the forged form)', 'text/plain'],
    ['a urlencoded form', 'application/x-www-form-urlencoded'],
    ['a multipart form', 'multipart/form-data; boundary=x'],
    ['something JSON-like', 'application/json-patch+json'],
  ])('refuses a body sent as %s, even from the app', (_what, type) => {
    expect(refused(request('POST', { 'content-type': type, origin: 'https://signals.example.com' }, '{}'))).toMatch(
      /only as JSON/,
    );
  });

  it('refuses a POST without a content type and a DELETE with a non-JSON body', () => {
    expect(refused(request('POST', { origin: 'https://signals.example.com' }))).toMatch(/only as JSON/);
    expect(refused(request('DELETE', { origin: 'https://signals.example.com', 'content-type': 'text/plain' }, 'x'))).toMatch(
      /only as JSON/,
    );
  });

  it('knows the loopback names of the default address, and only on its port', () => {
    expect([...allowedOrigins(parseEnv({ PORT: '3555' }))]).toEqual([
      'http://localhost:3555',
      'http://127.0.0.1:3555',
      'http://[::1]:3555',
    ]);
    expect([...allowedOrigins(env)]).toEqual(['https://signals.example.com']);
  });
});
