/**
 * Which portal logins speak for a person: the notify engine asks this when it tells a worker of a
 * decision. It runs in the caller's transaction and scope, so a login the cadre may not see is not
 * found (and the worker is then not told, rather than the decision failing).
 */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../db/sql.ts';
import type { Ctx } from '../../engines/context.ts';
import type { PersonRef } from '../../engines/notify/service.ts';

export async function portalLoginsOf(ctx: Ctx, person: PersonRef): Promise<number[]> {
  const who =
    'personId' in person
      ? sql`a.person_id = ${person.personId}`
      : 'idHash' in person
        ? sql`a.person_id IN (SELECT id FROM persons WHERE id_hash = ${person.idHash})`
        : sql`a.user_id = ${person.portalUserId}`;
  return rowsOf<{ user_id: number }>(await ctx.db.execute(sql`SELECT a.user_id FROM portal_accounts a WHERE ${who}`)).map((r) => r.user_id);
}
