/** The frame around every signed-in page: programs on the left, unit picker, language and user menu on top. */
import { useMemo, useState } from 'react';
import { Avatar, Button, Dropdown, Layout, Menu, Space, Spin, Typography, type MenuProps } from 'antd';
import { ApartmentOutlined, AuditOutlined, DownOutlined, HomeOutlined, KeyOutlined, LogoutOutlined, SafetyOutlined, TeamOutlined, TranslationOutlined, UserOutlined } from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth, useMe } from '../lib/auth.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { ScopeProvider, useScope, useUnitQuery } from '../lib/scope.tsx';
import type { Permission, UnitKind } from '../lib/api.ts';
import { UnitTreeSelect } from '../components/UnitTreeSelect.tsx';
import { NotFound } from '../components/Results.tsx';
import { Brand } from '../components/Brand.tsx';
import { MODULES } from '../modules/index.ts';
import type { MenuEntry } from '../modules/module.ts';
import { NotificationBell } from '../modules/supervision/NotificationBell.tsx';

const { Header, Sider, Content } = Layout;

type Program = MenuEntry<Permission>;

/** The app's own pages, then each module's; an entry appears only for users who may use it. */
const PROGRAMS: Program[] = [
  { path: '/', label: 'menu.home', icon: <HomeOutlined /> },
  { path: '/org', label: 'menu.org', icon: <ApartmentOutlined />, permission: 'org.read' },
  { path: '/users', label: 'menu.users', icon: <TeamOutlined />, permission: 'users.read' },
  { path: '/audit', label: 'menu.audit', icon: <AuditOutlined />, permission: 'audit.read' },
  ...MODULES.flatMap((m): Program[] => (m.menu ? [m.menu] : [])),
];
const PAGES = PROGRAMS.flatMap((p) => p.children ?? [p]);

function ScopedContent() {
  const { error, loading, unit } = useScope();
  const { t } = useI18n();
  if (error) {
    return error.status === 404 || error.status === 403 ? (
      <NotFound title={t('result.unit404')} subTitle={error.message || t('result.404.sub')} />
    ) : (
      <NotFound title={t('result.error')} subTitle={error.message} />
    );
  }
  if (loading && !unit) {
    return (
      <div className="gh-loading">
        <Spin />
      </div>
    );
  }
  return <Outlet />;
}

function HeaderBar() {
  const me = useMe();
  const { logout } = useAuth();
  const { t, lang, setLang } = useI18n();
  const { unitId, unit, error, setUnit } = useScope();
  const navigate = useNavigate();

  const userMenu: MenuProps = {
    items: [
      { key: 'password', icon: <KeyOutlined />, label: t('header.changePassword') },
      { key: 'sessions', icon: <SafetyOutlined />, label: t('header.sessions') },
      { type: 'divider' },
      { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout') },
    ],
    onClick: ({ key }) => {
      if (key === 'password') navigate('/password');
      if (key === 'sessions') navigate('/account/sessions');
      if (key === 'logout') void logout().then(() => navigate('/login', { replace: true }));
    },
  };

  return (
    <Header className="gh-header">
      <Brand light />
      <div className="gh-header-right">
        <Space size={8} className="gh-unit-picker">
          <Typography.Text className="gh-header-label">{t('header.unit')}</Typography.Text>
          <UnitTreeSelect
            key={me.unit.id}
            rootId={me.unit.id}
            rootName={me.unit.name}
            rootKind={me.unit.kind as UnitKind}
            value={error ? undefined : unitId}
            valueLabel={unit?.name}
            placeholder={t('header.unit')}
            onChange={(id) => setUnit(id)}
            ariaLabel={t('header.unit')}
            style={{ width: 260 }}
          />
        </Space>
        <NotificationBell />
        <Button type="text" className="gh-header-btn" icon={<TranslationOutlined />} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {t('header.lang')}
        </Button>
        <Dropdown menu={userMenu} trigger={['click']}>
          <Button type="text" className="gh-header-btn" aria-label={me.user.displayName}>
            <Space size={6}>
              <Avatar size="small" icon={<UserOutlined />} className="gh-avatar" />
              {me.user.displayName}
              <DownOutlined />
            </Space>
          </Button>
        </Dropdown>
      </div>
    </Header>
  );
}

function SideMenu() {
  const { can } = useAuth();
  const { t, lang } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const unitQuery = useUnitQuery();
  const [collapsed, setCollapsed] = useState(false);
  const items = useMemo(() => {
    const labelOf = (label: Program['label']) => (typeof label === 'string' ? t(label) : label[lang]);
    const allowed = (p: Program) => !p.permission || can(p.permission);
    return PROGRAMS.filter(allowed).map((p) => ({
      key: p.path,
      icon: p.icon,
      label: labelOf(p.label),
      ...(p.children ? { children: p.children.filter(allowed).map((c) => ({ key: c.path, label: labelOf(c.label) })) } : {}),
    }));
  }, [can, t, lang]);
  const selected = PAGES.filter((p) => p.path !== '/' && location.pathname.startsWith(p.path)).map((p) => p.path);
  const group = PROGRAMS.find((p) => p.children && location.pathname.startsWith(p.path));
  return (
    <Sider className="gh-sider" width={208} collapsible collapsed={collapsed} onCollapse={setCollapsed} theme="light">
      <Menu
        mode="inline"
        aria-label="主菜单"
        selectedKeys={selected.length ? selected : location.pathname === '/' ? ['/'] : []}
        defaultOpenKeys={group ? [group.path] : []}
        items={items}
        onClick={({ key }) => navigate(key + unitQuery)}
        style={{ borderInlineEnd: 'none' }}
      />
    </Sider>
  );
}

export default function AppLayout() {
  return (
    <ScopeProvider>
      <Layout className="gh-root">
        <HeaderBar />
        <Layout>
          <SideMenu />
          <Content className="gh-content">
            <ScopedContent />
          </Content>
        </Layout>
      </Layout>
    </ScopeProvider>
  );
}
