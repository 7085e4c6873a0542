/**
 * The network as the organisation sets it: the proxy the app's session uses, and whether the
 * main process (Node) trusts the OS certificate store — internal certificate authorities — on top
 * of its own list. Chromium (pages, and net.fetch in the main process) already verifies against
 * the OS store. A certificate error is never waved through.
 */
import type { ProxyConfig } from 'electron';
import type { ResolvedPolicy } from './policy/resolve-policy';

/** The session's proxy, or null to leave Electron's default (the system's settings). */
export function proxyConfigFor(policy: ResolvedPolicy, log: (message: string) => void): ProxyConfig | null {
  const { ProxyMode: mode, ProxyPacUrl: pacUrl, ProxyServer: server, ProxyBypassList: bypass } = policy.values;
  switch (mode) {
    case undefined:
      return null;
    case 'system':
      return { mode: 'system' };
    case 'direct':
      return { mode: 'direct' };
    case 'pac':
      if (pacUrl) return { mode: 'pac_script', pacScript: pacUrl };
      log('policy: ProxyMode is pac but ProxyPacUrl is missing: the system proxy settings apply');
      return { mode: 'system' };
    case 'fixed':
      if (server) return { mode: 'fixed_servers', proxyRules: server, ...(bypass ? { proxyBypassRules: bypass } : {}) };
      log('policy: ProxyMode is fixed but ProxyServer is missing: the system proxy settings apply');
      return { mode: 'system' };
  }
}

export interface NodeTls {
  getCACertificates?: (type: 'default' | 'system' | 'bundled' | 'extra') => string[];
  setDefaultCACertificates?: (certificates: string[]) => void;
}

/**
 * Adds the OS store's certificates to what Node trusts, where this Node can (22.19+ / 24.5+).
 * Returns what was done, for the log.
 */
export function trustSystemCertificates(policy: ResolvedPolicy, tls: NodeTls): string {
  if (!policy.values.UseSystemCertificates) return 'system certificates: not asked for';
  if (!tls.getCACertificates || !tls.setDefaultCACertificates) {
    return 'system certificates: this runtime cannot add them to Node (Chromium uses them anyway)';
  }
  const system = tls.getCACertificates('system');
  tls.setDefaultCACertificates([...new Set([...tls.getCACertificates('default'), ...system])]);
  return `system certificates: ${system.length} added to the main process's trust`;
}
