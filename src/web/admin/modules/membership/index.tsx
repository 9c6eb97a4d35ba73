/** 会员与建会: statistics, enterprises, grassroots unions, members and roster imports; each page loads on first use. */
import { lazy, Suspense } from 'react';
import { Spin } from 'antd';
import { Navigate, Route, Routes } from 'react-router';
import { useAuth } from '../../lib/auth.tsx';
import { useUnitQuery } from '../../lib/scope.tsx';
import { Forbidden, NotFound } from '../../components/Results.tsx';
import './membership.css';

const StatsPage = lazy(() => import('./StatsPage.tsx'));
const EnterprisesPage = lazy(() => import('./EnterprisesPage.tsx'));
const UnionsPage = lazy(() => import('./UnionsPage.tsx'));
const MembersPage = lazy(() => import('./MembersPage.tsx'));
const ImportsPage = lazy(() => import('./ImportsPage.tsx'));

export default function MembershipModule() {
  const { can } = useAuth();
  const unitQuery = useUnitQuery();
  return (
    <Suspense
      fallback={
        <div className="gh-loading">
          <Spin size="large" />
        </div>
      }
    >
      <Routes>
        <Route index element={<Navigate to={`stats${unitQuery}`} replace />} />
        <Route path="stats" element={<StatsPage />} />
        <Route path="enterprises" element={<EnterprisesPage />} />
        <Route path="unions" element={<UnionsPage />} />
        <Route path="members" element={<MembersPage />} />
        <Route path="imports" element={can('members.write') ? <ImportsPage /> : <Forbidden />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Suspense>
  );
}
