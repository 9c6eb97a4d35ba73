/** Providers and routes. Each program is its own lazily loaded module under modules/. */
import { lazy, Suspense, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createBrowserRouter, Navigate, Outlet, RouterProvider, useLocation } from 'react-router';
import { AuthProvider, useAuth } from './lib/auth.tsx';
import { I18nProvider, useI18n } from './lib/i18n.tsx';
import type { Permission } from './lib/api.ts';
import { Forbidden, NotFound } from './components/Results.tsx';
import { MODULES } from './modules/index.ts';

const LoginPage = lazy(() => import('./pages/LoginPage.tsx'));
const ChangePasswordPage = lazy(() => import('./pages/ChangePasswordPage.tsx'));
const AppLayout = lazy(() => import('./layout/AppLayout.tsx'));
const HomePage = lazy(() => import('./modules/home/HomePage.tsx'));
const OrgPage = lazy(() => import('./modules/org/OrgPage.tsx'));
const UsersPage = lazy(() => import('./modules/users/UsersPage.tsx'));
const AuditPage = lazy(() => import('./modules/audit/AuditPage.tsx'));
const SessionsPage = lazy(() => import('./pages/SessionsPage.tsx'));
const RegisterPage = lazy(() => import('./modules/portal/RegisterPage.tsx'));

function Loading() {
  return (
    <div className="gh-loading">
      <Spin size="large" />
    </div>
  );
}

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

/** Signed in, with the initial password changed; otherwise to the login or the password page. */
function RequireSession({ allowPasswordChange }: { allowPasswordChange?: boolean }) {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'anonymous') {
    const from = location.pathname + location.search;
    return <Navigate to={from === '/' ? '/login' : `/login?from=${encodeURIComponent(from)}`} replace />;
  }
  if (state.me.user.mustChangePassword && !allowPasswordChange) return <Navigate to="/password" replace />;
  return <Outlet />;
}

/** A worker's app is the portal: they land there, and a cadre never does. */
function PortalOrAdmin({ portal, children }: { portal: boolean; children: ReactNode }) {
  const { can } = useAuth();
  if (can('portal.self') !== portal) return <Navigate to={portal ? '/' : '/portal'} replace />;
  return <Lazy>{children}</Lazy>;
}

function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { can } = useAuth();
  if (!can(permission)) return <Forbidden />;
  return <Lazy>{children}</Lazy>;
}

/** Each module's pages, made lazy once (not on every render), for one of the app's two surfaces. */
const PAGES = MODULES.flatMap((m) => m.routes.map((r) => ({ surface: m.surface ?? 'admin', path: r.path, permission: r.permission as Permission, Page: lazy(r.load) })));
const modulePages = (surface: 'admin' | 'portal') => PAGES.filter((p) => p.surface === surface);

const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <Lazy>
        <LoginPage />
      </Lazy>
    ),
  },
  {
    path: '/register',
    element: (
      <Lazy>
        <RegisterPage />
      </Lazy>
    ),
  },
  {
    element: <RequireSession allowPasswordChange />,
    children: [
      {
        path: '/password',
        element: (
          <Lazy>
            <ChangePasswordPage />
          </Lazy>
        ),
      },
    ],
  },
  {
    element: <RequireSession />,
    children: [
      ...modulePages('portal').map(({ path, permission, Page }) => ({
        path,
        element: (
          <PortalOrAdmin portal>
            <RequirePermission permission={permission}>
              <Page />
            </RequirePermission>
          </PortalOrAdmin>
        ),
      })),
      {
        element: (
          <PortalOrAdmin portal={false}>
            <AppLayout />
          </PortalOrAdmin>
        ),
        children: [
          {
            index: true,
            element: (
              <Lazy>
                <HomePage />
              </Lazy>
            ),
          },
          {
            path: 'org',
            element: (
              <RequirePermission permission="org.read">
                <OrgPage />
              </RequirePermission>
            ),
          },
          {
            path: 'users',
            element: (
              <RequirePermission permission="users.read">
                <UsersPage />
              </RequirePermission>
            ),
          },
          {
            path: 'account/sessions',
            element: (
              <Lazy>
                <SessionsPage />
              </Lazy>
            ),
          },
          {
            path: 'audit',
            element: (
              <RequirePermission permission="audit.read">
                <AuditPage />
              </RequirePermission>
            ),
          },
          ...modulePages('admin').map(({ path, permission, Page }) => ({
            path,
            element: (
              <RequirePermission permission={permission}>
                <Page />
              </RequirePermission>
            ),
          })),
          {
            path: '*',
            element: <NotFound />,
          },
        ],
      },
    ],
  },
]);

function Themed() {
  const { lang } = useI18n();
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      theme={{
        token: {
          colorPrimary: '#c8102e',
          colorLink: '#b0102a',
          borderRadius: 4,
          fontFamily: '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", sans-serif',
        },
        components: {
          Layout: { headerBg: '#b0102a', siderBg: '#ffffff', headerHeight: 56, headerPadding: '0 20px' },
          Menu: { itemSelectedBg: '#fdecee', itemSelectedColor: '#b0102a' },
        },
      }}
    >
      <AntApp>
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Themed />
    </I18nProvider>
  );
}
