/** 名册导入: templates, upload (only the correct rows, or all or nothing), progress, the result with the marked workbook, and recent jobs. */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Progress, Radio, Row, Space, Statistic, Table, Tag, Typography, Upload, type TableProps, type UploadFile } from 'antd';
import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { formatDateTime } from '../../lib/time.ts';
import { useSearchParams } from 'react-router';
import { api, errorMessage, downloadFile, uploadFile } from '../../lib/api.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { useScope } from '../../lib/scope.tsx';
import { useMt } from './i18n.ts';
import { BASE, type ImportJob, type ImportKind, type ImportMode } from './shared.ts';
import { ActionLink } from '../../components/ActionLink.tsx';
import { ParamLink } from '../../components/ParamLink.tsx';

const KINDS: ImportKind[] = ['members', 'enterprises', 'unions'];
const RUNNING = new Set(['queued', 'validating', 'importing']);
const STATUS_COLOR: Record<string, string> = { queued: 'default', validating: 'processing', importing: 'processing', done: 'success', failed: 'error' };

export default function ImportsPage() {
  const { t } = useI18n();
  const { mt, ml } = useMt();
  const { message } = App.useApp();
  const { unit } = useScope();
  const scopeId = unit!.id;
  const [params, setParams] = useSearchParams();
  const [kind, setKind] = useState<ImportKind>('members');
  const [mode, setMode] = useState<ImportMode>('valid_only');
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [uploading, setUploading] = useState(false);
  const [job, setJob] = useState<ImportJob | null>(null);
  const [jobs, setJobs] = useState<ImportJob[] | null>(null);
  const [jobsVersion, setJobsVersion] = useState(0);
  /** Bumped to follow the chosen job again (after it is resumed). */
  const [following, setFollowing] = useState(0);
  const jobId = params.get('job');

  const setJobId = useCallback(
    (id: string | number | null) =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        if (id === null) next.delete('job');
        else next.set('job', String(id));
        return next;
      }),
    [setParams],
  );

  useEffect(() => {
    let live = true;
    api
      .get<{ items: ImportJob[] }>(`${BASE}/imports`)
      .then((r) => live && setJobs(r.items))
      .catch(() => live && setJobs([]));
    return () => {
      live = false;
    };
  }, [jobsVersion]);

  // Follow the chosen job: every second while it runs.
  useEffect(() => {
    if (!jobId) {
      setJob(null);
      return;
    }
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const j = await api.get<ImportJob>(`${BASE}/imports/${encodeURIComponent(jobId)}`);
        if (!live) return;
        setJob(j);
        if (RUNNING.has(j.status)) timer = setTimeout(() => void poll(), 1000);
        else setJobsVersion((n) => n + 1);
      } catch (e) {
        if (live) message.error(errorMessage(e));
      }
    };
    void poll();
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [jobId, message, following]);

  const template = async (k: ImportKind) => {
    try {
      await downloadFile(`${BASE}/imports/templates/${k}`, undefined, `${ml('imp.kind', k)}导入模板.xlsx`);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const marked = async (j: ImportJob) => {
    try {
      await downloadFile(`${BASE}/imports/${j.id}/report.xlsx`, undefined, `${j.fileName.replace(/\.(xlsx|csv)$/i, '')}-标注.xlsx`);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  /** Runs an interrupted job again from its kept file; the rows it had written come out unchanged. */
  const resume = async (j: ImportJob) => {
    try {
      await api.post(`${BASE}/imports/${encodeURIComponent(String(j.id))}/resume`, {});
      setJob({ ...j, status: 'queued', error: null, resumable: false });
      setJobId(j.id);
      setFollowing((n) => n + 1);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const start = async () => {
    const f = files[0]?.originFileObj;
    if (!f) {
      message.warning(mt('imp.needFile'));
      return;
    }
    setUploading(true);
    try {
      const r = await uploadFile<{ jobId: string | number }>(`${BASE}/imports`, f, { query: { kind, mode, unitId: scopeId } });
      setFiles([]);
      setJobId(r.jobId);
      setJobsVersion((n) => n + 1);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setUploading(false);
    }
  };

  const running = job !== null && RUNNING.has(job.status);
  const pct = job && job.total > 0 ? Math.min(100, Math.floor((job.processed / job.total) * 100)) : job?.status === 'done' ? 100 : 0;

  const columns: TableProps<ImportJob>['columns'] = [
    { title: mt('imp.fileName'), dataIndex: 'fileName', ellipsis: true },
    { title: mt('imp.kind'), dataIndex: 'kind', width: 100, render: (v: string) => ml('imp.kind', v) },
    { title: mt('imp.mode'), dataIndex: 'mode', width: 150, render: (v: string) => ml('imp.mode', v) },
    { title: t('common.status'), dataIndex: 'status', width: 90, render: (v: string) => <Tag color={STATUS_COLOR[v]}>{ml('imp.status', v)}</Tag> },
    {
      title: `${mt('imp.imported')} / ${mt('imp.invalid')} / ${mt('imp.rows')}`,
      key: 'counts',
      width: 160,
      render: (_v, j) => (j.counts ? `${j.counts.imported} / ${j.counts.invalid} / ${j.counts.rows}` : '—'),
    },
    { title: mt('imp.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 200,
      render: (_v, j) => (
        <Space size={12}>
          <ParamLink name="job" value={j.id}>
            {mt('imp.view')}
          </ParamLink>
          {j.status === 'done' && <ActionLink onClick={() => void marked(j)}>{mt('imp.marked')}</ActionLink>}
        </Space>
      ),
    },
  ];

  return (
    <div className="gh-page">
      <Card
        className="gh-card"
        title={
          <Space>
            {mt('imp.title')}
            <Tag color="red">{mt('under', { name: unit!.name })}</Tag>
          </Space>
        }
      >
        <Row gutter={24}>
          <Col xs={24} lg={12}>
            <Descriptions
              column={1}
              size="small"
              items={[
                {
                  key: 'kind',
                  label: mt('imp.kind'),
                  children: (
                    <Radio.Group
                      aria-label={mt('imp.kind')}
                      optionType="button"
                      buttonStyle="solid"
                      value={kind}
                      onChange={(e) => setKind(e.target.value as ImportKind)}
                      options={KINDS.map((k) => ({ value: k, label: ml('imp.kind', k) }))}
                    />
                  ),
                },
                {
                  key: 'mode',
                  label: mt('imp.mode'),
                  children: (
                    <Radio.Group
                      aria-label={mt('imp.mode')}
                      value={mode}
                      onChange={(e) => setMode(e.target.value as ImportMode)}
                      options={(['valid_only', 'all_or_nothing'] as const).map((m) => ({ value: m, label: ml('imp.mode', m) }))}
                    />
                  ),
                },
                { key: 'unit', label: mt('imp.unit'), children: unit!.name },
              ]}
            />
            <div style={{ marginTop: 8 }}>
              <Upload.Dragger
                accept=".xlsx,.csv"
                maxCount={1}
                fileList={files}
                beforeUpload={(f) => {
                  if (!/\.(xlsx|csv)$/i.test(f.name)) {
                    message.error(mt('imp.badType'));
                    return Upload.LIST_IGNORE;
                  }
                  return false;
                }}
                onChange={({ fileList }) => setFiles(fileList.slice(-1))}
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p className="ant-upload-text">{mt('imp.drop')}</p>
                <p className="ant-upload-hint">{mt('imp.dropHint')}</p>
              </Upload.Dragger>
            </div>
            <Button type="primary" icon={<UploadOutlined />} style={{ marginTop: 12 }} loading={uploading} disabled={running} onClick={() => void start()}>
              {mt('imp.start')}
            </Button>
          </Col>
          <Col xs={24} lg={12}>
            <Typography.Paragraph type="secondary">{mt('imp.templateHint')}</Typography.Paragraph>
            <Space wrap>
              {KINDS.map((k) => (
                <Button key={k} icon={<DownloadOutlined />} type={k === kind ? 'primary' : 'default'} ghost={k === kind} onClick={() => void template(k)}>
                  {mt('imp.template', { kind: ml('imp.kind', k) })}
                </Button>
              ))}
            </Space>
          </Col>
        </Row>
      </Card>

      {job && (
        <Card
          className="gh-card"
          title={
            <Space>
              {mt('imp.job')}
              <Typography.Text type="secondary">{job.fileName}</Typography.Text>
              <Tag color={STATUS_COLOR[job.status]}>{ml('imp.status', job.status)}</Tag>
            </Space>
          }
          aria-label={mt('imp.job')}
          role="region"
        >
          <Progress
            percent={pct}
            status={job.status === 'failed' ? 'exception' : job.status === 'done' ? 'success' : 'active'}
            aria-label={mt('imp.progress')}
            format={() => `${job.processed} / ${job.total}`}
          />
          {job.error && (
            <Alert
              type={job.resumable ? 'warning' : 'error'}
              showIcon
              title={job.error.message}
              style={{ marginTop: 12 }}
              action={
                job.resumable ? (
                  <Button type="primary" size="small" onClick={() => void resume(job)}>
                    {mt('imp.resume')}
                  </Button>
                ) : undefined
              }
            />
          )}
          {job.status === 'done' && job.counts && (
            <>
              {job.mode === 'all_or_nothing' && job.counts.invalid > 0 && <Alert type="warning" showIcon title={mt('imp.nothingImported')} style={{ marginTop: 12 }} />}
              <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
                {(['rows', 'valid', 'invalid', 'imported', 'unchanged'] as const).map((k) => {
                  const n = job.counts?.[k] ?? 0;
                  return (
                    <Col key={k} xs={12} md={4}>
                      <Card size="small" className="gh-stat" aria-label={`${mt(`imp.${k}`)} ${n}`} role="group">
                        <Statistic title={mt(`imp.${k}`)} value={n} styles={k === 'invalid' && n > 0 ? { content: { color: '#d4380d' } } : undefined} />
                      </Card>
                    </Col>
                  );
                })}
              </Row>
              <Space style={{ marginTop: 16 }} wrap>
                <Button icon={<DownloadOutlined />} onClick={() => void marked(job)}>
                  {mt('imp.marked')}
                </Button>
                <Typography.Text type="secondary" className="gh-small">
                  {mt('imp.markedHint')}
                </Typography.Text>
              </Space>
            </>
          )}
        </Card>
      )}

      <Card className="gh-card" title={mt('imp.recent')}>
        {jobs !== null && jobs.length === 0 ? (
          <Empty />
        ) : (
          <Table<ImportJob> rowKey="id" size="middle" columns={columns} dataSource={jobs ?? []} loading={jobs === null} pagination={{ pageSize: 10, hideOnSinglePage: true }} />
        )}
      </Card>
    </div>
  );
}
