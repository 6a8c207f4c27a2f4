import { fileURLToPath, URL } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import vuetify from 'vite-plugin-vuetify';
import { serviceWorker } from './pwa/service-worker-plugin.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));

// Run from the repository root: `npx vite build --config ui/vite.config.mts`.
export default defineConfig({
  root,
  base: '/',
  // The service worker the offline capture registers (ADR 0036): the built files, kept for a reload without network.
  plugins: [vue(), vuetify({ autoImport: true }), serviceWorker({ publicDir: `${root}public`, workerSource: `${root}pwa/service-worker.js` })],
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
      // Pure domain rules the UI runs as the server does (billing totals): one implementation, not a copy.
      '@domain': fileURLToPath(new URL('../domain', import.meta.url)),
    },
  },
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: true } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
});
