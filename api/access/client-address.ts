import { isIP } from 'node:net';

/**
 * The address a client is counted under for the failed-authentication limit. By default the
 * socket's peer address; behind a reverse proxy, the header it sets (`api.clientAddressHeader`),
 * taking the header's last entry: the one the proxy itself appended, which the client cannot
 * choose (earlier entries of `X-Forwarded-For` are whatever the client sent). The header is only
 * read when configured: otherwise any client could pick a new address per request.
 *
 * IPv6 clients are counted per /64, the block one host or home network is usually given, so a
 * single attacker cannot get a fresh bucket per request from its own prefix.
 */
export function clientAddress(
  socketAddress: string | undefined,
  headers: Readonly<Record<string, string | string[] | undefined>>,
  header: string,
): string {
  const forwarded = header === '' ? undefined : lastEntry(headers[header.toLowerCase()]);
  // A request that did not come through the proxy (no header, or garbage) is counted by its socket.
  const address = forwarded !== undefined && isIP(forwarded) !== 0 ? forwarded : (socketAddress ?? '');
  return addressGroup(address);
}

function lastEntry(value: string | string[] | undefined): string | undefined {
  const joined = Array.isArray(value) ? value.join(',') : value;
  if (joined === undefined) return undefined;
  const last = joined.split(',').at(-1)?.trim();
  return last === '' ? undefined : last;
}

/** An IPv4 address as is (also when IPv4-mapped); an IPv6 address as its /64 prefix. */
export function addressGroup(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1] !== undefined) return mapped[1];
  if (isIP(address) !== 6) return address;
  const [head = '', tail] = address.toLowerCase().split('%')[0]!.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  // An embedded IPv4 tail (::1.2.3.4) is two groups; only the first four groups matter here.
  const missing = Math.max(0, 8 - headGroups.length - tailGroups.length);
  const groups = [...headGroups, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...tailGroups];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
