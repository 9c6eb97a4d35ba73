import { describe, expect, it } from 'vitest';
import { can, isKnownPermission, permissionsOf, registerPermissions } from './roles.ts';
import { PROGRAMS } from '../../programs/index.ts';
import { assertRouteDeclaresAccess } from '../../server/access.ts';
import { listResourceKinds, registerResourceKinds } from '../resources.ts';

describe('permissions', () => {
  it('come from the engines and from each program’s face, granted role by role', () => {
    expect(can('city_admin', 'org.write')).toBe(true);
    expect(can('county_admin', 'members.sensitive')).toBe(true);
    expect(can('auditor', 'members.write')).toBe(false);
    expect(can('lawyer', 'legal.write')).toBe(true);
    expect(can('counsellor', 'counselling.notes')).toBe(true);
    expect(can('city_admin', 'counselling.notes')).toBe(false);
    expect(permissionsOf('worker')).toEqual(expect.arrayContaining(['portal.self', 'notifications.read']));
    for (const program of PROGRAMS) for (const p of Object.keys(program.permissions.owns)) expect(isKnownPermission(p)).toBe(true);
  });

  it('belong to one owner, and are granted only by it', () => {
    expect(() => registerPermissions('elsewhere', ['members.read'], {})).toThrow(/belongs to membership/);
    expect(() => registerPermissions('honours', ['honours.read'], { city_admin: ['honours.read', 'honours.write'] })).toThrow(/does not declare it/);
    expect(can('city_admin', 'honours.read')).toBe(false);
  });

  it('must be known to a route, or the app is not built', () => {
    const route = (permission: string) => ({ method: 'GET', url: '/api/v1/x', handler: () => undefined, config: { access: { permission } } }) as never;
    expect(() => assertRouteDeclaresAccess(route('members.reed'))).toThrow(/members\.reed.*no engine or program declares/);
    expect(() => assertRouteDeclaresAccess(route('members.read'))).not.toThrow();
  });

  it('name only resource kinds an engine or a program declares, each declared by one owner', () => {
    const route = (resource: string) => ({ method: 'GET', url: '/api/v1/x/:id', handler: () => undefined, config: { access: { permission: 'hardship.read', resource } } }) as never;
    expect(() => assertRouteDeclaresAccess(route('houshold'))).toThrow(/houshold.*no engine or program declares/);
    expect(() => assertRouteDeclaresAccess(route('household'))).not.toThrow();
    expect(listResourceKinds()).toEqual(
      expect.arrayContaining([
        { kind: 'household', owner: 'hardship', meaning: '困难职工家庭档案' },
        { kind: 'org_unit', owner: 'engines', meaning: '组织单位' },
      ]),
    );
    expect(() => registerResourceKinds('honours', { household: '别的东西' })).toThrow(/declared by both hardship and honours/);
  });
});
