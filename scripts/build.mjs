// Bundles the Node-side programs with esbuild (the renderer is built by Vite):
//  - server:  dist/server/index.js   (ESM; npm packages stay external, loaded from node_modules)
//  - main:    dist/main/index.cjs    (Electron main process; only `electron` external)
//  - preload: dist/preload/index.cjs (sandboxed preload: a single CommonJS file, `electron` external)
import { build } from 'esbuild';

const common = { bundle: true, sourcemap: true, logLevel: 'warning', target: 'node20' };

await Promise.all([
  build({
    ...common,
    entryPoints: ['server/index.ts'],
    outfile: 'dist/server/index.js',
    platform: 'node',
    format: 'esm',
    packages: 'external',
  }),
  build({
    ...common,
    entryPoints: ['main/index.ts'],
    outfile: 'dist/main/index.cjs',
    platform: 'node',
    format: 'cjs',
    external: ['electron'],
  }),
  build({
    ...common,
    entryPoints: ['preload/index.ts'],
    outfile: 'dist/preload/index.cjs',
    platform: 'node',
    format: 'cjs',
    external: ['electron'],
  }),
]);
console.log('built dist/server, dist/main, dist/preload');
