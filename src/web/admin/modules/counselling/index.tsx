/** 心理咨询: the program's pages, each loaded on first use. */
import { Navigate, Route, Routes } from 'react-router';
import { Result } from 'antd';
import { useUnitQuery } from '../../lib/scope.tsx';
import { NotFound } from '../../components/Results.tsx';

function Pending() {
  return <Result status="info" title="心理咨询" subTitle="页面建设中" />;
}

export default function CounsellingModule() {
  const unitQuery = useUnitQuery();
  return (
    <Routes>
      <Route index element={<Navigate to={`appointments${unitQuery}`} replace />} />
        <Route path="appointments" element={<Pending />} />
        <Route path="counsellors" element={<Pending />} />
        <Route path="statistics" element={<Pending />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
