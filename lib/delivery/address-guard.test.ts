import dns from 'node:dns';

import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { type Receiver, startReceiver } from '@/lib/testing/receiver';

import { parseAllowList, refusedAddressReason } from './address-guard';
import { postJson } from './http-send';

// Every range that is not public unicast: [range, name in the reason, addresses inside it, public
// addresses just outside it (where the neighbour is public at all)].
const RANGES: [string, string, string[], string[]][] = [
  ['0.0.0.0/8', 'unspecified', ['0.0.0.0', '0.1.2.3'], ['1.0.0.1']],
  ['10.0.0.0/8', 'private', ['10.0.0.1', '10.255.255.255'], ['11.0.0.1', '9.255.255.254']],
  ['100.64.0.0/10', 'carrierGradeNat', ['100.64.0.1', '100.127.255.254'], ['100.63.255.254', '100.128.0.1']],
  ['127.0.0.0/8', 'loopback', ['127.0.0.1', '127.255.0.1'], ['126.255.255.254', '128.0.0.1']],
  ['169.254.0.0/16', 'linkLocal', ['169.254.169.254'], ['169.253.255.254', '169.255.0.1']],
  ['172.16.0.0/12', 'private', ['172.16.0.1', '172.31.255.255'], ['172.15.255.254', '172.32.0.1']],
  ['192.0.0.0/24', 'reserved', ['192.0.0.8'], ['192.0.1.1']],
  ['192.0.2.0/24', 'documentation', ['192.0.2.10'], ['192.0.3.1']],
  ['192.88.99.0/24', '6to4 relay', ['192.88.99.1'], ['192.88.98.1', '192.88.100.1']],
  ['192.168.0.0/16', 'private', ['192.168.1.1'], ['192.167.255.254', '192.169.0.1']],
  ['198.18.0.0/15', 'benchmarking', ['198.18.0.1', '198.19.255.255'], ['198.17.255.254', '198.20.0.1']],
  ['198.51.100.0/24', 'documentation', ['198.51.100.7'], ['198.51.101.1']],
  ['203.0.113.0/24', 'documentation', ['203.0.113.9'], ['203.0.114.1']],
  ['224.0.0.0/4', 'multicast', ['224.0.0.1', '239.255.255.250'], ['223.255.255.254']],
  ['240.0.0.0/4', 'reserved', ['240.0.0.1', '255.255.255.254'], []],
  ['255.255.255.255/32', 'broadcast', ['255.255.255.255'], []],
  ['::/128', 'unspecified', ['::'], []],
  ['::1/128', 'loopback', ['::1'], []],
  // How a URL writes ::127.0.0.1, how Node prints it as a socket's address, and both for others.
  ['::/96', 'ipv4Compatible', ['::127.0.0.1', '::7f00:1', '::10.0.0.1', '::a00:1', '::8.8.8.8', '::808:808'], []],
  ['::ffff:0:0:0/96', 'rfc6145', ['::ffff:0:10.0.0.1', '::ffff:0:8.8.8.8'], []],
  ['64:ff9b::/96', 'rfc6052', ['64:ff9b::10.0.0.1', '64:ff9b::8.8.8.8'], []],
  ['64:ff9b:1::/48', 'rfc6052', ['64:ff9b:1::a00:1', '64:ff9b:1:ffff::1'], []],
  ['100::/64', 'discard', ['100::1', '100::ffff:ffff:ffff:ffff'], []],
  ['2001::/32', 'teredo', ['2001:0:4136:e378:8000:63bf:3fff:fdd2', '2001::1'], ['2001:4860:4860::8888']],
  ['2001:10::/28', 'deprecatedOrchid', ['2001:10::1', '2001:1f::1'], []],
  ['2001:20::/28', 'orchid2', ['2001:20::1', '2001:2f::1'], []],
  ['2001:db8::/32', 'documentation', ['2001:db8::1', '2001:db8:ffff::1'], ['2001:db9::1']],
  ['2002::/16', '6to4', ['2002:7f00:1::1', '2002:a00:1::1', '2002:808:808::1'], ['2003::1']],
  ['3ffe::/16', '6bone', ['3ffe::1', '3ffe:1900:4545:3:200:f8ff:fe21:67cf'], ['3ffd:ffff::1']],
  ['fc00::/7', 'uniqueLocal', ['fc00::1', 'fd12:3456::1'], []],
  ['fe80::/10', 'linkLocal', ['fe80::1', 'fe80::1%eth0', 'febf::1'], []],
  ['fec0::/10', 'deprecatedSiteLocal', ['fec0::1', 'feff::1'], []],
  ['ff00::/8', 'multicast', ['ff02::1', 'ff0e::1'], []],
  // Outside global unicast (2000::/3): unassigned, never a receiver.
  ['4000::/2', 'reserved', ['4000::1', '7fff::1'], ['2606:4700:4700::1111', '2a00:1450:4001::1']],
  ['e000::/4', 'reserved', ['e000::1'], []],
];

describe('the address guard', () => {
  for (const [range, name, inside, outside] of RANGES) {
    it(`refuses ${range} (${name})${outside.length ? ' and not its public neighbours' : ''}`, () => {
      for (const address of inside) {
        expect(refusedAddressReason(address, []), address).toMatch(new RegExp(`^\\S+ is a ${name} address;`));
        // Unless the operator allows that very range.
        expect(refusedAddressReason(address, parseAllowList([range])), `${address} allowed`).toBeNull();
      }
      for (const address of outside) expect(refusedAddressReason(address, []), address).toBeNull();
    });
  }

  it('judges an IPv4-mapped address (::ffff:0:0/96) by the IPv4 address inside', () => {
    expect(refusedAddressReason('::ffff:127.0.0.1', [])).toMatch(/loopback address/);
    expect(refusedAddressReason('::ffff:7f00:1', [])).toMatch(/loopback address/);
    expect(refusedAddressReason('::ffff:10.0.0.1', [])).toMatch(/private address/);
    expect(refusedAddressReason('::ffff:169.254.169.254', [])).toMatch(/linkLocal address/);
    expect(refusedAddressReason('::ffff:8.8.8.8', [])).toBeNull();
  });

  it('lets an operator allow ranges, and nothing else', () => {
    const allow = parseAllowList(['127.0.0.0/8', '::1/128', '10.20.0.0/16']);
    expect(refusedAddressReason('127.0.0.1', allow)).toBeNull();
    expect(refusedAddressReason('::ffff:127.0.0.1', allow)).toBeNull();
    expect(refusedAddressReason('::1', allow)).toBeNull();
    expect(refusedAddressReason('10.20.3.4', allow)).toBeNull();
    expect(refusedAddressReason('10.21.3.4', allow)).toMatch(/private address/);
    // ::127.0.0.1 is another address than 127.0.0.1, whatever its spelling.
    expect(refusedAddressReason('::127.0.0.1', allow)).toMatch(/ipv4Compatible address/);
    expect(refusedAddressReason('::7f00:1', allow)).toMatch(/ipv4Compatible address/);
    expect(refusedAddressReason('64:ff9b::127.0.0.1', allow)).toMatch(/rfc6052 address/);
    expect(refusedAddressReason('169.254.169.254', allow)).toMatch(/linkLocal/);
    expect(refusedAddressReason('not-an-ip', allow)).toMatch(/not an IP address/);
  });
});

describe('a delivery request', () => {
  let receiver: Receiver;
  const LOOPBACK = parseAllowList(['127.0.0.0/8']);
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
  });
  afterEach(() => {
    vi.restoreAllMocks();
    receiver.requests.length = 0;
  });
  const port = () => new URL(receiver.url).port;
  /** Makes every host name resolve to `address`, as a hostile DNS server would. */
  const resolveTo = (address: string, family: number) =>
    vi
      .spyOn(dns, 'lookup')
      .mockImplementation(((_host: string, _options: unknown, callback: (error: null, addresses: dns.LookupAddress[]) => void) =>
        callback(null, [{ address, family }])) as unknown as typeof dns.lookup);

  it('refuses an IPv4-compatible address written in the URL', async () => {
    const outcome = await postJson(`http://[::127.0.0.1]:${port()}/`, {}, '{}', { allow: LOOPBACK });
    expect(outcome).toMatchObject({ ok: false, error: 'refused' });
    expect(outcome.ok ? '' : outcome.message).toMatch(/::7f00:1 is a ipv4Compatible address/);
  });

  it('judges the address a host name resolves to, the one it would connect to', async () => {
    for (const [address, family, name] of [
      ['::7f00:1', 6, 'ipv4Compatible'],
      ['64:ff9b::a00:1', 6, 'rfc6052'],
      ['2002:7f00:1::1', 6, '6to4'],
      ['::ffff:a00:1', 6, 'private'],
      ['10.0.0.1', 4, 'private'],
    ] as const) {
      resolveTo(address, family);
      const outcome = await postJson(`http://rebound.example:${port()}/`, {}, '{}', { allow: LOOPBACK });
      expect(outcome, address).toMatchObject({ ok: false, error: 'refused' });
      expect(outcome.ok ? '' : outcome.message, address).toMatch(new RegExp(`is a ${name} address`));
      vi.restoreAllMocks();
    }
    // The same path connects when the resolved address is allowed.
    resolveTo('127.0.0.1', 4);
    expect(await postJson(`http://rebound.example:${port()}/`, {}, '{}', { allow: LOOPBACK })).toMatchObject({
      ok: true,
      status: 200,
    });
    expect(receiver.requests).toHaveLength(1);
  });
});
