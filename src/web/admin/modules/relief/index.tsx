/** 送温暖与助学: the program's pages, each loaded on first use. */
import { Navigate, Route, Routes } from 'react-router';
import { Result } from 'antd';
import { useUnitQuery } from '../../lib/scope.tsx';
import { NotFound } from '../../components/Results.tsx';

function Pending() {
  return <Result status="info" title="送温暖与助学" subTitle="页面建设中" />;
}

export default function ReliefModule() {
  const unitQuery = useUnitQuery();
  return (
    <Routes>
      <Route index element={<Navigate to={`campaigns${unitQuery}`} replace />} />
        <Route path="campaigns" element={<Pending />} />
        <Route path="applications" element={<Pending />} />
        <Route path="batches" element={<Pending />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
