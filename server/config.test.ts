import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from './config';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'webconf-config-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeFile(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** The ConfigError message `load` throws (fails the test if it throws nothing or something else). */
function configError(load: () => unknown): string {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected a ConfigError, but the configuration was accepted');
}

describe('loadConfig', () => {
  it('uses the documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toEqual({
      host: '127.0.0.1',
      port: 8080,
      staticDir: path.resolve('dist/renderer'),
      logLevel: 'info',
      allowedOrigins: ['app://webconf'],
      database: path.resolve('data/webconf.sqlite'),
      access: { trustedNetworks: [], trustedProxies: [] },
      rooms: {
        expireAfterDays: 90,
        maxParticipants: 50,
        maxTitleLength: 120,
        chatHistory: 200,
        agentsBypassLobby: true,
      },
      limits: {
        messagesPerSecond: 50,
        roomCreationsPerHour: 120,
        presentationMegabytes: 25,
        presentationPages: 300,
        chatMessagesPer10Seconds: 10,
        joinsPerMinute: 300,
        roomMissesPerMinute: 10,
      },
      media: {
        workers: availableParallelism(),
        listenIp: '127.0.0.1',
        rtcMinPort: 40000,
        rtcMaxPort: 49999,
        maxIncomingBitrate: 3_000_000,
        initialOutgoingBitrate: 1_000_000,
      },
    });
    expect(config.media.announcedIp).toBeUndefined();
  });

  it('applies environment overrides, parsing numbers and the comma list of origins', () => {
    const config = loadConfig({
      WEBCONF_PORT: '9000',
      WEBCONF_MEDIA_ANNOUNCED_IP: '203.0.113.7',
      WEBCONF_ALLOWED_ORIGINS: 'https://partner.example.org, app://webconf',
      WEBCONF_MEDIA_WORKERS: '3',
      WEBCONF_HOST: '',
    });
    expect(config.port).toBe(9000);
    expect(config.media.announcedIp).toBe('203.0.113.7');
    expect(config.allowedOrigins).toEqual(['https://partner.example.org', 'app://webconf']);
    expect(config.media.workers).toBe(3);
    expect(config.host).toBe('127.0.0.1'); // an empty variable is ignored
  });

  it('reads a JSON file named by WEBCONF_CONFIG, and environment variables win over it', () => {
    const file = writeFile(
      'webconf.json',
      JSON.stringify({ port: 9100, logLevel: 'warn', media: { workers: 2, rtcMinPort: 41000, rtcMaxPort: 41999 } }),
    );
    const config = loadConfig({ WEBCONF_CONFIG: file, WEBCONF_PORT: '9200', WEBCONF_MEDIA_LISTEN_IP: '10.0.0.5' });
    expect(config.port).toBe(9200);
    expect(config.logLevel).toBe('warn');
    expect(config.media).toMatchObject({ workers: 2, rtcMinPort: 41000, rtcMaxPort: 41999, listenIp: '10.0.0.5' });
  });
});

describe('configuration errors name the key', () => {
  it('refuses a bad port', () => {
    expect(configError(() => loadConfig({ WEBCONF_PORT: '70000' }))).toMatch(/^\s+port: /m);
    expect(configError(() => loadConfig({ WEBCONF_PORT: 'eighty' }))).toMatch(/^\s+port: /m);
  });

  it('refuses an RTC port range whose minimum exceeds its maximum', () => {
    const message = configError(() => loadConfig({ WEBCONF_RTC_MIN_PORT: '45000', WEBCONF_RTC_MAX_PORT: '44000' }));
    expect(message).toMatch(/media\.rtcMinPort: must not exceed rtcMaxPort/);
  });

  it('requires announcedIp when listenIp is a wildcard address', () => {
    expect(configError(() => loadConfig({ WEBCONF_MEDIA_LISTEN_IP: '0.0.0.0' }))).toMatch(
      /media\.announcedIp: required/,
    );
    expect(configError(() => parseConfig({ media: { listenIp: '::' } }))).toMatch(/media\.announcedIp: required/);
    const config = loadConfig({ WEBCONF_MEDIA_LISTEN_IP: '0.0.0.0', WEBCONF_MEDIA_ANNOUNCED_IP: '198.51.100.2' });
    expect(config.media.announcedIp).toBe('198.51.100.2');
  });

  it('refuses unknown keys, at the top level and under media', () => {
    expect(configError(() => parseConfig({ prot: 8080 }))).toMatch(/prot/);
    const nested = configError(() => parseConfig({ media: { worker: 2 } }));
    expect(nested).toMatch(/media/);
    expect(nested).toMatch(/worker/);
  });

  it('reports a configuration file it cannot read, with its path', () => {
    const missing = path.join(dir, 'missing.json');
    const message = configError(() => loadConfig({ WEBCONF_CONFIG: missing }));
    expect(message).toContain('cannot read configuration file');
    expect(message).toContain(missing);
    expect(configError(() => loadConfig({ WEBCONF_CONFIG: dir }))).toContain(dir); // a folder
  });

  it('reports a configuration file that is not a JSON object, with its path', () => {
    const notJson = writeFile('bad.json', 'port = 8080\n');
    expect(configError(() => loadConfig({ WEBCONF_CONFIG: notJson }))).toMatch(/bad\.json is not a JSON object/);
    const array = writeFile('array.json', '[8080]');
    expect(configError(() => loadConfig({ WEBCONF_CONFIG: array }))).toMatch(/array\.json is not a JSON object/);
  });

  it('reports a file whose "media" is not an object by its key, even with media variables set', () => {
    const file = writeFile('media-string.json', JSON.stringify({ media: 'fast' }));
    const message = configError(() => loadConfig({ WEBCONF_CONFIG: file, WEBCONF_MEDIA_WORKERS: '2' }));
    expect(message).toMatch(/media/);
  });

  it('reads trusted networks from the environment and names a bad one', () => {
    const config = loadConfig({
      WEBCONF_TRUSTED_NETWORKS: '10.0.0.0/8, 2001:db8::/32',
      WEBCONF_TRUSTED_PROXIES: '127.0.0.1',
    });
    expect(config.access).toEqual({ trustedNetworks: ['10.0.0.0/8', '2001:db8::/32'], trustedProxies: ['127.0.0.1'] });
    expect(configError(() => loadConfig({ WEBCONF_TRUSTED_NETWORKS: '10.0.0.0/40' }))).toMatch(
      /access\.trustedNetworks/,
    );
  });

  it('refuses a short session secret', () => {
    expect(configError(() => loadConfig({ WEBCONF_SESSION_SECRET: 'short' }))).toMatch(/sessionSecret/);
  });
});
