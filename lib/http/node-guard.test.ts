import { describe, expect, it } from 'vitest';

import { clientAddressOf } from './node-guard';

const req = (remoteAddress: string, forwardedFor?: string) =>
  ({ socket: { remoteAddress }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } }) as never;

describe('the client address', () => {
  it('is the peer when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    expect(clientAddressOf(req('203.0.113.9', '1.2.3.4'), 0)).toBe('203.0.113.9');
    expect(clientAddressOf(req('::ffff:203.0.113.9'), 0)).toBe('203.0.113.9');
    expect(clientAddressOf(req('::1'), 0)).toBe('::1');
  });

  it('is read that many entries from the right behind trusted proxies, not the left a client can write', () => {
    expect(clientAddressOf(req('10.0.0.2', '6.6.6.6, 198.51.100.4'), 1)).toBe('198.51.100.4');
    expect(clientAddressOf(req('10.0.0.2', '6.6.6.6, 198.51.100.4, 10.0.0.1'), 2)).toBe('198.51.100.4');
    expect(clientAddressOf(req('10.0.0.2'), 1)).toBe('10.0.0.2');
    expect(clientAddressOf(req('10.0.0.2', 'not-an-address'), 1)).toBe('unknown');
  });
});
