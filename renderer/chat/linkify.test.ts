import { describe, expect, it } from 'vitest';
import { linkify } from './linkify';

describe('linkify', () => {
  it.each([
    ['bonjour', [{ kind: 'text', text: 'bonjour' }]],
    [
      'voir https://www.numerique.gouv.fr/produits/ svp',
      [
        { kind: 'text', text: 'voir ' },
        {
          kind: 'link',
          text: 'https://www.numerique.gouv.fr/produits/',
          href: 'https://www.numerique.gouv.fr/produits/',
        },
        { kind: 'text', text: ' svp' },
      ],
    ],
    [
      'le lien (http://example.org/a).',
      [
        { kind: 'text', text: 'le lien (' },
        { kind: 'link', text: 'http://example.org/a', href: 'http://example.org/a' },
        { kind: 'text', text: ').' },
      ],
    ],
    ['javascript:alert(1)', [{ kind: 'text', text: 'javascript:alert(1)' }]],
    [
      '<a href="https://evil.example">x</a>',
      [
        { kind: 'text', text: '<a href="' },
        { kind: 'link', text: 'https://evil.example', href: 'https://evil.example/' },
        { kind: 'text', text: '">x</a>' },
      ],
    ],
    ['file:///etc/passwd et data:text/html,<b>', [{ kind: 'text', text: 'file:///etc/passwd et data:text/html,<b>' }]],
  ])('%s', (message, segments) => {
    expect(linkify(message)).toEqual(segments);
  });
});
