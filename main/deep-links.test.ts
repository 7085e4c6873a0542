import { describe, expect, it } from 'vitest';
import { roomFromArguments, roomFromLink } from './deep-links';

const server = 'https://webconf.example.gouv.fr';
const room = 'abcdefghijklmnopqrstuvwxyz';

describe('roomFromLink', () => {
  it.each<[string, string | null]>([
    [`webconf://join/${room}`, room],
    [`webconf://join/${room}/`, room],
    [`WEBCONF://JOIN/${room.toUpperCase()}`, room],
    [`webconf:join/${room}`, room],
    [`${server}/r/${room}`, room],
    [`  ${server}/r/${room}  `, room],
    [`${server}/r/${room}?utm=x`, room],
    ['https://webconf.example.gouv.fr.evil.com/r/abc', null],
    ['https://evil.example/r/abc', null],
    ['http://webconf.example.gouv.fr/r/abc', null], // http is another origin than the https server
    [`https://user:pass@webconf.example.gouv.fr/r/${room}`, null],
    ['https://webconf.example.gouv.fr/other/abc', null],
    ['webconf://join/../../etc', null],
    ['webconf://join/%2e%2e', null],
    ['webconf://settings/reset', null],
    ['webconf://join/', null],
    ['javascript:alert(1)', null],
    ['file:///etc/passwd', null],
    ['https://xn--webcnf-0ta.example/r/abc', null], // IDN look-alike host
    ['not a url', null],
    ['', null],
  ])('%s → %s', (link, expected) => {
    expect(roomFromLink(link, server)).toBe(expected);
  });
});

describe('roomFromArguments', () => {
  it('finds the link among the arguments a launch or a second instance gets', () => {
    expect(roomFromArguments(['/opt/Webconf/webconf', '--no-sandbox', `webconf://join/${room}`], server)).toBe(room);
    expect(roomFromArguments(['C:\\Webconf\\Webconf.exe', `${server}/r/${room}`], server)).toBe(room);
    expect(roomFromArguments(['/opt/Webconf/webconf', '--inspect=9229'], server)).toBeNull();
  });
});
