/**
 * Network rules as pure functions: CIDR lists, and which address a request really comes from.
 * Proxy headers are believed only when the connection itself comes from a configured proxy.
 */
import { BlockList, isIP } from 'node:net';

export class CidrError extends Error {}

export interface NetworkList {
  contains(address: string): boolean;
}

/** Builds a matcher for "10.0.0.0/8", "2001:db8::/32", or single addresses. */
export function networkList(cidrs: readonly string[]): NetworkList {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [address = '', prefixText] = cidr.trim().split('/');
    const family = isIP(address);
    if (family === 0) throw new CidrError(`not an IP network: "${cidr}"`);
    const max = family === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
    if (!(prefix >= 0 && prefix <= max)) {
      throw new CidrError(`bad prefix length in "${cidr}" (0–${max})`);
    }
    list.addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
  }
  return {
    contains(candidate: string): boolean {
      const address = unmapIpv4(candidate);
      const family = isIP(address);
      if (family === 0) return false;
      return list.check(address, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

/** "::ffff:192.0.2.1" (how a dual-stack socket reports IPv4 peers) → "192.0.2.1". */
export function unmapIpv4(address: string): string {
  const match = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return match ? match[1]! : address;
}

/**
 * The client's address: the socket's peer, or — only when that peer is a trusted proxy — the
 * right-most address of X-Forwarded-For that is not itself a trusted proxy.
 */
export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustedProxies: NetworkList,
): string | null {
  if (!socketAddress) return null;
  let address = unmapIpv4(socketAddress);
  if (!trustedProxies.contains(address) || forwardedFor === undefined) return address;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((hop) => unmapIpv4(hop.trim()));
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (isIP(hop) === 0) return address; // a malformed hop: stop believing the chain
    address = hop;
    if (!trustedProxies.contains(hop)) return hop;
  }
  return address;
}
