/**
 * One connection, one transaction, raw SQL and COPY: for dumps, restores and bulk loads, the same
 * on PGlite (COPY … FROM '/dev/blob') and on a server (pg-copy-streams).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import copyStreams from 'pg-copy-streams';
import type { Database } from './client.ts';

export type Query = <T>(text: string, params?: unknown[]) => Promise<T[]>;
/** Loads CSV text (RFC 4180) into the table's columns. */
export type CopyIn = (table: string, columns: string[], csv: string) => Promise<void>;

export async function onOneConnection<T>(database: Database, opts: { readOnlySnapshot?: boolean }, work: (q: Query, copyIn: CopyIn) => Promise<T>): Promise<T> {
  const copySql = (table: string, columns: string[], source: string) => `COPY "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) FROM ${source} WITH (FORMAT csv)`;
  if (database.pglite) {
    return database.pglite.transaction(async (tx) => {
      if (opts.readOnlySnapshot) await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      return work(
        async <R>(text: string, params?: unknown[]) => (await tx.query(text, params)).rows as R[],
        async (table, columns, csv) => {
          await tx.query(copySql(table, columns, `'/dev/blob'`), [], { blob: new Blob([csv]) });
        },
      );
    });
  }
  const client = await database.pool!.connect();
  try {
    await client.query(opts.readOnlySnapshot ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN');
    const result = await work(
      async <R>(text: string, params?: unknown[]) => (await client.query(text, params as unknown[])).rows as R[],
      async (table, columns, csv) => {
        const stream = client.query(copyStreams.from(copySql(table, columns, 'STDIN')));
        await pipeline(Readable.from([csv]), stream);
      },
    );
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

/** One CSV field: quoted when it must be; null as an empty unquoted field. */
export function csvField(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) || s === '' ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: (string | number | boolean | null | undefined)[]): string {
  return `${values.map(csvField).join(',')}\n`;
}
