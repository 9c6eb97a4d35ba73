/** 法律服务: cases (list and one case), the lawyers' team, the statistics and the holiday calendar; each page loads on first use. */
import { lazy, Suspense } from 'react';
import { Spin } from 'antd';
import { Navigate, Route, Routes } from 'react-router';
import { useUnitQuery } from '../../lib/scope.tsx';
import { NotFound } from '../../components/Results.tsx';
import './legal.css';

const CasesPage = lazy(() => import('./CasesPage.tsx'));
const CasePage = lazy(() => import('./CasePage.tsx'));
const LawyersPage = lazy(() => import('./LawyersPage.tsx'));
const StatsPage = lazy(() => import('./StatsPage.tsx'));
const CalendarPage = lazy(() => import('./CalendarPage.tsx'));

export default function LegalModule() {
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
        <Route index element={<Navigate to={`cases${unitQuery}`} replace />} />
        <Route path="cases" element={<CasesPage />} />
        <Route path="cases/:id" element={<CasePage />} />
        <Route path="lawyers" element={<LawyersPage />} />
        <Route path="statistics" element={<StatsPage />} />
        <Route path="calendar" element={<CalendarPage />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Suspense>
  );
}
