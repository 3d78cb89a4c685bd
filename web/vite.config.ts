import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

// The API (services/api) serves /graphql and /health; in production it also serves web/dist
// from the same origin, so the client always uses relative URLs.
const apiTarget = `http://127.0.0.1:${process.env.API_PORT || '4000'}`;

export default defineConfig({
  plugins: [vue()],
  define: {
    // vue-i18n feature flags: Composition API only, no devtools in production bundles.
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  server: {
    proxy: {
      '/graphql': { target: apiTarget, changeOrigin: false, ws: true },
      '/cobrowse/live': { target: apiTarget, changeOrigin: false, ws: true },
      '/health': { target: apiTarget },
    },
  },
  preview: {
    proxy: {
      '/graphql': { target: apiTarget, ws: true },
      '/cobrowse/live': { target: apiTarget, ws: true },
      '/health': { target: apiTarget },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.spec.ts', 'widget/**/*.spec.ts'],
    restoreMocks: true,
    unstubGlobals: true,
  },
});
