/**
 * What an organisation can set for Webconf, and how each value is checked. The same names are
 * used everywhere IT writes them: registry values, policy.json keys, macOS managed preferences,
 * and the ADMX template (build/policy/webconf.admx).
 */
import { z } from 'zod';
import { serverUrlSchema } from '../../common/settings';

// Registry DWORDs arrive as numbers, JSON and plists as booleans: both are accepted.
const flag = z.union([z.boolean(), z.literal(0).transform(() => false), z.literal(1).transform(() => true)]);
const httpsUrl = z.url({ protocol: /^https$/, hostname: z.regexes.domain });
const stringList = z.union([z.array(z.string()), z.string().transform((value) => value.split(/[\s;,]+/))]);

export const policySchemas = {
  /** The Webconf server. */
  ServerUrl: serverUrlSchema,
  /** The user cannot change the server, whatever set it (policy, installer or the user before). */
  LockServerUrl: flag,
  /** If set, the only servers the user may choose. */
  AllowedServerUrls: stringList.pipe(z.array(serverUrlSchema).min(1)),
  Language: z.enum(['fr', 'en']),
  MiniWindow: flag,
  StartMuted: flag,
  /** on: updates from the feed; off: never (IT pushes new versions). */
  AutoUpdate: z.enum(['on', 'off']),
  UpdateChannel: z.enum(['stable', 'beta']),
  /** The folder holding latest.yml and the installers (generic provider). */
  UpdateFeedUrl: httpsUrl,
  ProxyMode: z.enum(['system', 'direct', 'pac', 'fixed']),
  ProxyPacUrl: z.url({ protocol: /^https?$/ }),
  /** host:port, or Chromium's proxy rules ("http=proxy:3128;https=proxy:3128"). */
  ProxyServer: z.string().regex(/^[\w.:;=/[\]-]{1,500}$/),
  ProxyBypassList: z.string().max(2000),
  /** Trust the OS certificate store in the main process too (internal certificate authorities). */
  UseSystemCertificates: flag,
} as const;

export type PolicyKey = keyof typeof policySchemas;
export type PolicyValues = { [K in PolicyKey]: z.output<(typeof policySchemas)[K]> };

export const POLICY_KEYS = Object.keys(policySchemas) as PolicyKey[];

export function isPolicyKey(name: string): name is PolicyKey {
  return Object.hasOwn(policySchemas, name);
}
