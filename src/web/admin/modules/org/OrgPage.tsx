/** 组织机构: the tree on any date, the filtered list, details with history, and the write actions. */
import { useEffect, useMemo, useState } from 'react';
import { Button, Card, Col, DatePicker, Empty, Row, Select, Space, Spin, Switch, Table, Tag, Tree, Typography, type TableProps, type TreeDataNode } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { formatDateTime, inShanghai, today, nowMs } from '../../lib/time.ts';
import { api, type PageOf, type TreeNode, type Unit, type UnitKind, type UnitStatus } from '../../lib/api.ts';
import { useAuth } from '../../lib/auth.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import { usePaging } from '../../lib/paging.ts';
import { useExport, useRemote } from '../../lib/remote.ts';
import { KeywordSearch } from '../../components/KeywordSearch.tsx';
import { useScope } from '../../lib/scope.tsx';
import { CHILD_KINDS, downloadCsv, kindsBelow, KINDS } from '../../lib/org.ts';
import { StatusTag, UnitDrawer } from './UnitDrawer.tsx';
import { OrgActionModal, type OrgAction } from './UnitForms.tsx';
import { ActionLink } from '../../components/ActionLink.tsx';

function toTreeData(n: TreeNode, closedLabel: string): TreeDataNode {
  return {
    key: n.id,
    title: (
      <span className={n.status === 'closed' ? 'gh-closed' : undefined}>
        {n.name}
        {n.status === 'closed' && <Tag className="gh-tree-tag">{closedLabel}</Tag>}
      </span>
    ),
    children: n.children.map((c) => toTreeData(c, closedLabel)),
  };
}

function findNode(n: TreeNode | null, id: number): TreeNode | null {
  if (!n) return null;
  if (n.id === id) return n;
  for (const c of n.children) {
    const f = findNode(c, id);
    if (f) return f;
  }
  return null;
}

export default function OrgPage() {
  const { t, label } = useI18n();
  const { can } = useAuth();
  const { unit: scopeUnit, reload: reloadScope } = useScope();
  const scopeId = scopeUnit!.id;

  // Tree
  const [asOf, setAsOf] = useState<Dayjs>(() => today());
  const [includeClosed, setIncludeClosed] = useState(false);
  const [expanded, setExpanded] = useState<React.Key[]>([]);
  const [focus, setFocus] = useState<{ id: number; name: string } | null>(null);

  // Table
  const [kind, setKind] = useState<UnitKind | undefined>();
  const [status, setStatus] = useState<UnitStatus | undefined>();
  const [q, setQ] = useState('');
  const [qInput, setQInput] = useState('');
  const { page, pageSize, setPage, pagination } = usePaging();
  const { exporting, run } = useExport();

  const [drawerId, setDrawerId] = useState<number | null>(null);
  const [action, setAction] = useState<OrgAction | null>(null);

  useEffect(() => {
    setFocus(null);
    setPage(1);
  }, [scopeId]);

  const treeRemote = useRemote<{ asOf: string; root: TreeNode | null }>('/api/v1/org/tree', { rootId: scopeId, asOf: asOf.format('YYYY-MM-DD'), includeClosed });
  const tree = treeRemote.data?.root ?? null;
  const treeLoading = treeRemote.loading;
  useEffect(() => {
    if (tree) setExpanded((prev) => (prev.length ? prev : [tree.id, ...tree.children.slice(0, 1).map((c) => c.id)]));
  }, [tree]);

  const underId = focus?.id ?? scopeId;
  const filter = useMemo(() => ({ underUnitId: underId, kind, status, q: q.trim() || undefined }), [underId, kind, status, q]);

  const { data, loading, version, reload } = useRemote<PageOf<Unit>>('/api/v1/org/units', { ...filter, page, pageSize }, { initial: { items: [], total: 0 } });

  const treeData = useMemo(() => (tree ? [toTreeData(tree, t('status.closed'))] : []), [tree, t]);

  const exportCsv = () =>
    run(async () => {
      const all: Unit[] = [];
      for (let p = 1; ; p++) {
        const r = await api.get<PageOf<Unit>>('/api/v1/org/units', { ...filter, page: p, pageSize: 500 });
        all.push(...r.items);
        if (all.length >= r.total || r.items.length === 0) break;
      }
      downloadCsv(
        `units-${inShanghai().format('YYYYMMDD')}.csv`,
        [t('org.name'), t('org.code'), t('org.kind'), t('org.status'), t('org.openedOn'), t('org.closedOn')],
        all.map((u) => [u.name, u.code, label('kind', u.kind), label('status', u.status), u.openedOn, u.closedOn]),
      );
    });

  const columns: TableProps<Unit>['columns'] = [
    {
      title: t('org.name'),
      dataIndex: 'name',
      render: (v: string, u) => (
        <ActionLink onClick={() => setDrawerId(u.id)} style={{ paddingInlineStart: Math.min(4, Math.max(0, u.depth - (scopeUnit?.depth ?? 0))) * 10 }}>
          {v}
        </ActionLink>
      ),
    },
    { title: t('org.code'), dataIndex: 'code', width: 130, render: (v: string | null) => v ?? '—' },
    { title: t('org.kind'), dataIndex: 'kind', width: 165, render: (v: string) => label('kind', v) },
    { title: t('org.status'), dataIndex: 'status', width: 80, render: (v: string) => <StatusTag status={v} /> },
    { title: t('org.openedOn'), dataIndex: 'openedOn', width: 110 },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 70,
      className: 'gh-no-print',
      render: (_v, u) => <ActionLink onClick={() => setDrawerId(u.id)}>{t('common.detail')}</ActionLink>,
    },
  ];

  const kindOptions = (scopeUnit ? [scopeUnit.kind, ...kindsBelow(scopeUnit.kind)] : KINDS).map((k) => ({ value: k, label: label('kind', k) }));

  const createParent = (() => {
    const id = focus?.id ?? scopeId;
    const node = findNode(tree, id);
    const k = node?.kind ?? scopeUnit!.kind;
    const name = node?.name ?? focus?.name ?? scopeUnit!.name;
    return CHILD_KINDS[k].length > 0 ? { id, name, kind: k } : null;
  })();

  const afterChange = () => {
    setAction(null);
    reload();
    treeRemote.reload();
    reloadScope();
  };

  return (
    <div className="gh-page">
      <Row gutter={16} wrap={false} className="gh-org">
        <Col flex="320px" className="gh-org-tree">
          <Card
            title={t('org.tree')}
            size="small"
            className="gh-card"
            extra={
              <Space size={4}>
                <Switch size="small" checked={includeClosed} onChange={setIncludeClosed} aria-label={t('org.showClosed')} />
                <span className="gh-small">{t('org.showClosed')}</span>
              </Space>
            }
          >
            <Space style={{ marginBottom: 8 }}>
              <label htmlFor="gh-asof" className="gh-small">
                {t('org.asOf')}
              </label>
              <DatePicker id="gh-asof" value={asOf} allowClear={false} format="YYYY-MM-DD" onChange={(d) => d && setAsOf(d)} disabledDate={(d) => d.isAfter(today(), 'day')} />
            </Space>
            <Spin spinning={treeLoading}>
              {tree ? (
                <Tree
                  aria-label={t('org.tree')}
                  treeData={treeData}
                  expandedKeys={expanded}
                  onExpand={(keys) => setExpanded(keys)}
                  selectedKeys={focus ? [focus.id] : []}
                  onSelect={(keys) => {
                    const id = keys[0];
                    if (id === undefined) {
                      setFocus(null);
                    } else {
                      const node = findNode(tree, Number(id));
                      setFocus(node && node.id !== scopeId ? { id: node.id, name: node.name } : null);
                    }
                    setPage(1);
                  }}
                  height={560}
                  blockNode
                  showLine
                />
              ) : (
                !treeLoading && <Empty description={t('org.emptyTree')} />
              )}
            </Spin>
          </Card>
        </Col>
        <Col flex="auto" style={{ minWidth: 0 }}>
          <Card
            className="gh-card"
            title={
              <Space>
                {t('org.list')}
                <Tag color="red">{t('org.under', { name: focus?.name ?? scopeUnit!.name })}</Tag>
                {focus && (
                  <ActionLink onClick={() => setFocus(null)} className="gh-small">
                    {t('common.reset')}
                  </ActionLink>
                )}
              </Space>
            }
            extra={
              <Space className="gh-no-print">
                <Button icon={<DownloadOutlined />} onClick={() => void exportCsv()} loading={exporting}>
                  {t('common.export')}
                </Button>
                {can('org.write') && createParent && (
                  <Button type="primary" icon={<PlusOutlined />} onClick={() => setAction({ kind: 'create', parent: createParent })}>
                    {t('org.create')}
                  </Button>
                )}
              </Space>
            }
          >
            <Space wrap style={{ marginBottom: 12 }} className="gh-no-print">
              <Select
                aria-label={t('org.kind')}
                placeholder={t('org.kind')}
                allowClear
                style={{ width: 200 }}
                value={kind}
                onChange={(v) => {
                  setKind(v);
                  setPage(1);
                }}
                options={kindOptions}
              />
              <Select
                aria-label={t('org.status')}
                placeholder={t('org.status')}
                allowClear
                style={{ width: 120 }}
                value={status}
                onChange={(v) => {
                  setStatus(v);
                  setPage(1);
                }}
                options={[
                  { value: 'active', label: t('status.active') },
                  { value: 'closed', label: t('status.closed') },
                ]}
              />
              <KeywordSearch
                placeholder={t('org.searchPlaceholder')}
                width={240}
                value={qInput}
                onChange={setQInput}
                onSearch={(v) => {
                  setQ(v);
                  setPage(1);
                }}
              />
            </Space>
            <Table<Unit> rowKey="id" size="middle" columns={columns} dataSource={data.items} loading={loading} pagination={pagination(data.total)} />
            <Typography.Text type="secondary" className="gh-small gh-print-only">
              {formatDateTime(nowMs())}
            </Typography.Text>
          </Card>
        </Col>
      </Row>
      <UnitDrawer unitId={drawerId} version={version} onClose={() => setDrawerId(null)} onAction={setAction} />
      <OrgActionModal action={action} onClose={() => setAction(null)} onDone={afterChange} />
    </div>
  );
}
