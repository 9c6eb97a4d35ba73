/** 认定标准: the local minimum-living standard (低保) and the grading rule, by unit and date; the rule in words. */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { today } from '../../lib/time.ts';
import { api, errorMessage, type UnitDetail } from '../../lib/api.ts';
import { useAuth, useMe } from '../../lib/auth.tsx';
import { useScope } from '../../lib/scope.tsx';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.tsx';
import { HBASE, iso, money, yuanRule, yuanToFen, type Standard } from './shared.ts';

export default function StandardsPage() {
  const { message } = App.useApp();
  const { can } = useAuth();
  const me = useMe();
  const { unit } = useScope();
  const [items, setItems] = useState<Standard[]>([]);
  const [names, setNames] = useState<Record<number, string>>({});
  const [loading, setLoading] = useState(false);
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(0);
  const [form] = Form.useForm();

  useEffect(() => {
    let live = true;
    setLoading(true);
    api
      .get<{ items: Standard[] }>(`${HBASE}/standards`)
      .then(async (r) => {
        if (!live) return;
        setItems(r.items);
        const ids = [...new Set(r.items.map((s) => s.unitId))];
        // The units above the user's own are known from the session (their own records are out of scope).
        const got: Record<number, string> = Object.fromEntries([...me.unit.ancestors, { id: me.unit.id, name: me.unit.name }].map((u) => [u.id, u.name]));
        await Promise.all(
          ids
            .filter((id) => !got[id])
            .map((id) =>
              api
                .get<UnitDetail>(`/api/v1/org/units/${id}`)
                .then((u) => (got[id] = u.name))
                .catch(() => (got[id] = '上级工会（本单位适用）')),
            ),
        );
        if (live) setNames(got);
      })
      .catch((e) => live && message.error(errorMessage(e)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [version, message, me]);

  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      await api.post(`${HBASE}/standards`, {
        unitId: v.unitId,
        validFrom: iso(v.validFrom),
        minimumLivingFen: yuanToFen(v.minimumLiving),
        deepPct: v.deepPct,
        relativePct: v.relativePct,
        accidentCostPct: v.accidentCostPct,
        migrantMinMonths: v.migrantMinMonths,
        reviewMonths: v.reviewMonths,
        noticeDays: v.noticeDays,
      });
      message.success('认定标准已保存');
      setEditing(false);
      setVersion((n) => n + 1);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="gh-page">
      <Card
        className="gh-card"
        title="困难职工认定标准"
        extra={
          can('hardship.write') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                form.resetFields();
                form.setFieldsValue({
                  unitId: unit!.id,
                  validFrom: today().startOf('year'),
                  deepPct: 100,
                  relativePct: 200,
                  accidentCostPct: 80,
                  migrantMinMonths: 12,
                  reviewMonths: 12,
                  noticeDays: 7,
                });
                setEditing(true);
              }}
            >
              设定标准
            </Button>
          )
        }
      >
        <Typography.Paragraph>
          按全总现行办法：月人均可支配收入 =（家庭年收入 − 刚性支出）÷ 12 ÷ 家庭人口。低于当地低保标准的为<strong>深度困难</strong>，低于低保标准两倍的为<strong>相对困难</strong>；
          遭遇重大灾害、伤病、致残，或本年度致困支出超过家庭收入 80% 的为<strong>意外致困</strong>。农民工须连续就业满一年。各比例与期限按下表设定，某单位未设定的，适用其最近上级单位的标准。
        </Typography.Paragraph>
        <Table<Standard>
          rowKey={(s) => `${s.unitId}:${s.validFrom}`}
          loading={loading}
          dataSource={items}
          pagination={false}
          locale={{ emptyText: '尚未设定标准：未设定前无法认定困难等级' }}
          columns={[
            { title: '单位', dataIndex: 'unitId', render: (id: number) => names[id] ?? id },
            { title: '执行起始日', dataIndex: 'validFrom' },
            { title: '低保标准（元/人·月）', dataIndex: 'minimumLivingFen', align: 'right', render: (v: number) => money(v) },
            { title: '深度困难线', dataIndex: 'deepPct', align: 'right', render: (v: number) => `低保 × ${v}%` },
            { title: '相对困难线', dataIndex: 'relativePct', align: 'right', render: (v: number) => `低保 × ${v}%` },
            { title: '意外致困', dataIndex: 'accidentCostPct', align: 'right', render: (v: number) => `致困支出 > 收入 × ${v}%` },
            { title: '农民工就业', dataIndex: 'migrantMinMonths', align: 'right', render: (v: number) => `≥ ${v} 个月` },
            { title: '复核周期', dataIndex: 'reviewMonths', align: 'right', render: (v: number) => `${v} 个月` },
            { title: '公示天数', dataIndex: 'noticeDays', align: 'right', render: (v: number) => `${v} 天` },
          ]}
        />
      </Card>
      <Modal title="设定认定标准" open={editing} onCancel={() => setEditing(false)} onOk={() => void save()} confirmLoading={busy} width={720} destroyOnHidden>
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message="同一单位同一执行起始日再次设定，即为更正；新的起始日则自该日起执行。" />
        <Form form={form} layout="vertical" name="standard">
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="unitId" label="适用单位" rules={[{ required: true }]}>
                <UnitTreeSelect rootId={unit!.id} rootName={unit!.name} rootKind={unit!.kind} valueLabel={unit!.name} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="validFrom" label="执行起始日" rules={[{ required: true, message: '请选择日期' }]}>
                <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="minimumLiving" label="低保标准（元/人·月）" rules={[yuanRule('低保标准')]}>
                <Input inputMode="decimal" addonAfter="元" />
              </Form.Item>
            </Col>
            {(
              [
                ['deepPct', '深度困难线（低保的 %）'],
                ['relativePct', '相对困难线（低保的 %）'],
                ['accidentCostPct', '意外致困（收入的 %）'],
                ['migrantMinMonths', '农民工就业月数'],
                ['reviewMonths', '复核周期（月）'],
                ['noticeDays', '公示天数'],
              ] as const
            ).map(([k, label]) => (
              <Col span={8} key={k}>
                <Form.Item name={k} label={label} rules={[{ required: true, message: `请填写${label}` }]}>
                  <InputNumber min={k === 'migrantMinMonths' ? 0 : 1} max={k === 'noticeDays' ? 30 : 1000} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Form>
      </Modal>
      <Space />
    </div>
  );
}
