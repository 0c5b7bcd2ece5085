/**
 * Which network addresses a source may be fetched from. A feed URL is user input (admins add
 * sources, OPML files are imported), so without this check a source could make mowjaz read its
 * own host, the private network behind it or a cloud metadata service and echo the answer into
 * a chat. The decision is made on resolved addresses, never on host names.
 */
import { BlockList, isIP, isIPv4 } from 'node:net';

export type BlockedReason = 'loopback' | 'private' | 'link-local' | 'cgnat' | 'unique-local' | 'metadata' | 'unspecified' | 'reserved' | 'multicast';

const METADATA = new Set(['169.254.169.254', 'fd00:ec2::254']);

const V4_RANGES: ReadonlyArray<[string, number, BlockedReason]> = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'cgnat'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'reserved'],
  ['203.0.113.0', 24, 'reserved'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

const V6_RANGES: ReadonlyArray<[string, number, BlockedReason]> = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['fc00::', 7, 'unique-local'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'reserved'],
  ['ff00::', 8, 'multicast'],
  ['2001:db8::', 32, 'reserved'],
  ['100::', 64, 'reserved'],
];

function listFor(ranges: ReadonlyArray<[string, number, BlockedReason]>, family: 'ipv4' | 'ipv6'): Array<[BlockList, BlockedReason]> {
  return ranges.map(([network, prefix, reason]) => {
    const list = new BlockList();
    list.addSubnet(network, prefix, family);
    return [list, reason];
  });
}

const V4_LISTS = listFor(V4_RANGES, 'ipv4');
const V6_LISTS = listFor(V6_RANGES, 'ipv6');

/** Expands an IPv6 address into its eight 16-bit groups (handles `::` and a trailing dotted IPv4). */
function ipv6Groups(address: string): number[] | null {
  let text = address.toLowerCase().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const parts = dotted[1].split('.').map(Number);
    const [a = 0, b = 0, c = 0, d = 0] = parts;
    text = text.slice(0, -dotted[1].length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return null;
  const groups = [...head, ...Array<string>(missing).fill('0'), ...tail].map((group) => Number.parseInt(group, 16));
  return groups.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff) ? groups : null;
}

/** The IPv4 address an IPv6 address carries (IPv4-mapped `::ffff:a.b.c.d`, IPv4-compatible, NAT64 `64:ff9b::/96`). */
export function embeddedIpv4(address: string): string | null {
  const groups = ipv6Groups(address);
  if (!groups) return null;
  const [g0, g1, g2, g3, g4, g5, g6 = 0, g7 = 0] = groups;
  const mapped = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && (g5 === 0xffff || (g5 === 0 && (g6 !== 0 || g7 > 1)));
  const nat64 = g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0;
  if (!mapped && !nat64) return null;
  return `${g6 >> 8}.${g6 & 0xff}.${g7 >> 8}.${g7 & 0xff}`;
}

/**
 * Why an address must not be fetched from, or null when it is a public address. Anything that is
 * not a valid IP address is refused as reserved: the caller passes resolved addresses only.
 */
export function blockedReason(address: string): BlockedReason | null {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '').toLowerCase();
  if (METADATA.has(bare)) return 'metadata';
  const family = isIP(bare);
  if (family === 4) {
    for (const [list, reason] of V4_LISTS) if (list.check(bare, 'ipv4')) return reason;
    return null;
  }
  if (family === 6) {
    const inner = embeddedIpv4(bare);
    if (inner !== null) return blockedReason(inner);
    const groups = ipv6Groups(bare);
    if (groups && groups.join(':') === [0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254].join(':')) return 'metadata';
    for (const [list, reason] of V6_LISTS) if (list.check(bare, 'ipv6')) return reason;
    return null;
  }
  return 'reserved';
}

export function isIpLiteral(host: string): boolean {
  return isIP(host.replace(/^\[|\]$/g, '')) !== 0 || isIPv4(host);
}

/** Raised when a source's address is refused; the fetcher maps it to a `blocked` fetch error. */
export class BlockedAddressError extends Error {
  readonly code = 'ERR_MOWJAZ_BLOCKED_ADDRESS';
  constructor(
    readonly host: string,
    readonly address: string,
    readonly reason: BlockedReason,
  ) {
    super(`${host} resolves to ${address} (${reason} address); fetching it is not allowed`);
    this.name = 'BlockedAddressError';
  }
}
