/**
 * What a module is to the web app: its entry in the side menu, its pages (loaded on first use)
 * under the permissions that open them, and the names of the records it writes to the audit
 * trail. `modules/index.ts` lists the modules; the routes, the menu and the audit page go through
 * that list and name no module.
 */
import type { ComponentType, ReactNode } from 'react';
import type { EnginePermission } from '../lib/api.ts';
import type { MessageKey } from '../lib/i18n.tsx';

/** Words in both of the app's languages. */
export interface Words {
  zh: string;
  en: string;
}

/** An entry of the side menu. */
export interface MenuEntry<P extends string = string> {
  path: string;
  /** A key of the app's dictionary, or the module's own words. */
  label: MessageKey | Words;
  icon: ReactNode;
  permission?: P | EnginePermission;
  /** A group of pages: shown as a sub-menu. */
  children?: MenuEntry<P>[];
}

/** Pages mounted under one address pattern (`hardship/*`), opened only with the permission. */
export interface ModuleRoute<P extends string = string> {
  path: string;
  permission: P | EnginePermission;
  load: () => Promise<{ default: ComponentType }>;
}

export interface WebModule<P extends string = string> {
  /** As the server names the program. */
  name: string;
  /** The permissions the program owns (the server's face lists the same). */
  permissions: readonly P[];
  menu?: MenuEntry<P>;
  /** 'portal': its pages are the workers' app, mounted outside the cadres' frame. */
  surface?: 'admin' | 'portal';
  routes: readonly ModuleRoute<P>[];
  /** The kinds of record it writes to the audit trail, with their names. */
  auditEntities?: Readonly<Record<string, Words>>;
}

/** Keeps a module's own permission names as literal types, so the app's `Permission` knows them. */
export function defineModule<const P extends string>(module: WebModule<P>): WebModule<P> {
  return module;
}
