import ipaddr from 'ipaddr.js';

// Outgoing deliveries must not reach the machine's own network (SSRF). Only globally routable
// unicast addresses are allowed, unless the operator lists ranges in DELIVERY_ALLOW_CIDRS.
// The check runs on the address the socket actually connects to, so DNS rebinding cannot pass.

export type AllowList = [ipaddr.IPv4 | ipaddr.IPv6, number][];

export function parseAllowList(cidrs: readonly string[]): AllowList {
  return cidrs.map((cidr) => ipaddr.parseCIDR(cidr));
}

// Every special-purpose range (IANA's registries), named as ipaddr.js names them where it does.
// Listed here rather than left to ipaddr.js's range(), which lacks some (::/96, 3ffe::/16) and may
// change between versions; range() still refuses anything else it knows not to be unicast.
// The most specific range of an overlap comes first, so that it names the address.
const V4_RANGES: [string, string][] = [
  ['255.255.255.255/32', 'broadcast'],
  ['0.0.0.0/8', 'unspecified'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'carrierGradeNat'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'linkLocal'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'reserved'], // IETF protocol assignments
  ['192.0.2.0/24', 'documentation'],
  ['192.88.99.0/24', '6to4 relay'],
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'benchmarking'],
  ['198.51.100.0/24', 'documentation'],
  ['203.0.113.0/24', 'documentation'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved'],
];

// Transition ranges (NAT64, SIIT, 6to4, Teredo) are refused outright: through a gateway they reach
// the IPv4 address inside, private ones included, and nothing here can see where that leads.
const V6_RANGES: [string, string][] = [
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['::/96', 'ipv4Compatible'], // deprecated (RFC 4291), ::127.0.0.1
  ['::ffff:0:0:0/96', 'rfc6145'], // SIIT
  ['64:ff9b::/96', 'rfc6052'], // NAT64
  ['64:ff9b:1::/48', 'rfc6052'], // local-use NAT64
  ['100::/64', 'discard'],
  ['2001::/32', 'teredo'],
  ['2001:10::/28', 'deprecatedOrchid'],
  ['2001:20::/28', 'orchid2'],
  ['2001:db8::/32', 'documentation'],
  ['2002::/16', '6to4'],
  ['3ffe::/16', '6bone'], // returned to IANA, deprecated
  ['fc00::/7', 'uniqueLocal'],
  ['fe80::/10', 'linkLocal'],
  ['fec0::/10', 'deprecatedSiteLocal'],
  ['ff00::/8', 'multicast'],
];

const v4Ranges = V4_RANGES.map(([cidr, name]) => [ipaddr.IPv4.parseCIDR(cidr), name] as const);
const v6Ranges = V6_RANGES.map(([cidr, name]) => [ipaddr.IPv6.parseCIDR(cidr), name] as const);
/** Where IANA allocates global unicast IPv6; anything outside it is special or unassigned. */
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');

/** The name of the special range holding the address, or null for a public unicast address. */
export function specialRange(ip: ipaddr.IPv4 | ipaddr.IPv6): string | null {
  if (ip.kind() === 'ipv4') {
    const v4 = ip as ipaddr.IPv4;
    for (const [cidr, name] of v4Ranges) if (v4.match(cidr)) return name;
  } else {
    const v6 = ip as ipaddr.IPv6;
    for (const [cidr, name] of v6Ranges) if (v6.match(cidr)) return name;
    if (!v6.match(GLOBAL_UNICAST_V6)) return 'reserved';
  }
  const range = ip.range();
  return range === 'unicast' ? null : range;
}

/**
 * ipaddr.parse reads "::10.0.0.1" as ::ffff:10.0.0.1 (IPv4-mapped), but it is ::a00:1
 * (IPv4-compatible) — and that is how Node prints such an address as a socket's remoteAddress.
 */
function parseAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 {
  const compatible = /^::([^:%]+\.[^:%]+)(%.*)?$/.exec(address)?.[1];
  if (compatible && ipaddr.IPv4.isValid(compatible)) {
    const [a = 0, b = 0, c = 0, d = 0] = ipaddr.IPv4.parse(compatible).octets;
    return new ipaddr.IPv6([0, 0, 0, 0, 0, 0, (a << 8) | b, (c << 8) | d]);
  }
  return ipaddr.parse(address);
}

/** Why the address is refused, or null when it may be reached. */
export function refusedAddressReason(address: string, allow: AllowList): string | null {
  if (!ipaddr.isValid(address)) return `"${address}" is not an IP address`;
  let ip = parseAddress(address);
  // ::ffff:10.0.0.1 is 10.0.0.1 on the wire: judge the IPv4 address inside.
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  for (const [range, bits] of allow) {
    if (range.kind() === ip.kind() && ip.match(range, bits)) return null;
  }
  const range = specialRange(ip);
  if (range === null) return null;
  return `${address} is a ${range} address; deliveries only go to public addresses (an operator can allow ranges with DELIVERY_ALLOW_CIDRS)`;
}
