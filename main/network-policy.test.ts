import { describe, expect, it } from 'vitest';
import { proxyConfigFor, trustSystemCertificates, type NodeTls } from './network-policy';
import { resolvePolicy } from './policy/resolve-policy';

const policy = (enforced: Record<string, unknown>) =>
  resolvePolicy([{ name: 'p', scope: 'machine', enforced, defaults: {} }]);

describe('proxyConfigFor', () => {
  it.each<[string, Record<string, unknown>, unknown, number]>([
    ['no policy: Electron’s default', {}, null, 0],
    ['system', { ProxyMode: 'system' }, { mode: 'system' }, 0],
    ['direct', { ProxyMode: 'direct' }, { mode: 'direct' }, 0],
    [
      'a PAC file',
      { ProxyMode: 'pac', ProxyPacUrl: 'https://proxy.gouv.fr/proxy.pac' },
      { mode: 'pac_script', pacScript: 'https://proxy.gouv.fr/proxy.pac' },
      0,
    ],
    ['pac without its URL', { ProxyMode: 'pac' }, { mode: 'system' }, 1],
    [
      'a fixed proxy with exceptions',
      { ProxyMode: 'fixed', ProxyServer: 'proxy.gouv.fr:3128', ProxyBypassList: '*.gouv.fr,localhost' },
      { mode: 'fixed_servers', proxyRules: 'proxy.gouv.fr:3128', proxyBypassRules: '*.gouv.fr,localhost' },
      0,
    ],
    ['fixed without a server', { ProxyMode: 'fixed' }, { mode: 'system' }, 1],
  ])('%s', (_case, enforced, expected, warnings) => {
    const logged: string[] = [];
    expect(proxyConfigFor(policy(enforced), (m) => logged.push(m))).toEqual(expected);
    expect(logged).toHaveLength(warnings);
  });
});

describe('trustSystemCertificates', () => {
  const tls = () => {
    let trusted: string[] = [];
    const fake: NodeTls = {
      getCACertificates: (type) => (type === 'system' ? ['internal-ca', 'public-ca'] : ['public-ca']),
      setDefaultCACertificates: (certificates) => void (trusted = certificates),
    };
    return { fake, trusted: () => trusted };
  };

  it('adds the OS store to Node’s trust when the policy asks, without duplicates', () => {
    const { fake, trusted } = tls();
    expect(trustSystemCertificates(policy({ UseSystemCertificates: 1 }), fake)).toMatch(/2 added/);
    expect(trusted()).toEqual(['public-ca', 'internal-ca']);
  });

  it('changes nothing otherwise, or where Node cannot', () => {
    const { fake, trusted } = tls();
    trustSystemCertificates(policy({}), fake);
    expect(trusted()).toEqual([]);
    expect(trustSystemCertificates(policy({ UseSystemCertificates: true }), {})).toMatch(/cannot/);
  });
});
