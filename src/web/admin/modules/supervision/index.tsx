/** 督查督办: the program's pages, each loaded on first use. */
import { Navigate, Route, Routes } from 'react-router';
import { Result } from 'antd';
import { useUnitQuery } from '../../lib/scope.tsx';
import { NotFound } from '../../components/Results.tsx';

function Pending() {
  return <Result status="info" title="督查督办" subTitle="页面建设中" />;
}

export default function SupervisionModule() {
  const unitQuery = useUnitQuery();
  return (
    <Routes>
      <Route index element={<Navigate to={`dashboard${unitQuery}`} replace />} />
        <Route path="dashboard" element={<Pending />} />
        <Route path="bulletins" element={<Pending />} />
        <Route path="targets" element={<Pending />} />
        <Route path="notifications" element={<Pending />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
