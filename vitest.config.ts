import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@refscope/engine/recording': src('./packages/engine/src/recording/index.ts'),
      '@refscope/engine': src('./packages/engine/src/index.ts'),
      '@refscope/server': src('./packages/server/src/index.ts'),
    },
  },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 30000,
    pool: 'forks',
  },
});
