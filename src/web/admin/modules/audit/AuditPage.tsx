/** 审计日志: the trail, newest first, filtered; "load more" pages with beforeSeq; a drawer shows before/after. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Button, Card, DatePicker, Descriptions, Drawer, Input, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { inShanghai, shanghaiDays, today } from '../../lib/time.ts';
import { api, errorMessage, type AuditEntry } from '../../lib/api.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { AUDIT_ACTIONS, AUDIT_ENTITIES } from '../../lib/org.ts';
import { ActionLink } from '../../components/ActionLink.tsx';

const PAGE = 50;

interface Filters {
  entity?: string | undefined;
  action?: string | undefined;
  actor?: string | undefined;
  range?: [Dayjs, Dayjs] | null | undefined;
}

type Label = (prefix: string, value: string) => string;

/** A field's value as a reader would say it: labels for codes, 是/否 for flags, local time for instants. */
function show(key: string, v: unknown, label: Label): string {
  if (v === undefined) return '';
  if (v === null) return '—';
  if (typeof v === 'boolean') return label('common', v ? 'yes' : 'no');
  if (typeof v === 'object') return JSON.stringify(v);
  const s = String(v);
  if (key === 'role') return label('role', s);
  if (key === 'kind') return label('kind', s);
  if (key === 'status') return label('status', s);
  if (/At$/.test(key) && /^\d{4}-\d{2}-\d{2}T/.test(s)) return inShanghai(s).format('YYYY-MM-DD HH:mm:ss');
  return s;
}

function DiffTable({ before, after }: { before: unknown; after: unknown }) {
  const { t, label } = useI18n();
  const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  if (keys.length === 0) return <Typography.Text type="secondary">{t('audit.noChange')}</Typography.Text>;
  const rows = keys.map((k) => ({ key: k, before: b[k], after: a[k], changed: JSON.stringify(b[k]) !== JSON.stringify(a[k]) }));
  rows.sort((x, y) => Number(y.changed) - Number(x.changed));
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="key"
      dataSource={rows}
      rowClassName={(r) => (r.changed && before && after ? 'gh-diff-changed' : '')}
      columns={[
        { title: t('audit.field'), dataIndex: 'key', width: 150, render: (k: string) => label('field', k) },
        { title: t('audit.before'), dataIndex: 'before', render: (v: unknown, r) => <span className={r.changed && before ? 'gh-diff-old' : undefined}>{show(r.key, v, label)}</span> },
        { title: t('audit.after'), dataIndex: 'after', render: (v: unknown, r) => <span className={r.changed && after ? 'gh-diff-new' : undefined}>{show(r.key, v, label)}</span> },
      ]}
    />
  );
}

export default function AuditPage() {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [draft, setDraft] = useState<Filters>({});
  const [filters, setFilters] = useState<Filters>({});
  const [items, setItems] = useState<AuditEntry[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(false);
  const [detail, setDetail] = useState<AuditEntry | null>(null);

  const query = useMemo(
    () => ({
      entity: filters.entity,
      action: filters.action,
      actor: filters.actor?.trim() || undefined,
      ...(filters.range ? shanghaiDays(filters.range[0], filters.range[1]) : {}),
      limit: PAGE,
    }),
    [filters],
  );

  const load = useCallback(
    async (beforeSeq?: number) => {
      setLoading(true);
      try {
        const r = await api.get<{ items: AuditEntry[]; total: number }>('/api/v1/audit', { ...query, beforeSeq });
        setItems((prev) => (beforeSeq ? [...prev, ...r.items] : r.items));
        setTotal(r.total);
      } catch (e) {
        message.error(errorMessage(e));
      } finally {
        setLoading(false);
      }
    },
    [query, message],
  );

  useEffect(() => {
    void load();
  }, [load]);

  const last = items[items.length - 1];
  const more = items.length < total && last !== undefined;

  const columns: TableProps<AuditEntry>['columns'] = [
    { title: t('audit.seq'), dataIndex: 'seq', width: 80 },
    { title: t('audit.at'), dataIndex: 'at', width: 170, render: (v: string) => inShanghai(v).format('YYYY-MM-DD HH:mm:ss') },
    { title: t('audit.actor'), dataIndex: 'actorName', width: 160 },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 120,
      render: (v: string) => <Tag color={v === 'login_failed' ? 'orange' : v === 'close' || v === 'disable' ? 'red' : 'blue'}>{label('action', v)}</Tag>,
    },
    { title: t('audit.entity'), dataIndex: 'entity', width: 90, render: (v: string) => label('entity', v) },
    { title: t('audit.entityId'), dataIndex: 'entityId', width: 100, render: (v: string | null) => v ?? '—' },
    { title: t('audit.reason'), dataIndex: 'reason', ellipsis: true, render: (v: string | null) => v ?? '' },
    { title: t('common.actions'), key: 'a', width: 80, className: 'gh-no-print', render: (_v, r) => <ActionLink onClick={() => setDetail(r)}>{t('common.detail')}</ActionLink> },
  ];

  return (
    <div className="gh-page">
      <Card className="gh-card" title={t('audit.title')}>
        <Space wrap style={{ marginBottom: 12 }} className="gh-no-print">
          <Select
            aria-label={t('audit.entity')}
            placeholder={t('audit.entity')}
            allowClear
            style={{ width: 130 }}
            value={draft.entity}
            onChange={(v) => setDraft((d) => ({ ...d, entity: v }))}
            options={AUDIT_ENTITIES.map((e) => ({ value: e, label: label('entity', e) }))}
          />
          <Select
            aria-label={t('audit.action')}
            placeholder={t('audit.action')}
            allowClear
            style={{ width: 150 }}
            value={draft.action}
            onChange={(v) => setDraft((d) => ({ ...d, action: v }))}
            options={AUDIT_ACTIONS.map((a) => ({ value: a, label: label('action', a) }))}
          />
          <Input
            aria-label={t('audit.actor')}
            placeholder={t('audit.actor')}
            allowClear
            style={{ width: 170 }}
            value={draft.actor}
            onChange={(e) => setDraft((d) => ({ ...d, actor: e.target.value }))}
          />
          <DatePicker.RangePicker
            aria-label={t('audit.range')}
            value={draft.range ?? null}
            onChange={(r) => setDraft((d) => ({ ...d, range: r?.[0] && r[1] ? [r[0], r[1]] : null }))}
            disabledDate={(d) => d.isAfter(today(), 'day')}
          />
          <Button type="primary" onClick={() => setFilters({ ...draft })}>
            {t('common.search')}
          </Button>
          <Button
            onClick={() => {
              setDraft({});
              setFilters({});
            }}
          >
            {t('common.reset')}
          </Button>
        </Space>
        <Table<AuditEntry> rowKey="seq" size="middle" columns={columns} dataSource={items} loading={loading} pagination={false} />
        <div className="gh-load-more">
          <Typography.Text type="secondary">{t('audit.shown', { n: items.length, total })}</Typography.Text>
          {more ? (
            <Button onClick={() => void load(last.seq)} loading={loading}>
              {t('audit.loadMore')}
            </Button>
          ) : (
            items.length > 0 && <Typography.Text type="secondary">{t('audit.noMore')}</Typography.Text>
          )}
        </div>
      </Card>
      <Drawer open={detail !== null} onClose={() => setDetail(null)} title={t('audit.detail')} size={640}>
        {detail && (
          <>
            <Descriptions
              bordered
              size="small"
              column={1}
              items={[
                { key: 'seq', label: t('audit.seq'), children: detail.seq },
                { key: 'at', label: t('audit.at'), children: inShanghai(detail.at).format('YYYY-MM-DD HH:mm:ss') },
                { key: 'actor', label: t('audit.actor'), children: detail.actorName },
                { key: 'action', label: t('audit.action'), children: label('action', detail.action) },
                { key: 'entity', label: t('audit.entity'), children: `${label('entity', detail.entity)} ${detail.entityId ?? ''}` },
                ...(detail.reason ? [{ key: 'reason', label: t('audit.reason'), children: detail.reason }] : []),
                {
                  key: 'hash',
                  label: t('audit.hash'),
                  children: (
                    <Typography.Text code className="gh-hash">
                      {detail.hash}
                    </Typography.Text>
                  ),
                },
              ]}
            />
            <div style={{ marginTop: 16 }}>
              <DiffTable before={detail.before} after={detail.after} />
            </div>
          </>
        )}
      </Drawer>
    </div>
  );
}
