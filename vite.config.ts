import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src/ui',
  base: './',
  esbuild: { jsx: 'automatic' },
  build: { outDir: '../../dist/ui', emptyOutDir: true, target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1000 },
  server: { port: 5173 },
});
