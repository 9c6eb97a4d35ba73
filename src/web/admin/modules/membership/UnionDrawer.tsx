/** A grassroots union's details: covered enterprises, members, the committee rule, and the chair / 双亮 form. */
import { useEffect, useState } from 'react';
import { App, Button, Checkbox, Col, DatePicker, Descriptions, Drawer, Form, Input, Row, Skeleton, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { today } from '../../lib/time.ts';
import { Link } from 'react-router';
import { api, errorMessage } from '../../lib/api.ts';
import { useAuth } from '../../lib/auth.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import { useScope } from '../../lib/scope.tsx';
import { useMt } from './i18n.ts';
import { EnterpriseSelect } from './pickers.tsx';
import { linkWith } from './DrillDrawer.tsx';
import { BASE, iso, notFuture, type UnionView } from './shared.ts';

export function ShuangliangTags({ signboardShownOn, chairShownOn }: { signboardShownOn: string | null; chairShownOn: string | null }) {
  const { mt } = useMt();
  const both = !!signboardShownOn && !!chairShownOn;
  return (
    <Space size={4} wrap>
      <Tag color={both ? 'green' : 'default'}>{both ? mt('uni.shuangliangYes') : mt('uni.shuangliangNo')}</Tag>
      <Tag color={signboardShownOn ? 'blue' : 'default'}>{mt('uni.signboardOn', { d: signboardShownOn ?? mt('uni.notShown') })}</Tag>
      <Tag color={chairShownOn ? 'blue' : 'default'}>{mt('uni.chairShownOn', { d: chairShownOn ?? mt('uni.notShown') })}</Tag>
    </Space>
  );
}

export function UnionDrawer({ unionId, onClose, onChanged }: { unionId: number | null; onClose: () => void; onChanged: () => void }) {
  const { t } = useI18n();
  const { mt, ml } = useMt();
  const { message } = App.useApp();
  const { can } = useAuth();
  const { unit } = useScope();
  const [view, setView] = useState<UnionView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const [coverForm] = Form.useForm();
  const writable = can('members.write');

  useEffect(() => {
    if (unionId === null) {
      setView(null);
      return;
    }
    let live = true;
    setError(null);
    api
      .get<UnionView>(`${BASE}/unions/${unionId}`)
      .then((v) => live && setView(v))
      .catch((e) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [unionId, version]);

  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await api.patch(`${BASE}/unions/${unionId}`, {
        chairName: v.chairName ? String(v.chairName).trim() : null,
        committeeFormed: !!v.committeeFormed,
        signboardShownOn: iso(v.signboardShownOn) ?? null,
        chairShownOn: iso(v.chairShownOn) ?? null,
      });
      message.success(mt('uni.saved'));
      setVersion((n) => n + 1);
      onChanged();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const cover = async () => {
    const v = await coverForm.validateFields();
    setBusy(true);
    try {
      await api.post(`${BASE}/unions/${unionId}/coverages`, { enterpriseId: v.enterpriseId, from: iso(v.from) });
      message.success(mt('uni.covered'));
      coverForm.resetFields();
      setVersion((n) => n + 1);
      onChanged();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer open={unionId !== null} onClose={onClose} title={view ? view.unit.name : mt('uni.detail')} size={640} destroyOnHidden>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      {!view && !error && <Skeleton active />}
      {view && (
        <>
          {view.committeeRequired && (
            <Tag color="warning" style={{ marginBottom: 12 }}>
              {mt('uni.committeeRequired')}
            </Tag>
          )}
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              { key: 'name', label: mt('uni.name'), children: view.unit.name },
              { key: 'code', label: mt('uni.code'), children: view.unit.code ?? '—' },
              { key: 'type', label: mt('uni.type'), children: ml('uni.type', view.profile.unionType) },
              { key: 'founded', label: mt('uni.foundedOn'), children: view.profile.foundedOn },
              { key: 'chair', label: mt('uni.chair'), children: view.profile.chairName ?? '—' },
              {
                key: 'members',
                label: mt('uni.members'),
                children: (
                  <Space>
                    {view.memberCount}
                    <Link to={linkWith('', '/membership/members', { unit: view.unit.id })}>{mt('uni.viewMembers')}</Link>
                  </Space>
                ),
              },
              { key: 'committee', label: mt('uni.committee'), children: view.profile.committeeFormed ? t('common.yes') : t('common.no') },
              { key: 'sl', label: mt('uni.shuangliang'), children: <ShuangliangTags signboardShownOn={view.profile.signboardShownOn} chairShownOn={view.profile.chairShownOn} /> },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 20 }}>
            {mt('uni.enterprises')}
          </Typography.Title>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            aria-label={mt('uni.enterprises')}
            dataSource={view.enterprises}
            columns={[
              { title: mt('ent.name'), dataIndex: 'name' },
              { title: mt('ent.creditCode'), dataIndex: 'creditCode', width: 190, render: (v: string) => <span className="gh-ms-mono">{v}</span> },
              { title: mt('uni.validFrom'), dataIndex: 'validFrom', width: 110 },
            ]}
          />
          {writable && (
            <Form form={coverForm} name="union-cover" layout="inline" style={{ marginTop: 12 }} className="gh-no-print">
              <Form.Item name="enterpriseId" label={mt('uni.cover')} rules={[{ required: true, message: t('common.required', { f: mt('ent.name') }) }]} style={{ minWidth: 300 }}>
                <EnterpriseSelect underUnitId={unit!.id} uncoveredFirst placeholder={mt('uni.pickEnterprises')} />
              </Form.Item>
              <Form.Item name="from" label={mt('uni.coverFrom')} initialValue={today()} rules={[{ required: true, message: t('common.required', { f: mt('uni.coverFrom') }) }]}>
                <DatePicker disabledDate={notFuture} format="YYYY-MM-DD" />
              </Form.Item>
              <Button onClick={() => void cover().catch(() => undefined)} loading={busy}>
                {t('common.ok')}
              </Button>
            </Form>
          )}
          {writable && (
            <>
              <Typography.Title level={5} style={{ marginTop: 24 }}>
                {mt('uni.edit')}
              </Typography.Title>
              <Form
                form={form}
                name="union-profile"
                key={JSON.stringify(view.profile)}
                layout="vertical"
                className="gh-no-print"
                aria-label={mt('uni.edit')}
                initialValues={{
                  chairName: view.profile.chairName ?? '',
                  committeeFormed: view.profile.committeeFormed,
                  signboardShownOn: view.profile.signboardShownOn ? dayjs(view.profile.signboardShownOn) : null,
                  chairShownOn: view.profile.chairShownOn ? dayjs(view.profile.chairShownOn) : null,
                }}
              >
                <Row gutter={12}>
                  <Col span={12}>
                    <Form.Item label={mt('uni.chair')} name="chairName" rules={[{ max: 50, message: '≤ 50' }]}>
                      <Input maxLength={50} />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item label={mt('uni.committee')} name="committeeFormed" valuePropName="checked">
                      <Checkbox>{mt('uni.committeeFormed')}</Checkbox>
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item label={mt('uni.signboard')} name="signboardShownOn">
                      <DatePicker disabledDate={notFuture} format="YYYY-MM-DD" style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item label={mt('uni.chairShown')} name="chairShownOn">
                      <DatePicker disabledDate={notFuture} format="YYYY-MM-DD" style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                </Row>
                <Button type="primary" onClick={() => void save().catch(() => undefined)} loading={busy}>
                  {t('common.save')}
                </Button>
              </Form>
            </>
          )}
        </>
      )}
    </Drawer>
  );
}
