/** 困难职工帮扶: the program's pages, each loaded on first use. */
import { lazy, Suspense } from 'react';
import { Spin } from 'antd';
import { Navigate, Route, Routes } from 'react-router';
import { useUnitQuery } from '../../lib/scope.tsx';
import { NotFound } from '../../components/Results.tsx';
import './hardship.css';

const HouseholdsPage = lazy(() => import('./HouseholdsPage.tsx'));
const StandardsPage = lazy(() => import('./StandardsPage.tsx'));

export default function HardshipModule() {
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
        <Route index element={<Navigate to={`households${unitQuery}`} replace />} />
        <Route path="households" element={<HouseholdsPage />} />
        <Route path="standards" element={<StandardsPage />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Suspense>
  );
}
