/**
 * One monthly bulletin: the units below ranked on each indicator with the change since last month,
 * leaders and laggards highlighted, the generated commentary, the signature; printable, with PDF and
 * Excel. With `preview`: the bulletin a month would give, to freeze and publish.
 */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Descriptions, Empty, Form, Input, Modal, Skeleton, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, CheckCircleOutlined, EditOutlined, CloseCircleOutlined, FileExcelOutlined, FilePdfOutlined, LockOutlined, PrinterOutlined, SendOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { formatDateTime, today } from '../../lib/time.ts';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { api, errorMessage } from '../../lib/api.ts';
import { useAuth, useMe } from '../../lib/auth.tsx';
import { useScope, useUnitQuery } from '../../lib/scope.tsx';
import { IndicatorTable } from './IndicatorTable.tsx';
import { useSt } from './i18n.ts';
import { RecordsDrawer, type Drill } from './RecordsDrawer.tsx';
import { BASE, downloadFile, monthOf, type Bulletin, type BulletinContent } from './shared.ts';

export default function BulletinPage({ preview }: { preview?: boolean }) {
  const { st } = useSt();
  const { message, modal } = App.useApp();
  const { can } = useAuth();
  const me = useMe();
  const { unit } = useScope();
  const unitQuery = useUnitQuery();
  const navigate = useNavigate();
  const { id } = useParams();
  const [params, setParams] = useSearchParams();
  const [bulletin, setBulletin] = useState<Bulletin | null>(null);
  const [content, setContent] = useState<BulletinContent | null>(null);
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const [drill, setDrill] = useState<Drill | null>(null);
  const [frozenInfo, setFrozenInfo] = useState<{ versions: number; corrected: boolean } | null>(null);
  const [correcting, setCorrecting] = useState(false);
  const [reasonForm] = Form.useForm<{ reason: string }>();
  const scopeId = unit!.id;
  const lastMonth = today().subtract(1, 'month').format('YYYY-MM');
  const rawPeriod = params.get('period');
  const period = rawPeriod && /^\d{4}-\d{2}$/.test(rawPeriod) ? rawPeriod : lastMonth;
  const manage = can('supervision.manage');

  useEffect(() => {
    let live = true;
    setFailed(false);
    setContent(null);
    const load = preview
      ? api.get<BulletinContent>(`${BASE}/bulletins/preview`, { unitId: scopeId, period }).then((c) => {
          if (!live) return;
          setBulletin(null);
          setContent(c);
        })
      : api.get<Bulletin>(`${BASE}/bulletins/${encodeURIComponent(id ?? '')}`).then((b) => {
          if (!live) return;
          setBulletin(b);
          setContent(b.content);
        });
    load.catch((e) => {
      if (!live) return;
      setFailed(true);
      message.error(errorMessage(e));
    });
    return () => {
      live = false;
    };
  }, [preview, id, scopeId, period, tick, message]);

  useEffect(() => {
    if (!preview) return;
    let live = true;
    setFrozenInfo(null);
    api
      .get<{ periods: { period: string; versions: number; corrected: boolean }[] }>(`${BASE}/snapshots`, { unitId: scopeId })
      .then((r) => {
        if (!live) return;
        const p = r.periods.find((x) => monthOf(x.period) === period);
        setFrozenInfo(p ? { versions: p.versions, corrected: p.corrected } : null);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [preview, scopeId, period, tick]);

  const correct = async () => {
    const v = await reasonForm.validateFields();
    setBusy('correct');
    try {
      await api.post(`${BASE}/snapshots`, { period, unitId: scopeId, correctionReason: v.reason.trim() });
      message.success(st('bul.corrected'));
      setCorrecting(false);
      setTick((n) => n + 1);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const download = async (kind: 'pdf' | 'xlsx') => {
    if (!bulletin) return;
    setBusy(kind);
    try {
      await downloadFile(`${BASE}/bulletins/${bulletin.id}/${kind}`, undefined, `${bulletin.title}.${kind}`);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const freeze = async () => {
    setBusy('freeze');
    try {
      await api.post(`${BASE}/snapshots`, { period, unitId: scopeId });
      message.success(st('bul.frozenDone'));
      setTick((n) => n + 1);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const publish = () => {
    modal.confirm({
      title: st('bul.publish'),
      content: st('bul.publishConfirm', { period }),
      okText: st('bul.publish'),
      onOk: async () => {
        try {
          const b = await api.post<{ id: number }>(`${BASE}/bulletins`, { period, unitId: scopeId });
          message.success(st('bul.published'));
          navigate(`/supervision/bulletins/${b.id}${unitQuery}`);
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });
  };

  const setPeriod = (d: Dayjs | null) =>
    d &&
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      next.set('period', d.format('YYYY-MM'));
      return next;
    });

  const toolbar = (
    <Space wrap className="gh-no-print">
      <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/supervision/bulletins${unitQuery}`)}>
        {st('bul.back')}
      </Button>
      {preview && (
        <Space size={4}>
          <label htmlFor="gh-sv-period" className="gh-small">
            {st('bul.pickMonth')}
          </label>
          <DatePicker id="gh-sv-period" picker="month" allowClear={false} value={dayjs(`${period}-01`)} format="YYYY-MM" onChange={setPeriod} disabledDate={(d) => !d.isBefore(today(), 'month')} />
        </Space>
      )}
      <Button icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!content}>
        {st('print')}
      </Button>
      {bulletin && (
        <>
          <Button icon={<FilePdfOutlined />} loading={busy === 'pdf'} onClick={() => void download('pdf')}>
            {st('bul.pdf')}
          </Button>
          <Button icon={<FileExcelOutlined />} loading={busy === 'xlsx'} onClick={() => void download('xlsx')}>
            {st('bul.xlsx')}
          </Button>
        </>
      )}
      {preview && manage && content && !content.frozen && (
        <Button icon={<LockOutlined />} loading={busy === 'freeze'} onClick={() => void freeze()}>
          {st('bul.freeze')}
        </Button>
      )}
      {preview && manage && content?.frozen && (
        <Button
          icon={<EditOutlined />}
          onClick={() => {
            reasonForm.resetFields();
            setCorrecting(true);
          }}
        >
          {st('bul.correct')}
        </Button>
      )}
      {preview && manage && (
        <Button type="primary" icon={<SendOutlined />} disabled={!content?.frozen} onClick={publish}>
          {st('bul.publish')}
        </Button>
      )}
    </Space>
  );

  return (
    <div className="gh-page gh-sv-bulletin">
      <Card className="gh-card">
        <div style={{ marginBottom: 12 }}>{toolbar}</div>
        {!content ? (
          failed ? (
            <Empty />
          ) : (
            <Skeleton active paragraph={{ rows: 8 }} />
          )
        ) : (
          <>
            {preview && (
              <Tag color={content.frozen ? 'blue' : 'orange'} className="gh-no-print">
                {content.frozen ? st('bul.frozenTag') : st('bul.liveTag')}
              </Tag>
            )}
            {preview && frozenInfo && frozenInfo.versions > 1 && (
              <Tag color="orange" className="gh-no-print">
                {st('bul.correctedTag', { n: frozenInfo.versions })}
              </Tag>
            )}
            {preview && (
              <Typography.Text type="secondary" className="gh-no-print">
                {st('bul.previewOf')}
              </Typography.Text>
            )}
            {bulletin?.fromAbove && (
              <Tag color="purple" className="gh-no-print">
                {st('bul.fromAbove')}
              </Tag>
            )}
            <Typography.Title level={3} className="gh-sv-doc-title">
              {content.title}
            </Typography.Title>
            {preview && !content.frozen && <Alert type="warning" showIcon className="gh-no-print" style={{ marginBottom: 12 }} message={st('bul.notFrozen')} />}
            <Descriptions
              size="small"
              column={{ xs: 1, md: 3 }}
              items={[
                { key: 'unit', label: st('unit'), children: content.unit.name },
                { key: 'period', label: st('bul.period'), children: monthOf(content.period) },
                { key: 'compared', label: st('bul.comparedWith'), children: monthOf(content.previousPeriod) },
                ...(bulletin
                  ? [
                      { key: 'version', label: st('bul.version'), children: st('bul.versionN', { n: bulletin.version }) },
                      { key: 'at', label: st('bul.publishedAt'), children: formatDateTime(bulletin.publishedAt) },
                      {
                        key: 'verified',
                        label: st('bul.hashShort'),
                        children: bulletin.verified ? (
                          <Tag icon={<CheckCircleOutlined />} color="success">
                            {st('bul.verified')}
                          </Tag>
                        ) : (
                          <Tag icon={<CloseCircleOutlined />} color="error">
                            {st('bul.tampered')}
                          </Tag>
                        ),
                      },
                      {
                        key: 'hash',
                        label: st('bul.hash'),
                        span: 3,
                        children: (
                          <Typography.Text copyable={{ text: bulletin.contentHash }} className="gh-sv-hash" data-testid="bulletin-hash">
                            {bulletin.contentHash}
                          </Typography.Text>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </>
        )}
      </Card>
      {content && (
        <>
          <Card className="gh-card gh-sv-commentary" title={st('bul.commentary')} size="small">
            {content.commentary.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a fixed text, never reordered; lines may repeat
              <p key={i}>{p}</p>
            ))}
          </Card>
          {content.indicators.map((ind) => (
            <IndicatorTable
              key={ind.key}
              ind={ind}
              unit={content.unit}
              canDrill={bulletin?.fromAbove ? (unitId) => unitId === me.unit.id : undefined}
              onDrill={(unitId, name) => setDrill({ indicator: ind.key, unitId, unitName: name, asOf: content.period })}
            />
          ))}
        </>
      )}
      <RecordsDrawer drill={drill} onClose={() => setDrill(null)} />
      <Modal
        open={correcting}
        title={st('bul.correct')}
        okText={st('bul.correct')}
        onOk={() => void correct().catch(() => undefined)}
        onCancel={() => setCorrecting(false)}
        confirmLoading={busy === 'correct'}
        mask={{ closable: false }}
        forceRender
      >
        <Typography.Paragraph type="secondary">{st('bul.correctHelp')}</Typography.Paragraph>
        <Form form={reasonForm} name="snapshot-correction" layout="vertical">
          <Form.Item
            label={st('bul.correctReason')}
            name="reason"
            rules={[
              { required: true, whitespace: true, message: st('bul.correctReasonRule') },
              { min: 2, max: 200, message: st('bul.correctReasonRule') },
            ]}
          >
            <Input.TextArea rows={3} maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
