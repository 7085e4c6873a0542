import { afterEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from 'vue-i18n';
import en from './en';
import fr from './fr';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const frLeaves = leaves(fr);
const enLeaves = leaves(en);

afterEach(() => vi.restoreAllMocks());

describe('interface texts', () => {
  it('has exactly the same keys in French and English', () => {
    expect([...enLeaves.keys()].sort()).toEqual([...frLeaves.keys()].sort());
  });

  it('has no empty text', () => {
    for (const [key, text] of [...frLeaves, ...enLeaves]) expect(text.trim(), key).not.toBe('');
  });

  it('uses the same placeholders in both languages', () => {
    for (const [key, text] of frLeaves) expect(placeholders(enLeaves.get(key) ?? ''), key).toEqual(placeholders(text));
  });

  it('compiles every message without a warning (no stray @, | or braces)', () => {
    const warn = vi.spyOn(console, 'warn');
    const i18n = createI18n({ legacy: false, locale: 'fr', fallbackLocale: 'fr', messages: { fr, en } });
    for (const locale of ['fr', 'en'] as const) {
      i18n.global.locale.value = locale;
      for (const [key, text] of locale === 'fr' ? frLeaves : enLeaves) {
        const params = Object.fromEntries(placeholders(text).map((name) => [name, `<${name}>`]));
        const shown = i18n.global.t(key, params);
        expect(shown, key).not.toBe(key);
        for (const name of placeholders(text)) expect(shown, key).toContain(`<${name}>`);
      }
    }
    expect(warn).not.toHaveBeenCalled();
  });
});
