// The container suite (`npm run test:container`): kept out of `npm test`, whose include only
// covers __tests__/. One file at a time: buildah's vfs storage is disk- and CPU-heavy.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['container/test/**/*.test.ts'],
    globalSetup: ['container/test/global-setup.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
