import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The cadres' admin app: built into dist/web and served by the Fastify server.
export default defineConfig({
  root: 'src/web/admin',
  plugins: [react()],
  build: { outDir: '../../../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
