/** The `gonghui` command. */
import { parseArgs } from 'node:util';
import fs from 'node:fs';
import { loadConfig, type Config } from '../config.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { backup, restore, RestoreError } from '../db/backup.ts';
import { createUserAsSystem, resetPasswordAsSystem } from '../engines/accounts/service.ts';
import { ROLES, type Role } from '../engines/accounts/roles.ts';
import { verifyAuditChain } from '../engines/audit/service.ts';
import { runAsSystem } from '../engines/org/scope.ts';
import { formatLogins, saveLogins, seedDemo } from '../demo/seed.ts';
import { buildApp } from '../server/app.ts';
import { failInterruptedJobs } from '../engines/imports/jobs.ts';
import { eq, or, sql } from 'drizzle-orm';
import { orgUnits } from '../engines/org/schema.ts';
import { configureDataKey, loadDataKey } from '../engines/people/sealing.ts';
import { clockFromEnvironment } from '../engines/clock.ts';
import { todayInShanghai } from '../engines/time.ts';
import { clusterDirOf, DataFolderError, hasEmbeddedCluster, startEmbeddedPostgres } from '../db/embedded-postgres.ts';
import path from 'node:path';

const USAGE = `gonghui — 工会工作平台

用法 Usage:
  gonghui start                       迁移数据库，首次启动时载入演示数据，启动服务
  gonghui migrate                     把数据库结构升级到最新
  gonghui seed --demo                 载入演示数据（南平市总工会），打印演示账号
  gonghui audit verify                重新计算审计日志哈希链，指出第一处断裂
  gonghui user create --username U --name 姓名 --unit 单位编码或ID --role ROLE
  gonghui user reset-password USERNAME
  gonghui backup FILE                 一致性备份（两种数据库通用）
  gonghui restore FILE                恢复到一个空数据库
  gonghui move-to-postgres            把数据目录中的 PGlite 数据库迁入内置 PostgreSQL

环境变量见 README（DATABASE_URL, GONGHUI_DATA_DIR, PORT, HOST …）。
角色 roles: ${ROLES.join(', ')}`;

const pgliteDirOf = (config: Config) => path.join(config.dataDir, 'pgdata');

/** The database the configuration names: DATABASE_URL's server, else the embedded PostgreSQL server (or PGlite). */
export async function openFromConfig(config: Config, opts: { kind?: Config['embeddedDatabase'] } = {}): Promise<Database> {
  if (!config.databaseUrl) fs.mkdirSync(config.dataDir, { recursive: true });
  configureDataKey(loadDataKey(config.dataDir));
  if (config.databaseUrl) return openDatabase({ url: config.databaseUrl, poolSize: config.poolSize });
  const kind = opts.kind ?? config.embeddedDatabase;
  if (kind === 'pglite') return openDatabase({ dataDir: pgliteDirOf(config) });
  // A folder from before the embedded server held PGlite: say how to move it, rather than start empty beside it.
  if (!opts.kind && fs.existsSync(pgliteDirOf(config)) && !hasEmbeddedCluster(config.dataDir)) {
    throw new DataFolderError(
      `数据目录 ${config.dataDir} 中是 PGlite 数据库（pgdata/）。请运行 gonghui move-to-postgres 把数据迁入内置 PostgreSQL，或设置 GONGHUI_DB=pglite 继续使用 PGlite。\n` +
        `This data folder holds a PGlite database (pgdata/). Run \`gonghui move-to-postgres\` to move it to the embedded PostgreSQL server, or set GONGHUI_DB=pglite to keep using PGlite.`,
    );
  }
  const server = await startEmbeddedPostgres(config.dataDir);
  try {
    const database = await openDatabase({ url: server.url, poolSize: config.poolSize });
    return {
      ...database,
      async close() {
        await database.close();
        await server.stop();
      },
    };
  } catch (e) {
    await server.stop();
    throw e;
  }
}

/** Moves a PGlite data folder's database into the embedded PostgreSQL server, through a backup kept beside it. */
async function moveToPostgres(config: Config): Promise<number> {
  if (config.databaseUrl) {
    console.error("move-to-postgres 用于数据目录中的 PGlite 数据库；DATABASE_URL 已设置。 Unset DATABASE_URL: this moves the data folder's PGlite database.");
    return 2;
  }
  if (!fs.existsSync(pgliteDirOf(config))) {
    console.error(`数据目录 ${config.dataDir} 中没有 PGlite 数据库（pgdata/）。 No PGlite database in this data folder.`);
    return 1;
  }
  if (hasEmbeddedCluster(config.dataDir)) {
    console.error(`数据目录 ${config.dataDir} 中已有内置 PostgreSQL 数据库，未作改动。 The embedded PostgreSQL database already exists; nothing moved.`);
    return 1;
  }
  const file = path.join(config.dataDir, `pglite-${todayInShanghai()}.ghbak`);
  const from = await openFromConfig(config, { kind: 'pglite' });
  try {
    await backup(from, file);
  } finally {
    await from.close();
  }
  const to = await openFromConfig(config, { kind: 'postgres' });
  try {
    const r = await restore(to, file);
    const moved = `${pgliteDirOf(config)}.moved`;
    fs.renameSync(pgliteDirOf(config), moved);
    console.log(
      `已迁入内置 PostgreSQL：${Object.entries(r.tables)
        .map(([t, n]) => `${t} ${n}`)
        .join('，')}`,
    );
    console.log(`Moved to the embedded PostgreSQL server. The PGlite folder is kept as ${moved}, the backup as ${file}.`);
    return 0;
  } catch (e) {
    if (e instanceof RestoreError) {
      console.error(e.message);
      return 1;
    }
    throw e;
  } finally {
    await to.close();
  }
}

async function withDatabase<T>(config: Config, work: (db: Database) => Promise<T>): Promise<T> {
  const database = await openFromConfig(config);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

async function start(config: Config): Promise<void> {
  const database = await openFromConfig(config);
  await migrate(database);
  const logins = await seedDemo(database);
  await failInterruptedJobs(database);
  const app = await buildApp({ database, config });
  const shutdown = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await app.listen({ port: config.port, host: config.host });
  const where = config.databaseUrl
    ? 'PostgreSQL server (DATABASE_URL)'
    : database.kind === 'pglite'
      ? `内置数据库 embedded PGlite at ${pgliteDirOf(config)}`
      : `内置 PostgreSQL 服务 embedded PostgreSQL at ${clusterDirOf(config.dataDir)}`;
  console.log(`\nGonghui 工会工作平台 is running at http://${config.host}:${config.port}  (${where})`);
  console.log(`API docs: http://${config.host}:${config.port}/api/v1/docs`);
  if (logins) {
    const file = saveLogins(config.dataDir, logins);
    console.log(`\n${formatLogins(logins)}\n(saved to ${file})\n`);
  } else if (fs.existsSync(`${config.dataDir}/demo-logins.txt`)) {
    console.log(`\n${fs.readFileSync(`${config.dataDir}/demo-logins.txt`, 'utf8')}`);
  }
}

export async function main(argv: string[]): Promise<number> {
  try {
    return await runCommand(argv);
  } catch (e) {
    if (!(e instanceof DataFolderError)) throw e;
    console.error(e.message);
    return 1;
  }
}

async function runCommand(argv: string[]): Promise<number> {
  const [command, sub, ...rest] = argv;
  const config = loadConfig();
  // A test run (NODE_ENV=test) may name its day; the server, the demo and every command follow it.
  const testDay = clockFromEnvironment();
  if (testDay) console.log(`Test run: the clock starts at 10:00 on ${testDay} (Beijing time).`);
  switch (command) {
    case 'start':
      await start(config);
      return -1; // keeps running
    case 'migrate':
      await withDatabase(config, migrate);
      console.log('数据库已是最新版本 Database is up to date.');
      return 0;
    case 'seed': {
      const { values } = parseArgs({ args: argv.slice(1), options: { demo: { type: 'boolean' } } });
      if (!values.demo) {
        console.error('请使用 gonghui seed --demo');
        return 2;
      }
      return withDatabase(config, async (database) => {
        await migrate(database);
        const logins = await seedDemo(database);
        if (!logins) {
          console.log('数据库中已有数据，未载入演示数据。 The database already has data; nothing seeded.');
          return 0;
        }
        const file = saveLogins(config.dataDir, logins);
        console.log(`${formatLogins(logins)}\n(saved to ${file})`);
        return 0;
      });
    }
    case 'audit': {
      if (sub !== 'verify') break;
      return withDatabase(config, async (database) => {
        const report = await verifyAuditChain(database);
        if (report.ok) {
          console.log(`审计日志完整：已核验 ${report.checked} 条。 Audit chain intact: ${report.checked} entries verified.`);
          return 0;
        }
        console.error(`审计日志在第 ${report.firstBroken!.seq} 条处断裂（${report.firstBroken!.problem}）。 Audit chain broken at entry ${report.firstBroken!.seq}: ${report.firstBroken!.problem}`);
        return 1;
      });
    }
    case 'user': {
      if (sub === 'create') {
        const { values } = parseArgs({
          args: rest,
          options: { username: { type: 'string' }, name: { type: 'string' }, unit: { type: 'string' }, role: { type: 'string' } },
        });
        if (!values.username || !values.name || !values.unit || !values.role || !ROLES.includes(values.role as Role)) {
          console.error(USAGE);
          return 2;
        }
        return withDatabase(config, async (database) => {
          await migrate(database);
          const created = await runAsSystem(database, async (db) => {
            const [unit] = await db
              .select({ id: orgUnits.id })
              .from(orgUnits)
              .where(or(eq(orgUnits.code, values.unit!), sql`${orgUnits.id}::text = ${values.unit!}`))
              .limit(1);
            if (!unit) return null;
            return createUserAsSystem(db, { username: values.username!, displayName: values.name!, unitId: unit.id, role: values.role as Role });
          });
          if (!created) {
            console.error(`找不到单位 ${values.unit}`);
            return 1;
          }
          console.log(`已创建用户 ${created.user.username}，初始密码 ${created.password}（首次登录须修改）`);
          return 0;
        });
      }
      if (sub === 'reset-password' && rest[0]) {
        return withDatabase(config, async (database) => {
          const password = await runAsSystem(database, (db) => resetPasswordAsSystem(db, rest[0]!));
          if (!password) {
            console.error(`找不到用户 ${rest[0]}`);
            return 1;
          }
          console.log(`用户 ${rest[0]} 的新密码：${password}（登录后须修改）`);
          return 0;
        });
      }
      break;
    }
    case 'backup':
      if (!sub) break;
      return withDatabase(config, async (database) => {
        const r = await backup(database, sub);
        console.log(
          `已备份到 ${sub}：${Object.entries(r.tables)
            .map(([t, n]) => `${t} ${n}`)
            .join('，')}`,
        );
        return 0;
      });
    case 'move-to-postgres':
      return moveToPostgres(config);
    case 'restore':
      if (!sub) break;
      return withDatabase(config, async (database) => {
        try {
          const r = await restore(database, sub);
          console.log(
            `已从 ${sub} 恢复：${Object.entries(r.tables)
              .map(([t, n]) => `${t} ${n}`)
              .join('，')}`,
          );
          return 0;
        } catch (e) {
          if (e instanceof RestoreError) {
            console.error(e.message);
            return 1;
          }
          throw e;
        }
      });
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return 0;
  }
  console.error(USAGE);
  return 2;
}
