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

环境变量见 README（DATABASE_URL, GONGHUI_DATA_DIR, PORT, HOST …）。
角色 roles: ${ROLES.join(', ')}`;

export async function openFromConfig(config: Config): Promise<Database> {
  if (!config.databaseUrl) fs.mkdirSync(config.dataDir, { recursive: true });
  configureDataKey(loadDataKey(config.dataDir));
  return openDatabase({ url: config.databaseUrl, dataDir: config.databaseUrl ? undefined : `${config.dataDir}/pgdata` });
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
  const where = database.kind === 'pglite' ? `内置数据库 embedded PGlite at ${config.dataDir}/pgdata` : 'PostgreSQL server (DATABASE_URL)';
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
        console.error(
          `审计日志在第 ${report.firstBroken!.seq} 条处断裂（${report.firstBroken!.problem}）。 Audit chain broken at entry ${report.firstBroken!.seq}: ${report.firstBroken!.problem}`,
        );
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
        console.log(`已备份到 ${sub}：${Object.entries(r.tables).map(([t, n]) => `${t} ${n}`).join('，')}`);
        return 0;
      });
    case 'restore':
      if (!sub) break;
      return withDatabase(config, async (database) => {
        try {
          const r = await restore(database, sub);
          console.log(`已从 ${sub} 恢复：${Object.entries(r.tables).map(([t, n]) => `${t} ${n}`).join('，')}`);
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
