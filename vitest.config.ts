import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [vue()],
  test: {
    include: ['{common,server,main,preload,renderer}/**/*.test.ts'],
    environment: 'node',
    // The SFU tests start real mediasoup workers: keep files from competing for the two cores.
    fileParallelism: false,
    testTimeout: 20_000,
    env: {
      MEDIASOUP_WORKER_BIN: process.env.MEDIASOUP_WORKER_BIN ?? '/usr/lib/x86_64-linux-gnu/mediasoup/mediasoup-worker',
    },
    hookTimeout: 30_000,
  },
});
