/** 心理咨询: appointments, the counsellors with their rooms and slots, and anonymous counts; each page loads on first use. */
import { lazy, Suspense } from 'react';
import { Spin } from 'antd';
import { Navigate, Route, Routes } from 'react-router';
import { useUnitQuery } from '../../lib/scope.tsx';
import { NotFound } from '../../components/Results.tsx';

const AppointmentsPage = lazy(() => import('./AppointmentsPage.tsx'));
const CounsellorsPage = lazy(() => import('./CounsellorsPage.tsx'));
const StatsPage = lazy(() => import('./StatsPage.tsx'));

export default function CounsellingModule() {
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
        <Route index element={<Navigate to={`appointments${unitQuery}`} replace />} />
        <Route path="appointments" element={<AppointmentsPage />} />
        <Route path="counsellors" element={<CounsellorsPage />} />
        <Route path="statistics" element={<StatsPage />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Suspense>
  );
}
