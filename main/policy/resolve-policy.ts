/**
 * The organisation's policy, from all the places it can come from, as one answer: each key's
 * value and whether the user may change it. Enforced beats default; within the same level,
 * machine beats user; within the same scope, sources come in the order given (on Windows the
 * registry, set by Group Policy, before the policy.json file). A malformed source or value is
 * reported and ignored: the app always starts.
 */
import { z } from 'zod';
import { isPolicyKey, policySchemas, type PolicyKey, type PolicyValues } from './policy-keys';

export type PolicyScope = 'machine' | 'user';

/** One place policies are read from, as found there (unchecked). */
export interface PolicySource {
  /** For messages: "HKLM registry", "/etc/webconf/policy.json"… */
  name: string;
  scope: PolicyScope;
  enforced: Record<string, unknown>;
  defaults: Record<string, unknown>;
}

export interface ResolvedPolicy {
  values: Partial<PolicyValues>;
  /** Keys the user cannot change. */
  enforced: ReadonlySet<PolicyKey>;
  /** Where each value came from, for the log and support. */
  origins: Partial<Record<PolicyKey, string>>;
  problems: string[];
}

export const NO_POLICY: ResolvedPolicy = { values: {}, enforced: new Set(), origins: {}, problems: [] };

const rank = (level: 'enforced' | 'defaults', scope: PolicyScope) =>
  (level === 'enforced' ? 0 : 2) + (scope === 'machine' ? 0 : 1);

export function resolvePolicy(sources: readonly PolicySource[]): ResolvedPolicy {
  const candidates: Array<{
    key: PolicyKey;
    value: unknown;
    enforced: boolean;
    rank: number;
    order: number;
    from: string;
  }> = [];
  const problems: string[] = [];
  sources.forEach((source, order) => {
    for (const level of ['enforced', 'defaults'] as const) {
      for (const [name, raw] of Object.entries(source[level])) {
        if (!isPolicyKey(name)) {
          problems.push(`${source.name}: unknown policy ${name}, ignored`);
          continue;
        }
        const parsed = (policySchemas[name] as z.ZodType).safeParse(raw);
        if (!parsed.success) {
          problems.push(`${source.name}: ${name} ignored: ${z.prettifyError(parsed.error).replace(/\s+/g, ' ')}`);
          continue;
        }
        const from = `${source.name} (${level === 'enforced' ? 'enforced' : 'default'})`;
        candidates.push({
          key: name,
          value: parsed.data,
          enforced: level === 'enforced',
          rank: rank(level, source.scope),
          order,
          from,
        });
      }
    }
  });
  candidates.sort((a, b) => a.rank - b.rank || a.order - b.order);
  const values: Partial<Record<PolicyKey, unknown>> = {};
  const origins: Partial<Record<PolicyKey, string>> = {};
  const enforced = new Set<PolicyKey>();
  for (const candidate of candidates) {
    if (candidate.key in values) continue;
    values[candidate.key] = candidate.value;
    origins[candidate.key] = candidate.from;
    if (candidate.enforced) enforced.add(candidate.key);
  }
  return { values: values as Partial<PolicyValues>, enforced, origins, problems };
}
