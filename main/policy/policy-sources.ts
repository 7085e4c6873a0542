/**
 * Where IT puts Webconf's policy, read without Electron:
 * - Windows: the registry (Group Policy, the MSI) — HKLM\SOFTWARE\Policies\Webconf then HKCU,
 *   each with a Recommended subkey for defaults — then %ProgramData%\Webconf\policy.json;
 * - Linux: /etc/webconf/policy.json;
 * - macOS: managed preferences (MDM profiles), for the machine and for the user: all enforced.
 * policy.json is `{ "enforced": { … }, "defaults": { … } }`.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { resolvePolicy, type PolicySource, type ResolvedPolicy } from './resolve-policy';

export const REGISTRY_KEY = 'SOFTWARE\\Policies\\Webconf';
export const RECOMMENDED_SUBKEY = 'Recommended';
export const MAC_DOMAIN = 'fr.gouv.webconf.desktop';

type RegistryValue = string | number | string[];

/**
 * Parses what `reg query <key> /s` prints: a key path line, then one line per value, indented,
 * its name, type and data separated by four spaces. Returns the values of each key.
 */
export function parseRegQuery(output: string): Map<string, Record<string, RegistryValue>> {
  const keys = new Map<string, Record<string, RegistryValue>>();
  let current: Record<string, RegistryValue> | null = null;
  for (const line of output.split(/\r?\n/)) {
    if (/^HKEY_/.test(line)) {
      current = {};
      keys.set(line.trim(), current);
      continue;
    }
    const value = /^ {4}(.+?) {4}(REG_[A-Z_]+)(?: {4}(.*))?$/.exec(line);
    if (!value || !current) continue;
    const [, name, type, data = ''] = value as unknown as [string, string, string, string | undefined];
    // The key's unnamed value, "(Default)" or localized ("(par défaut)"), is no policy.
    if (/^\(.*\)$/.test(name)) continue;
    if (type === 'REG_DWORD' || type === 'REG_QWORD') current[name] = Number.parseInt(data, 16);
    else if (type === 'REG_MULTI_SZ') current[name] = data === '' ? [] : data.split('\\0');
    else if (type === 'REG_SZ' || type === 'REG_EXPAND_SZ') current[name] = data;
    // REG_BINARY and other types no policy uses: kept as a marker every policy schema refuses,
    // so a value of the wrong type is reported rather than silently ignored.
    else current[name] = { registryType: type } as unknown as string;
  }
  return keys;
}

/** The policy under one hive (HKEY_LOCAL_MACHINE or HKEY_CURRENT_USER) from `reg query … /s`. */
export function registrySource(hive: 'HKEY_LOCAL_MACHINE' | 'HKEY_CURRENT_USER', output: string): PolicySource {
  const keys = parseRegQuery(output);
  const root = `${hive}\\${REGISTRY_KEY}`;
  const find = (wanted: string) =>
    [...keys.entries()].find(([key]) => key.toLowerCase() === wanted.toLowerCase())?.[1] ?? {};
  return {
    name: `${hive === 'HKEY_LOCAL_MACHINE' ? 'HKLM' : 'HKCU'}\\${REGISTRY_KEY}`,
    scope: hive === 'HKEY_LOCAL_MACHINE' ? 'machine' : 'user',
    enforced: find(root),
    defaults: find(`${root}\\${RECOMMENDED_SUBKEY}`),
  };
}

/** A policy.json (or a macOS managed preferences plist turned into JSON: all enforced). */
export function fileSource(
  name: string,
  scope: PolicySource['scope'],
  text: string | null,
  layout: 'levels' | 'all-enforced',
): { source: PolicySource | null; problem: string | null } {
  if (text === null) return { source: null, problem: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { source: null, problem: `${name}: not valid JSON, ignored (${String(error)})` };
  }
  const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isObject(parsed)) return { source: null, problem: `${name}: not a JSON object, ignored` };
  if (layout === 'all-enforced') return { source: { name, scope, enforced: parsed, defaults: {} }, problem: null };
  const { enforced = {}, defaults = {}, ...other } = parsed;
  if (!isObject(enforced) || !isObject(defaults) || Object.keys(other).length > 0) {
    return { source: null, problem: `${name}: expected { "enforced": {…}, "defaults": {…} }, ignored` };
  }
  return { source: { name, scope, enforced, defaults }, problem: null };
}

/** What reading the policy needs from the system; each may fail (missing key, file, tool). */
export interface PolicySystem {
  platform: NodeJS.Platform;
  environment: Readonly<Record<string, string | undefined>>;
  userName: string;
  /** The output of a program (reg, plutil), or null if it failed (e.g. the key does not exist). */
  run(program: string, args: string[]): Promise<string | null>;
  /** A file's text, or null when it does not exist. */
  readText(filePath: string): Promise<string | null>;
}

export async function readPolicySources(
  system: PolicySystem,
): Promise<{ sources: PolicySource[]; problems: string[] }> {
  const sources: PolicySource[] = [];
  const problems: string[] = [];
  const addFile = async (filePath: string, scope: PolicySource['scope']) => {
    const { source, problem } = fileSource(filePath, scope, await system.readText(filePath), 'levels');
    if (source) sources.push(source);
    if (problem) problems.push(problem);
  };

  if (system.platform === 'win32') {
    // Both hives at once: this runs before the window opens.
    const hives = ['HKEY_LOCAL_MACHINE', 'HKEY_CURRENT_USER'] as const;
    const outputs = await Promise.all(
      hives.map((hive) => system.run('reg', ['query', `${hive}\\${REGISTRY_KEY}`, '/s'])),
    );
    hives.forEach((hive, index) => {
      const output = outputs[index];
      if (output !== null && output !== undefined) sources.push(registrySource(hive, output));
    });
    const programData = system.environment['ProgramData'] ?? 'C:\\ProgramData';
    await addFile(path.win32.join(programData, 'Webconf', 'policy.json'), 'machine');
  } else if (system.platform === 'darwin') {
    const plists = [
      { file: `/Library/Managed Preferences/${MAC_DOMAIN}.plist`, scope: 'machine' as const },
      { file: `/Library/Managed Preferences/${system.userName}/${MAC_DOMAIN}.plist`, scope: 'user' as const },
    ];
    for (const { file, scope } of plists) {
      const json = await system.run('plutil', ['-convert', 'json', '-o', '-', file]);
      const { source, problem } = fileSource(file, scope, json, 'all-enforced');
      if (source) sources.push(source);
      if (problem) problems.push(problem);
    }
  } else {
    await addFile('/etc/webconf/policy.json', 'machine');
  }
  return { sources, problems };
}

/** The real system: programs run with a time limit and no console window. */
export function nodePolicySystem(): PolicySystem {
  return {
    platform: process.platform,
    environment: process.env,
    userName: userInfo().username,
    run: (program, args) =>
      new Promise((resolve) => {
        execFile(program, args, { timeout: 5000, windowsHide: true, encoding: 'utf8' }, (error, stdout) =>
          resolve(error ? null : stdout),
        );
      }),
    readText: (filePath) => readFile(filePath, 'utf8').catch(() => null),
  };
}

/** Reads and resolves the policy, logging what applies and what was ignored. */
export async function readManagedPolicy(system: PolicySystem, log: (message: string) => void): Promise<ResolvedPolicy> {
  const { sources, problems } = await readPolicySources(system);
  const policy = resolvePolicy(sources);
  for (const problem of [...problems, ...policy.problems]) log(`policy: ${problem}`);
  for (const [key, origin] of Object.entries(policy.origins)) log(`policy: ${key} from ${origin}`);
  return policy;
}
