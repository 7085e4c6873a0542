/**
 * Server configuration: defaults, then an optional JSON file (WEBCONF_CONFIG), then environment
 * variables. Every key is documented in docs/server-configuration.md; a bad value stops the
 * server at start with a message naming the key, never later at run time.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const Port = z.coerce.number().int().min(0).max(65535);
const Ip = z.union([z.ipv4(), z.ipv6()]);

export const ConfigSchema = z
  .strictObject({
    host: z.string().min(1).default('127.0.0.1'),
    port: Port.default(8080),
    /** The built web client served to guests. */
    staticDir: z.string().min(1).default(path.resolve('dist/renderer')),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Browser origins allowed to open the signaling socket besides the server's own. */
    allowedOrigins: z.array(z.string().url()).default(['app://webconf']),
    media: z
      .strictObject({
        workers: z.coerce.number().int().min(1).max(64).default(availableParallelism()),
        /** Address the SFU binds its ICE candidates to. */
        listenIp: Ip.default('127.0.0.1'),
        /** Address put in the ICE candidates when clients must reach another one (NAT, 0.0.0.0). */
        announcedIp: Ip.optional(),
        rtcMinPort: Port.default(40000),
        rtcMaxPort: Port.default(49999),
        /** Upper bound on what one participant may send us, in bits per second. */
        maxIncomingBitrate: z.coerce.number().int().min(100_000).default(3_000_000),
        initialOutgoingBitrate: z.coerce.number().int().min(100_000).default(1_000_000),
      })
      .prefault({}),
  })
  .superRefine((config, ctx) => {
    const { media } = config;
    if (media.rtcMinPort > media.rtcMaxPort) {
      ctx.addIssue({ code: 'custom', path: ['media', 'rtcMinPort'], message: 'must not exceed rtcMaxPort' });
    }
    const wildcard = media.listenIp === '0.0.0.0' || media.listenIp === '::';
    if (wildcard && !media.announcedIp) {
      ctx.addIssue({
        code: 'custom',
        path: ['media', 'announcedIp'],
        message: 'required when listenIp is a wildcard address: clients need a reachable one',
      });
    }
  });

export type ServerConfig = z.output<typeof ConfigSchema>;
export type ServerConfigInput = z.input<typeof ConfigSchema>;

/** Environment variable → configuration key path. */
const envKeys: Record<string, [string] | ['media', string]> = {
  WEBCONF_HOST: ['host'],
  WEBCONF_PORT: ['port'],
  WEBCONF_STATIC_DIR: ['staticDir'],
  WEBCONF_LOG_LEVEL: ['logLevel'],
  WEBCONF_ALLOWED_ORIGINS: ['allowedOrigins'],
  WEBCONF_MEDIA_WORKERS: ['media', 'workers'],
  WEBCONF_MEDIA_LISTEN_IP: ['media', 'listenIp'],
  WEBCONF_MEDIA_ANNOUNCED_IP: ['media', 'announcedIp'],
  WEBCONF_RTC_MIN_PORT: ['media', 'rtcMinPort'],
  WEBCONF_RTC_MAX_PORT: ['media', 'rtcMaxPort'],
  WEBCONF_MAX_INCOMING_BITRATE: ['media', 'maxIncomingBitrate'],
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const input: Record<string, unknown> = env.WEBCONF_CONFIG ? readConfigFile(env.WEBCONF_CONFIG) : {};
  for (const [variable, keyPath] of Object.entries(envKeys)) {
    const raw = env[variable];
    if (raw === undefined || raw === '') continue;
    const value = variable === 'WEBCONF_ALLOWED_ORIGINS' ? raw.split(',').map((o) => o.trim()) : raw;
    if (keyPath.length === 1) input[keyPath[0]] = value;
    else if (input.media === undefined) input.media = { [keyPath[1]]: value };
    else if (isPlainObject(input.media)) input.media[keyPath[1]] = value;
    // else: the file's "media" is not an object, which validation reports by name.
  }
  return parseConfig(input);
}

export function parseConfig(input: unknown): ServerConfig {
  const result = ConfigSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n${problems.join('\n')}`);
  }
  return result.data;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read configuration file ${file}: ${(error as Error).message}`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError(`configuration file ${file} is not a JSON object: ${(error as Error).message}`);
  }
}
