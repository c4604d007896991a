import ipaddr from 'ipaddr.js';

// Outgoing deliveries must not reach the machine's own network (SSRF). Only globally routable
// unicast addresses are allowed, unless the operator lists ranges in DELIVERY_ALLOW_CIDRS.
// The check runs on the address the socket actually connects to, so DNS rebinding cannot pass.

export type AllowList = [ipaddr.IPv4 | ipaddr.IPv6, number][];

export function parseAllowList(cidrs: readonly string[]): AllowList {
  return cidrs.map((cidr) => ipaddr.parseCIDR(cidr));
}

/** Why the address is refused, or null when it may be reached. */
export function refusedAddressReason(address: string, allow: AllowList): string | null {
  if (!ipaddr.isValid(address)) return `"${address}" is not an IP address`;
  let ip = ipaddr.parse(address);
  // ::ffff:10.0.0.1 is 10.0.0.1: judge the IPv4 address inside.
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  for (const [range, bits] of allow) {
    if (range.kind() === ip.kind() && ip.match(range, bits)) return null;
  }
  const range = ip.range();
  if (range === 'unicast') return null;
  return `${address} is a ${range} address; deliveries only go to public addresses (an operator can allow ranges with DELIVERY_ALLOW_CIDRS)`;
}
