import { describe, expect, it } from 'vitest';

import { safeCallbackUrl } from './callback-url';

describe('the path followed after sign-in', () => {
  it.each([
    ['/signals', '/signals'],
    ['/signals?env=development&range=30d', '/signals?env=development&range=30d'],
    ['/accounts/acme%20inc#users', '/accounts/acme%20inc#users'],
    ['/cohorts/new', '/cohorts/new'],
  ])('follows the app path %j', (value, expected) => {
    expect(safeCallbackUrl(value)).toBe(expected);
  });

  it.each([
    // Another origin, spelled every way a browser would still follow.
    'https://evil.example/phish',
    '//evil.example/phish',
    '/\\evil.example/phish',
    '\\\\evil.example',
    '/\t/127.0.0.1:9999/phish',
    '/\n/127.0.0.1:9999/phish',
    '/\r\n/evil.example',
    '/%09/evil.example'.replace('%09', '\t'),
    '/x/..//evil.example',
    '/.//evil.example',
    '/./\\evil.example',
    '/\u2028/evil.example',
    '/\u0000',
    '/\u007f/evil.example',
    'javascript:alert(1)',
    ' /signals',
    'signals',
    '',
    `/${'a'.repeat(2001)}`,
  ])('refuses %j', (value) => {
    expect(safeCallbackUrl(value)).toBe('/signals');
  });

  it('refuses what is not a string', () => {
    expect(safeCallbackUrl(undefined)).toBe('/signals');
    expect(safeCallbackUrl(['/a', '/b'])).toBe('/signals');
    expect(safeCallbackUrl(42, '/settings')).toBe('/settings');
  });

  it('returns a value that is safe in a Location header', () => {
    const resolved = safeCallbackUrl('/accounts/é?q=ü');
    expect(resolved).toBe('/accounts/%C3%A9?q=%C3%BC');
    expect(resolved).toMatch(/^[\x21-\x7e]+$/);
  });
});

describe('callback URL after sign-in', () => {
  it('follows same-site paths only', () => {
    expect(safeCallbackUrl('/settings?env=development')).toBe('/settings?env=development');
    expect(safeCallbackUrl('//evil.example/x')).toBe('/signals');
    expect(safeCallbackUrl('https://evil.example')).toBe('/signals');
    expect(safeCallbackUrl('/\\evil.example')).toBe('/signals');
    expect(safeCallbackUrl(undefined)).toBe('/signals');
  });
});
