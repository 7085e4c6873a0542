import { describe, it, expect } from 'vitest';
import { buildContentSecurityPolicy } from './csp';

function directives(policy: string): Map<string, string> {
  return new Map(
    policy.split('; ').map((directive) => {
      const [name = '', ...sources] = directive.split(' ');
      return [name, sources.join(' ')];
    }),
  );
}

describe('buildContentSecurityPolicy', () => {
  it.each([
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    ['style-src', "'self' 'unsafe-inline'"],
    ['img-src', "'self' data: blob:"],
    ['media-src', "'self' blob: mediastream:"],
    ['font-src', "'self' data:"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['frame-ancestors', "'none'"],
    ['form-action', "'none'"],
  ])('%s is %s', (name, sources) => {
    expect(directives(buildContentSecurityPolicy('https://conf.example.fr')).get(name)).toBe(sources);
  });

  it.each([
    ['https://conf.example.fr', "'self' https://conf.example.fr wss://conf.example.fr"],
    ['https://conf.example.fr/base/path?q=1', "'self' https://conf.example.fr wss://conf.example.fr"],
    ['http://127.0.0.1:8080', "'self' http://127.0.0.1:8080 ws://127.0.0.1:8080"],
    ['https://conf.example.fr:8443/', "'self' https://conf.example.fr:8443 wss://conf.example.fr:8443"],
  ])('connect-src for %s is %s', (serverUrl, sources) => {
    expect(directives(buildContentSecurityPolicy(serverUrl)).get('connect-src')).toBe(sources);
  });

  it('never lets a crafted server URL add a directive', () => {
    const policy = buildContentSecurityPolicy("https://conf.example.fr/;script-src 'unsafe-eval'");
    expect(policy).not.toContain('unsafe-eval');
  });

  it.each(['ftp://conf.example.fr', 'javascript:alert(1)', 'not a url'])('rejects %s', (url) => {
    expect(() => buildContentSecurityPolicy(url)).toThrow();
  });
});
