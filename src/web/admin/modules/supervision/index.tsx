/** 督查督办: the dashboard, bulletins, targets and notifications; each page loads on first use. */
import { lazy, Suspense } from 'react';
import { Spin } from 'antd';
import { Navigate, Route, Routes, useSearchParams } from 'react-router';
import { useAuth } from '../../lib/auth.tsx';
import { useUnitQuery } from '../../lib/scope.tsx';
import { Forbidden, NotFound } from '../../components/Results.tsx';
import { appLink } from './shared.ts';
import './supervision.css';

const DashboardPage = lazy(() => import('./DashboardPage.tsx'));
const BulletinsPage = lazy(() => import('./BulletinsPage.tsx'));
const BulletinPage = lazy(() => import('./BulletinPage.tsx'));
const TargetsPage = lazy(() => import('./TargetsPage.tsx'));
const ReviewsPage = lazy(() => import('./ReviewsPage.tsx'));
const NotificationsPage = lazy(() => import('./NotificationsPage.tsx'));

/** `/supervision` itself: the dashboard (links from nudges carry `unitId` and `indicator`). */
function Start() {
  const unitQuery = useUnitQuery();
  const [params] = useSearchParams();
  if (params.has('unitId')) return <Navigate to={appLink(`/supervision?${params.toString()}`)!} replace />;
  return <Navigate to={`dashboard${unitQuery}`} replace />;
}

export default function SupervisionModule() {
  const { can } = useAuth();
  return (
    <Suspense
      fallback={
        <div className="gh-loading">
          <Spin size="large" />
        </div>
      }
    >
      <Routes>
        <Route index element={<Start />} />
        <Route path="dashboard" element={<DashboardPage />} />
        <Route path="bulletins" element={<BulletinsPage />} />
        <Route path="bulletins/preview" element={<BulletinPage preview />} />
        <Route path="bulletins/:id" element={<BulletinPage />} />
        <Route path="reviews" element={<ReviewsPage />} />
        <Route path="targets" element={<TargetsPage />} />
        <Route path="notifications" element={can('notifications.read') ? <NotificationsPage /> : <Forbidden />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Suspense>
  );
}
