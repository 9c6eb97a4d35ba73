/** 困难职工帮扶: the program's pages, each loaded on first use. */
import { Navigate, Route, Routes } from 'react-router';
import { Result } from 'antd';
import { useUnitQuery } from '../../lib/scope.tsx';
import { NotFound } from '../../components/Results.tsx';

function Pending() {
  return <Result status="info" title="困难职工帮扶" subTitle="页面建设中" />;
}

export default function HardshipModule() {
  const unitQuery = useUnitQuery();
  return (
    <Routes>
      <Route index element={<Navigate to={`households${unitQuery}`} replace />} />
        <Route path="households" element={<Pending />} />
        <Route path="standards" element={<Pending />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
