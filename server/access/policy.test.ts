import { describe, expect, it } from 'vitest';
import { networkList } from './networks';
import { decideModeration, decideRoomCreation, type Requester } from './policy';

describe('decideRoomCreation', () => {
  const rie = networkList(['10.0.0.0/8', '2001:db8:1::/48']);
  const agent = { sub: 'agent-42', name: 'Camille Durand' };
  it.each<[string, Requester, ReturnType<typeof decideRoomCreation>]>([
    [
      'a signed-in agent, anywhere',
      { address: '203.0.113.5', agent },
      { allowed: true, creator: { kind: 'agent', id: 'agent-42', name: 'Camille Durand' } },
    ],
    [
      'the State network (IPv4)',
      { address: '10.20.30.40', agent: null },
      { allowed: true, creator: { kind: 'network', id: '10.20.30.40', name: null } },
    ],
    [
      'the State network (IPv6)',
      { address: '2001:db8:1::7', agent: null },
      { allowed: true, creator: { kind: 'network', id: '2001:db8:1::7', name: null } },
    ],
    [
      'a guest on the Internet',
      { address: '203.0.113.5', agent: null },
      { allowed: false, reason: 'sign-in-required' },
    ],
    [
      'a guest next door in IPv6',
      { address: '2001:db8:2::7', agent: null },
      { allowed: false, reason: 'sign-in-required' },
    ],
    ['an unknown address', { address: null, agent: null }, { allowed: false, reason: 'sign-in-required' }],
  ])('%s', (_name, requester, expected) => {
    expect(decideRoomCreation(requester, rie)).toEqual(expected);
  });
});

describe('decideModeration', () => {
  const moderator = { id: 'm', role: 'moderator' as const };
  const participant = { id: 'p', role: 'participant' as const };
  it.each<[string, Parameters<typeof decideModeration>, ReturnType<typeof decideModeration>]>([
    ['a moderator on another participant', [moderator, 'p', true], 'allowed'],
    ['a moderator on the whole room', [moderator, null, false], 'allowed'],
    ['a moderator on themselves', [moderator, 'm', true], 'self'],
    ['a moderator on someone gone', [moderator, 'x', false], 'no-such-participant'],
    ['a participant on a moderator', [participant, 'm', true], 'not-moderator'],
    ['a participant on the whole room', [participant, null, false], 'not-moderator'],
  ])('%s → %s', (_name, args, expected) => {
    expect(decideModeration(...args)).toBe(expected);
  });
});
