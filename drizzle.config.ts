import { defineConfig } from 'drizzle-kit';

// Every engine's and program's tables: each keeps its own schema file, and no index names them all.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/engines/**/*schema.ts', './src/programs/*/schema.ts'],
  out: './src/db/migrations',
});
