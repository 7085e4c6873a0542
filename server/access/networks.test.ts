import { describe, expect, it } from 'vitest';
import { CidrError, clientAddress, networkList } from './networks';

describe('networkList', () => {
  const rie = networkList(['10.0.0.0/8', '192.0.2.17', '2001:db8:1234::/48', '::1/128']);
  it.each([
    ['10.1.2.3', true],
    ['10.255.255.255', true],
    ['11.0.0.1', false],
    ['192.0.2.17', true],
    ['192.0.2.18', false],
    ['::ffff:10.9.9.9', true], // IPv4 seen through a dual-stack socket
    ['::ffff:11.9.9.9', false],
    ['2001:db8:1234:ffff::1', true],
    ['2001:db8:1235::1', false],
    ['::1', true],
    ['127.0.0.1', false],
    ['not-an-address', false],
    ['', false],
  ])('%s → %s', (address, inside) => {
    expect(rie.contains(address)).toBe(inside);
  });

  it('contains nothing when empty', () => {
    expect(networkList([]).contains('127.0.0.1')).toBe(false);
  });

  it.each(['10.0.0.0/33', '2001:db8::/129', 'example.org/8', '10.0.0.0/x', '10.0.0.0/', '/8', '10.0.0/8'])(
    'refuses %s with a clear error',
    (cidr) => {
      expect(() => networkList([cidr])).toThrow(CidrError);
    },
  );
});

describe('clientAddress', () => {
  const proxies = networkList(['10.0.0.1', '10.0.0.2', 'fd00::1']);
  it.each<[string, string | undefined, string | undefined, string | null]>([
    ['a direct client', '203.0.113.5', undefined, '203.0.113.5'],
    ['a direct client forging the header', '203.0.113.5', '10.1.1.1', '203.0.113.5'],
    ['through our proxy', '10.0.0.1', '203.0.113.5', '203.0.113.5'],
    ['through two of our proxies', '10.0.0.1', '203.0.113.5, 10.0.0.2', '203.0.113.5'],
    ['a client forging hops before our proxy', '10.0.0.1', '10.5.5.5, 198.51.100.7', '198.51.100.7'],
    ['our proxy without the header', '10.0.0.1', undefined, '10.0.0.1'],
    ['a malformed hop', '10.0.0.1', 'garbage', '10.0.0.1'],
    ['IPv4 through a dual-stack socket', '::ffff:203.0.113.9', undefined, '203.0.113.9'],
    ['an IPv6 proxy', 'fd00::1', '2001:db8::42', '2001:db8::42'],
    ['no socket address', undefined, '203.0.113.5', null],
  ])('%s', (_name, socket, header, expected) => {
    expect(clientAddress(socket, header, proxies)).toBe(expected);
  });

  it('reads a header repeated on several lines as one list', () => {
    expect(clientAddress('10.0.0.1', ['198.51.100.1', '198.51.100.2'], proxies)).toBe('198.51.100.2');
  });
});
