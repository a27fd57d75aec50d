// Unit tests by layer: common and main in Node, the renderer in jsdom with fake-indexeddb.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Tests provoke warnings on purpose (a damaged file, a hostile frame); keep the output for errors.
    env: { WARROOM_LOG: 'error' },
    projects: [
      { test: { name: 'common', include: ['common/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'main',
          include: [
            'main/**/*.test.ts',
            'preload/**/*.test.ts',
            'test/integration/**/*.test.ts',
            'test/adversary/**/*.test.ts',
          ],
          environment: 'node',
        },
      },
      {
        esbuild: { jsx: 'automatic' },
        test: {
          name: 'renderer',
          include: ['renderer/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['test/support/renderer-setup.ts'],
        },
      },
    ],
  },
});
