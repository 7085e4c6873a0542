import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { POLICY_KEYS, policySchemas } from './policy-keys';
import { RECOMMENDED_SUBKEY, REGISTRY_KEY } from './policy-sources';

/** The Group Policy template IT imports must describe exactly the policies the app reads. */

// Loaded untyped: xmldom's declarations would bring the DOM's global types into main/'s checks.
interface Element {
  getAttribute(name: string): string | null;
  getElementsByTagName(name: string): ArrayLike<Element>;
  textContent: string | null;
}
type Parser = new (options: { onError: (level: string, message: string) => void }) => {
  parseFromString(text: string, type: string): Element;
};
const { DOMParser } = createRequire(import.meta.url)('@xmldom/xmldom') as { DOMParser: Parser };
const folder = path.resolve(import.meta.dirname, '../../build/policy');

function parse(file: string) {
  const errors: string[] = [];
  const document = new DOMParser({
    onError: (level: string, message: string) => {
      if (level !== 'warning') errors.push(message);
    },
  }).parseFromString(readFileSync(path.join(folder, file), 'utf8'), 'text/xml');
  return { document, errors };
}

const elements = (root: { getElementsByTagName(name: string): ArrayLike<Element> }, name: string) =>
  Array.from(root.getElementsByTagName(name));

const admx = parse('webconf.admx');
const policies = elements(admx.document, 'policy');
const valueNameOf = (policy: Element) =>
  policy.getAttribute('valueName') ||
  elements(policy, 'elements')
    .flatMap((e) => elements(e, '*'))[0]
    ?.getAttribute('valueName');

describe('the ADMX template', () => {
  it('is well-formed XML, and so are its French and English ADML', () => {
    expect(admx.errors).toEqual([]);
    expect(parse('fr-FR/webconf.adml').errors).toEqual([]);
    expect(parse('en-US/webconf.adml').errors).toEqual([]);
  });

  it('writes every policy the app reads, and nothing else, under the key the app reads', () => {
    const written = new Set(policies.map(valueNameOf));
    expect([...written].sort()).toEqual([...POLICY_KEYS].sort());
    const root = `Software\\${REGISTRY_KEY.replace(/^SOFTWARE\\/, '')}`;
    for (const policy of policies) {
      expect([root, `${root}\\${RECOMMENDED_SUBKEY}`]).toContain(policy.getAttribute('key'));
    }
  });

  it('offers exactly the values the app accepts in its lists', () => {
    for (const list of elements(admx.document, 'enum')) {
      const name = list.getAttribute('valueName') as keyof typeof policySchemas;
      const offered = elements(list, 'string').map((value) => value.textContent);
      expect(offered, name).toEqual((policySchemas[name] as z.ZodEnum).options);
    }
  });

  it.each(['fr-FR', 'en-US'])('has every text and presentation it refers to in %s', (language) => {
    const adml = parse(`${language}/webconf.adml`).document;
    const strings = new Set(elements(adml, 'string').map((s) => s.getAttribute('id')));
    const presentations = new Set(elements(adml, 'presentation').map((p) => p.getAttribute('id')));
    const text = readFileSync(path.join(folder, 'webconf.admx'), 'utf8');
    for (const [, id] of text.matchAll(/\$\(string\.(\w+)\)/g)) expect(strings.has(id!), id).toBe(true);
    for (const [, id] of text.matchAll(/\$\(presentation\.(\w+)\)/g)) expect(presentations.has(id!), id).toBe(true);
  });
});
