/**
 * Server configuration: defaults, then an optional JSON file (WEBCONF_CONFIG), then environment
 * variables. Every key is documented in docs/server-configuration.md; a bad value stops the
 * server at start with a message naming the key, never later at run time.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { networkList } from './access/networks';

const Port = z.coerce.number().int().min(0).max(65535);
const Ip = z.union([z.ipv4(), z.ipv6()]);

export const ConfigSchema = z
  .strictObject({
    host: z.string().min(1).default('127.0.0.1'),
    port: Port.default(8080),
    /** The built web client served to guests. */
    staticDir: z.string().min(1).default(path.resolve('dist/renderer')),
    /** A folder of desktop-app releases served at /updates/ (latest.yml, installers); off when unset. */
    updatesDir: z.string().min(1).optional(),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Browser origins allowed to open the signaling socket besides the server's own. */
    allowedOrigins: z.array(z.string().url()).default(['app://webconf']),
    /** The address users reach the server at (https://…); defaults to http://host:port. */
    publicUrl: z.url({ protocol: /^https?$/ }).optional(),
    /** Agent sign-in (ProConnect or any OpenID Connect issuer); off when absent. */
    oidc: z
      .strictObject({
        issuer: z.url(),
        clientId: z.string().min(1),
        clientSecret: z.string().min(1),
        scopes: z.string().default('openid email given_name usual_name uid'),
        pkce: z.enum(['auto', 'always', 'never']).default('auto'),
        /** How long a signed-in agent stays signed in. */
        sessionHours: z.coerce.number().min(1).max(720).default(12),
      })
      .optional(),
    /** The embedded SQLite database file (":memory:" keeps nothing, for tests). */
    database: z.string().min(1).default(path.resolve('data/webconf.sqlite')),
    /** Secret that signs session and host tokens; generated and kept beside the database when unset. */
    sessionSecret: z.string().min(32, 'at least 32 characters').optional(),
    access: z
      .strictObject({
        /** Networks (CIDR) whose users may create rooms without signing in: the State's network. */
        trustedNetworks: z.array(z.string()).default([]),
        /** Reverse proxies (CIDR) whose X-Forwarded-For header is believed. */
        trustedProxies: z.array(z.string()).default([]),
      })
      .prefault({}),
    rooms: z
      .strictObject({
        /** A room nobody used for this many days is deleted; its link stops working. */
        expireAfterDays: z.coerce.number().min(1).max(3650).default(90),
        maxParticipants: z.coerce.number().int().min(2).max(1000).default(50),
        maxTitleLength: z.coerce.number().int().min(10).max(500).default(120),
        /** Chat messages a joiner receives from the room's history. */
        chatHistory: z.coerce.number().int().min(0).max(1000).default(200),
        /** Signed-in agents walk past the waiting room. */
        agentsBypassLobby: z.boolean().default(true),
      })
      .prefault({}),
    limits: z
      .strictObject({
        /** Signaling requests one connection may send per second (burst twice that). */
        messagesPerSecond: z.coerce.number().min(1).default(50),
        /** Rooms one address may create per hour. */
        roomCreationsPerHour: z.coerce.number().int().min(1).default(120),
        /** Largest presentation (PDF) accepted, in megabytes, and its most pages. */
        presentationMegabytes: z.coerce.number().min(1).max(500).default(25),
        presentationPages: z.coerce.number().int().min(1).max(5000).default(300),
        /** Chat messages one participant may send per 10 seconds. */
        chatMessagesPer10Seconds: z.coerce.number().int().min(1).default(10),
        /** Joins (and knocks) one address may make per minute. */
        joinsPerMinute: z.coerce.number().int().min(1).default(300),
        /** Unknown room ids one address may try per minute before being refused for a while. */
        roomMissesPerMinute: z.coerce.number().int().min(1).default(10),
      })
      .prefault({}),
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
    for (const key of ['trustedNetworks', 'trustedProxies'] as const) {
      try {
        networkList(config.access[key]);
      } catch (error) {
        ctx.addIssue({ code: 'custom', path: ['access', key], message: (error as Error).message });
      }
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

type Section = 'media' | 'access' | 'rooms' | 'limits' | 'oidc';
const listVariables = new Set(['WEBCONF_ALLOWED_ORIGINS', 'WEBCONF_TRUSTED_NETWORKS', 'WEBCONF_TRUSTED_PROXIES']);

/** Environment variable → configuration key path. */
const envKeys: Record<string, [string] | [Section, string]> = {
  WEBCONF_DATABASE: ['database'],
  WEBCONF_PUBLIC_URL: ['publicUrl'],
  WEBCONF_OIDC_ISSUER: ['oidc', 'issuer'],
  WEBCONF_OIDC_CLIENT_ID: ['oidc', 'clientId'],
  WEBCONF_OIDC_CLIENT_SECRET: ['oidc', 'clientSecret'],
  WEBCONF_OIDC_SCOPES: ['oidc', 'scopes'],
  WEBCONF_OIDC_PKCE: ['oidc', 'pkce'],
  WEBCONF_SESSION_SECRET: ['sessionSecret'],
  WEBCONF_TRUSTED_NETWORKS: ['access', 'trustedNetworks'],
  WEBCONF_TRUSTED_PROXIES: ['access', 'trustedProxies'],
  WEBCONF_ROOM_EXPIRY_DAYS: ['rooms', 'expireAfterDays'],
  WEBCONF_MAX_PARTICIPANTS: ['rooms', 'maxParticipants'],
  WEBCONF_MESSAGES_PER_SECOND: ['limits', 'messagesPerSecond'],
  WEBCONF_ROOM_CREATIONS_PER_HOUR: ['limits', 'roomCreationsPerHour'],
  WEBCONF_JOINS_PER_MINUTE: ['limits', 'joinsPerMinute'],
  WEBCONF_CHAT_MESSAGES_PER_10_SECONDS: ['limits', 'chatMessagesPer10Seconds'],
  WEBCONF_HOST: ['host'],
  WEBCONF_PORT: ['port'],
  WEBCONF_STATIC_DIR: ['staticDir'],
  WEBCONF_UPDATES_DIR: ['updatesDir'],
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
    const value = listVariables.has(variable)
      ? raw
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean)
      : raw;
    if (keyPath.length === 1) {
      input[keyPath[0]] = value;
      continue;
    }
    const [section, key] = keyPath;
    if (input[section] === undefined) input[section] = { [key]: value };
    else if (isPlainObject(input[section])) input[section][key] = value;
    // else: the file's section is not an object, which validation reports by name.
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
