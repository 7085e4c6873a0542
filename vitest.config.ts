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
    hookTimeout: 30_000,
  },
});
