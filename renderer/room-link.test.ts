import { describe, expect, it } from 'vitest';
import { normaliseRoomName, parseRoomInput, roomLink } from './room-link';

const server = 'https://webconf.example.gouv.fr';

describe('parseRoomInput', () => {
  it.each([
    ['a link of this server', `${server}/r/reunion-equipe`, { ok: true, roomId: 'reunion-equipe' }],
    ['a link with a trailing slash', `${server}/r/reunion-equipe/`, { ok: true, roomId: 'reunion-equipe' }],
    ['a link with a query and a fragment', `${server}/r/point-hebdo?x=1#y`, { ok: true, roomId: 'point-hebdo' }],
    ['a link surrounded by spaces', `  ${server}/r/abc  `, { ok: true, roomId: 'abc' }],
    ['a link of another server', 'https://ailleurs.example.org/r/abc', { ok: false, reason: 'other-server' }],
    ['a link of this host over http', 'http://webconf.example.gouv.fr/r/abc', { ok: false, reason: 'other-server' }],
    [
      'a link of this host on another port',
      'https://webconf.example.gouv.fr:8443/r/abc',
      { ok: false, reason: 'other-server' },
    ],
    ['a link to another path', `${server}/salle/abc`, { ok: false, reason: 'invalid' }],
    ['a link without a room', `${server}/r/`, { ok: false, reason: 'invalid' }],
    ['a link with an upper-case room', `${server}/r/Reunion`, { ok: false, reason: 'invalid' }],
    ['a link with a nested path', `${server}/r/a/b`, { ok: false, reason: 'invalid' }],
    ['a link with a too long room', `${server}/r/${'a'.repeat(65)}`, { ok: false, reason: 'invalid' }],
    ['a name with accents and an apostrophe', "Réunion d'équipe", { ok: true, roomId: 'reunion-d-equipe' }],
    ['a name with a typographic apostrophe', 'L’été au Ministère', { ok: true, roomId: 'l-ete-au-ministere' }],
    ['a name with spaces around and inside', '  Point   hebdo  ', { ok: true, roomId: 'point-hebdo' }],
    ['a name with symbols', 'Comité — Île-de-France !', { ok: true, roomId: 'comite-ile-de-france' }],
    ['an id as is', 'abc-123', { ok: true, roomId: 'abc-123' }],
    ['a too long name, cut at 64', 'a'.repeat(80), { ok: true, roomId: 'a'.repeat(64) }],
    ['nothing but symbols', '!!! ???', { ok: false, reason: 'invalid' }],
    ['an empty input', '', { ok: false, reason: 'empty' }],
    ['blank input', '   \t ', { ok: false, reason: 'empty' }],
    ['a malformed link', 'https://', { ok: false, reason: 'invalid' }],
  ])('%s', (_what, input, expected) => {
    expect(parseRoomInput(input, server)).toEqual(expected);
  });
});

describe('normaliseRoomName', () => {
  it.each([
    ["Réunion d'équipe", 'reunion-d-equipe'],
    ['ÉLYSÉE', 'elysee'],
    ['Noël à Besançon', 'noel-a-besancon'],
    ['--déjà--', 'deja'],
    ['Ça va ?', 'ca-va'],
    [`${'x'.repeat(63)} y`, 'x'.repeat(63)], // cut at 64 leaves a dash, which goes
    ['', ''],
  ])('%j → %j', (name, id) => {
    expect(normaliseRoomName(name)).toBe(id);
  });
});

describe('roomLink', () => {
  it('builds the link that parseRoomInput reads back', () => {
    const link = roomLink(server, 'reunion-equipe');
    expect(link).toBe(`${server}/r/reunion-equipe`);
    expect(parseRoomInput(link, server)).toEqual({ ok: true, roomId: 'reunion-equipe' });
  });
});
