import { defineConfig } from 'vite';

// Co-browsing for customers' pages: a second self-contained script beside widget.js (rrweb's
// recorder is larger than the whole chat widget, so the widget loads it only when it is needed).
export default defineConfig({
  build: {
    outDir: 'dist/widget',
    emptyOutDir: false,
    sourcemap: true,
    target: 'es2020',
    lib: { entry: 'widget/cobrowse/main.ts', formats: ['iife'], name: 'ContactCenterCobrowseScript', fileName: () => 'cobrowse.js' },
  },
});
