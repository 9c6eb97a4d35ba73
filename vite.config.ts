import { defineConfig } from 'vite';
import path from 'node:path';
import react from '@vitejs/plugin-react';

// The cadres' admin app: built into dist/web (or GONGHUI_WEB_DIST) and served by the Fastify server.
export default defineConfig({
  root: 'src/web/admin',
  plugins: [react()],
  build: {
    outDir: process.env.GONGHUI_WEB_DIST ? path.resolve(process.env.GONGHUI_WEB_DIST) : '../../../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
