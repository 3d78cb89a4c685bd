import { defineConfig } from 'vite';

// The embeddable chat widget: one self-contained script (no Vue, no shared chunks) that customers'
// sites load with <script src="https://<api>/widget.js" data-site="KEY" async>.
export default defineConfig({
  build: {
    outDir: 'dist/widget',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2020',
    lib: { entry: 'widget/main.ts', formats: ['iife'], name: 'ContactCenterChatWidget', fileName: () => 'widget.js' },
  },
});
