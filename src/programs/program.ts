/**
 * What a program is to the rest of the system: its one face (`src/programs/<name>/index.ts`)
 * exports a `Program`, and `src/programs/index.ts` lists them. The app assembly, the demo and the
 * engines' registries (indicators, due checks, import kinds — registered when the face is loaded)
 * go through the list and name no program.
 */
import type { Database } from '../db/client.ts';
import type { Channels } from '../engines/notify/channels.ts';
import type { Grants, Permission, Role } from '../engines/accounts/roles.ts';
import type { IsoDate } from '../engines/time.ts';
import type { IndicatorDefinition } from '../engines/indicators/catalogue.ts';
import type { DueCheck } from '../engines/notify/due-checks.ts';
import type { ImportKind } from '../engines/imports/jobs.ts';
import type { PersonLogins } from '../engines/notify/service.ts';
import type { App } from '../server/app-types.ts';

/** What the app hands a program when it registers its routes. */
export interface ProgramDeps {
  database: Database;
  /** The data folder: uploads, attachments and import files live under it. */
  filesDir: string;
  /** E-mail and text messages (codes, digests, notices). */
  channels: Channels;
}

/** Work a program keeps doing while the app runs (a schedule); stopped when the app closes. */
export interface ProgramRunner {
  stop(): Promise<void>;
}

export interface RunnerLog {
  info(obj: Record<string, unknown>, msg: string): void;
  error(obj: Record<string, unknown>, msg: string): void;
}

/** A login the demo prints for a newcomer. */
export interface DemoLogin {
  username: string;
  password: string;
  role: Role;
  unit: string;
}

export interface DemoOptions {
  /** The demo's size relative to Nanping's (1 = the report's figures). */
  scale: number;
  today: IsoDate;
}

export interface ProgramDemo {
  /**
   * 'records' load the program's own records; 'figures' build on every program's records
   * (targets, snapshots, bulletins) and run after them all.
   */
  phase: 'records' | 'figures';
  seed(database: Database, opts: DemoOptions): Promise<DemoLogin[] | unknown>;
  /** Tables to analyse once the records are loaded, so the first figures read them by index. */
  analyse?: readonly string[];
}

/**
 * Another county, as the scope walk builds it: the county, one of its townships and a union there,
 * with a mark every name carries (so a test can prove none reaches elsewhere).
 */
export interface OtherCounty {
  database: Database;
  filesDir: string;
  cityId: number;
  countyId: number;
  townId: number;
  unionId: number;
  mark: string;
}

/** What a program brings to the tests that walk every route. */
export interface ProgramTesting {
  /** One record of each of its resource kinds, in that county: kind → id. */
  recordsOf(county: OtherCounty): Promise<Readonly<Record<string, number | string>>>;
}

export interface Program {
  /** The folder's name. */
  name: string;
  /** What a cadre calls it. */
  title: string;
  /** The permissions the program owns, with their meaning, and the roles that get them. */
  permissions: { owns: Readonly<Record<Permission, string>>; grants: Partial<Grants> };
  /**
   * The kinds of record its routes' `:id` name, with what each is. A route may name only a declared
   * kind; the scope walk substitutes another county's record of that kind.
   */
  resources?: Readonly<Record<string, string>>;
  /** Its figures for the indicator catalogue (dashboards, targets, bulletins), in the order shown. */
  indicators?: readonly IndicatorDefinition[];
  /** What the hourly reminder job checks for it (deadlines, reviews coming due). */
  dueChecks?: readonly DueCheck[];
  /** The spreadsheets the import engine takes for it. */
  importKinds?: readonly ImportKind[];
  /** How the notify engine finds the logins that speak for a person (the program that binds them). */
  personLogins?: PersonLogins;
  routes(app: App, deps: ProgramDeps): void;
  /** Its test fixtures; loaded by the tests only. */
  testing?: () => Promise<ProgramTesting>;
  /** Started with the app (unless the app is built without schedules, as in API tests). */
  run?(deps: ProgramDeps & { log: RunnerLog }): ProgramRunner;
  demo?: ProgramDemo;
}

/** Logins a demo seeder returned, if any. */
export const demoLoginsOf = (result: unknown): DemoLogin[] => (Array.isArray(result) ? (result as DemoLogin[]) : []);
