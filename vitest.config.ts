import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources under test, so a test never runs
// against a stale dist/. SWC (not esbuild) compiles, because Nest DI needs decorator metadata.
const src = (dir: string): string => fileURLToPath(new URL(`./${dir}/src/index.ts`, import.meta.url));

export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: {
    alias: {
      '@qb-b24/qbxml': src('libs/qbxml'),
      '@qb-b24/qbwc-soap': src('libs/qbwc-soap'),
      '@qb-b24/bitrix24-client': src('libs/bitrix24-client'),
      '@qb-b24/sync-core': src('libs/sync-core'),
      '@qb-b24/quickbooks-emulator': src('test/emulators/quickbooks'),
      '@qb-b24/bitrix24-emulator': src('test/emulators/bitrix24'),
      '@qb-b24/qbwc-driver': src('test/emulators/qbwc-driver'),
    },
  },
  test: {
    include: ['{apps,libs,test,tools}/**/*.{spec,int-spec,e2e-spec}.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
