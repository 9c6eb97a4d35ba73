/** 法律服务: the program's pages, each loaded on first use. */
import { Navigate, Route, Routes } from 'react-router';
import { Result } from 'antd';
import { useUnitQuery } from '../../lib/scope.tsx';
import { NotFound } from '../../components/Results.tsx';

function Pending() {
  return <Result status="info" title="法律服务" subTitle="页面建设中" />;
}

export default function LegalModule() {
  const unitQuery = useUnitQuery();
  return (
    <Routes>
      <Route index element={<Navigate to={`cases${unitQuery}`} replace />} />
        <Route path="cases" element={<Pending />} />
        <Route path="lawyers" element={<Pending />} />
        <Route path="statistics" element={<Pending />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
