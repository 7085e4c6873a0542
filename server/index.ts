/** The server's entry point: configuration, logs, start, and a clean stop on SIGINT/SIGTERM. */
import { createWebconfServer } from './app';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`webconf: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const log = createLogger(config.logLevel);
  const server = await createWebconfServer(config, log);
  const stop = (signal: string) => {
    log.info({ signal }, 'stopping');
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: Error & { code?: string }) => {
  console.error(`webconf: cannot start: ${error.message}`);
  if (error.code === 'ENOENT' && error.message.includes('mediasoup-worker')) {
    console.error(
      'webconf: set MEDIASOUP_WORKER_BIN to the mediasoup worker binary ' +
        "(Debian's mediasoup-worker package: /usr/lib/x86_64-linux-gnu/mediasoup/mediasoup-worker)",
    );
  }
  process.exit(1);
});
