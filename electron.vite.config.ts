// Builds the three parts: main (Electron main plus the Node entries of browser
// mode and `npm start`), preload, and the renderer.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import type { Rollup } from 'vite';

// zod ships comments Rollup cannot place; it drops them harmlessly but says so on every build.
const quiet: Pick<Rollup.RollupOptions, 'onwarn'> = {
  onwarn(warning, warn) {
    if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
    warn(warning);
  },
};

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        ...quiet,
        input: {
          electron: resolve(__dirname, 'main/electron/main.ts'),
          web: resolve(__dirname, 'main/host/web-entry.ts'),
          start: resolve(__dirname, 'main/host/start-entry.ts'),
          hub: resolve(__dirname, 'main/host/hub/hub-entry.ts'),
        },
      },
    },
  },
  preload: {
    // A sandboxed preload cannot require packages: bundle everything it uses.
    build: {
      externalizeDeps: false,
      outDir: 'out/preload',
      rollupOptions: { ...quiet, input: { index: resolve(__dirname, 'preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { ...quiet, input: resolve(__dirname, 'renderer/index.html') },
    },
  },
});
