/** 节假日安排: a year's public holidays and make-up working days, by which case deadlines move; the city keeps it. */
import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Popconfirm, Select, Table, Tag, type TableProps } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { today } from '../../lib/time.ts';
import { api, errorMessage } from '../../lib/api.ts';
import { useRemote } from '../../lib/remote.ts';
import { useAuth, useMe } from '../../lib/auth.tsx';
import { useLt } from './i18n.ts';

interface CalendarDay {
  day: string;
  kind: 'holiday' | 'workday';
  name: string;
}
interface CalendarYear {
  year: number;
  held: boolean;
  years: number[];
  days: CalendarDay[];
}

export default function CalendarPage() {
  const { lt } = useLt();
  const { message } = App.useApp();
  const { can } = useAuth();
  const me = useMe();
  const [year, setYear] = useState(today().year());
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ day: Dayjs; kind: 'holiday' | 'workday'; name: string }>();
  // The city keeps the calendar (the server says the same).
  const keeps = can('legal.manage') && me.user.role === 'city_admin';

  const { data, reload } = useRemote<CalendarYear>('/api/v1/cases/calendar', { year });

  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const r = await api.put<{ recomputed: number }>(`/api/v1/cases/calendar/${v.day.format('YYYY-MM-DD')}`, { kind: v.kind, name: v.name.trim() });
      message.success(lt('cal.saved', { n: r.recomputed }));
      form.resetFields(['day']);
      reload();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (day: string) => {
    try {
      const r = await api.del<{ recomputed: number }>(`/api/v1/cases/calendar/${day}`);
      message.success(lt('cal.removed', { n: r.recomputed }));
      reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const columns: TableProps<CalendarDay>['columns'] = [
    { title: lt('cal.day'), dataIndex: 'day', width: 130 },
    { title: lt('cal.weekday'), dataIndex: 'day', key: 'weekday', width: 80, render: (d: string) => lt('cal.weekdays').split(',')[dayjs(d).day()] },
    { title: lt('cal.kind'), dataIndex: 'kind', width: 130, render: (k: CalendarDay['kind']) => <Tag color={k === 'holiday' ? 'red' : 'blue'}>{lt(`cal.kind.${k}`)}</Tag> },
    { title: lt('cal.name'), dataIndex: 'name' },
    ...(keeps
      ? [
          {
            title: '',
            key: 'actions',
            width: 80,
            render: (_: unknown, r: CalendarDay) => (
              <Popconfirm title={lt('cal.removeConfirm', { d: r.day })} onConfirm={() => void remove(r.day)}>
                <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={lt('cal.remove', { d: r.day })} />
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  const yearOptions = [...new Set([...(data?.years ?? []), today().year() - 1, today().year(), today().year() + 1, year])].sort().map((y) => ({ value: y, label: lt('cal.year', { y }) }));
  return (
    <div className="gh-page">
      <Card className="gh-card" title={lt('cal.title')} extra={<Select aria-label={lt('cal.yearPick')} style={{ width: 120 }} value={year} onChange={setYear} options={yearOptions} />}>
        <Alert type="info" showIcon title={lt('cal.rule')} style={{ marginBottom: 12 }} />
        {data && !data.held && <Alert type="warning" showIcon title={lt('cal.notHeld', { y: year })} style={{ marginBottom: 12 }} role="status" />}
        {keeps && (
          <Form form={form} layout="inline" initialValues={{ kind: 'holiday' }} style={{ marginBottom: 12 }} className="gh-no-print">
            <Form.Item name="day" label={lt('cal.day')} rules={[{ required: true, message: lt('cal.day') }]}>
              <DatePicker aria-label={lt('cal.day')} />
            </Form.Item>
            <Form.Item name="kind" label={lt('cal.kind')} rules={[{ required: true }]}>
              <Select aria-label={lt('cal.kind')} style={{ width: 150 }} options={(['holiday', 'workday'] as const).map((k) => ({ value: k, label: lt(`cal.kind.${k}`) }))} />
            </Form.Item>
            <Form.Item name="name" label={lt('cal.name')} rules={[{ required: true, whitespace: true, message: lt('cal.name') }]}>
              <Input aria-label={lt('cal.name')} maxLength={40} style={{ width: 180 }} placeholder="春节" />
            </Form.Item>
            <Form.Item>
              <Button type="primary" icon={<PlusOutlined />} loading={busy} onClick={() => void save()}>
                {lt('cal.add')}
              </Button>
            </Form.Item>
          </Form>
        )}
        <Table<CalendarDay> rowKey="day" size="small" columns={columns} dataSource={data?.days ?? []} loading={!data} pagination={false} />
      </Card>
    </div>
  );
}
