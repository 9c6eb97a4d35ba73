/** 送温暖与助学: the program's pages, each loaded on first use. */
import { lazy, Suspense } from 'react';
import { Spin } from 'antd';
import { Navigate, Route, Routes } from 'react-router';
import { useAuth } from '../../lib/auth.tsx';
import { useUnitQuery } from '../../lib/scope.tsx';
import { Forbidden, NotFound } from '../../components/Results.tsx';
import '../hardship/hardship.css';

const CampaignsPage = lazy(() => import('./CampaignsPage.tsx'));
const CampaignPage = lazy(() => import('./CampaignPage.tsx'));
const ApplicationsPage = lazy(() => import('./ApplicationsPage.tsx'));
const BatchesPage = lazy(() => import('./BatchesPage.tsx'));

export default function ReliefModule() {
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
        <Route index element={<Navigate to={`campaigns${unitQuery}`} replace />} />
        <Route path="campaigns" element={<CampaignsPage />} />
        <Route path="campaigns/:id" element={<CampaignPage />} />
        <Route path="applications" element={<ApplicationsPage />} />
        <Route path="batches" element={can('funds.read') ? <BatchesPage /> : <Forbidden />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Suspense>
  );
}
