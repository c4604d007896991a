import { expect, it } from 'vitest';
import { parseAllowList, refusedAddressReason } from './address-guard';

it('refuses private, loopback, link-local, CGNAT, multicast and reserved addresses, v4 and v6', () => {
  const refused = [
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '127.0.0.1',
    '169.254.169.254', // cloud metadata
    '100.64.0.1', // CGNAT
    '224.0.0.1',
    '0.0.0.0',
    '255.255.255.255',
    '192.0.2.10', // documentation
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    'ff02::1',
    '::ffff:10.0.0.1', // IPv4-mapped private
    '::ffff:127.0.0.1',
    '2001:db8::1', // documentation
  ];
  for (const address of refused) expect(refusedAddressReason(address, []), address).not.toBeNull();
  for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
    expect(refusedAddressReason(address, []), address).toBeNull();
  }
});

it('lets an operator allow ranges, and nothing else', () => {
  const allow = parseAllowList(['127.0.0.0/8', '::1/128', '10.20.0.0/16']);
  expect(refusedAddressReason('127.0.0.1', allow)).toBeNull();
  expect(refusedAddressReason('::1', allow)).toBeNull();
  expect(refusedAddressReason('10.20.3.4', allow)).toBeNull();
  expect(refusedAddressReason('10.21.3.4', allow)).toMatch(/private address/);
  expect(refusedAddressReason('169.254.169.254', allow)).toMatch(/linkLocal/);
  expect(refusedAddressReason('not-an-ip', allow)).toMatch(/not an IP address/);
});
