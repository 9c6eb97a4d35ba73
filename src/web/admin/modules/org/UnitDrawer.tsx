/** A unit's details, its dated history (沿革), and the write actions. */
import { useEffect, useState } from 'react';
import { Breadcrumb, Button, Descriptions, Drawer, Empty, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { api, errorMessage, type HistoryItem, type UnitDetail } from '../../lib/api.ts';
import { useAuth } from '../../lib/auth.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import { CHILD_KINDS } from '../../lib/org.ts';
import type { OrgAction } from './UnitForms.tsx';

export function StatusTag({ status }: { status: string }) {
  const { label } = useI18n();
  return <Tag color={status === 'active' ? 'green' : 'default'}>{label('status', status)}</Tag>;
}

export function UnitDrawer({ unitId, version, onClose, onAction }: { unitId: number | null; version: number; onClose: () => void; onAction: (a: OrgAction) => void }) {
  const { t, label } = useI18n();
  const { can } = useAuth();
  const [unit, setUnit] = useState<UnitDetail | null>(null);
  const [history, setHistory] = useState<HistoryItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (unitId === null) return;
    let live = true;
    setError(null);
    Promise.all([api.get<UnitDetail>(`/api/v1/org/units/${unitId}`), api.get<{ items: HistoryItem[] }>(`/api/v1/org/units/${unitId}/history`)])
      .then(([u, h]) => {
        if (!live) return;
        setUnit(u);
        setHistory(h.items);
      })
      .catch((e) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [unitId, version]);

  useEffect(() => {
    if (unitId === null) {
      setUnit(null);
      setHistory(null);
    }
  }, [unitId]);

  const writable = can('org.write') && unit !== null;
  const changeLabel = (c: string) =>
    c
      .split(',')
      .map((x) => label('change', x))
      .join('、');

  return (
    <Drawer open={unitId !== null} onClose={onClose} title={unit ? unit.name : t('org.detail')} size={560} destroyOnHidden>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      {!unit && !error && <Skeleton active />}
      {unit && (
        <>
          <Breadcrumb items={[...unit.ancestors.map((a) => ({ title: a.name })), { title: unit.name }]} style={{ marginBottom: 12 }} />
          {writable && (
            <Space wrap style={{ marginBottom: 16 }} className="gh-no-print">
              {unit.status === 'active' && CHILD_KINDS[unit.kind].length > 0 && (
                <Button type="primary" onClick={() => onAction({ kind: 'create', parent: { id: unit.id, name: unit.name, kind: unit.kind } })}>
                  {t('org.create')}
                </Button>
              )}
              {unit.status === 'active' && <Button onClick={() => onAction({ kind: 'rename', unit })}>{t('org.rename')}</Button>}
              {unit.status === 'active' && unit.parentId !== null && <Button onClick={() => onAction({ kind: 'move', unit })}>{t('org.move')}</Button>}
              {unit.status === 'active' && unit.parentId !== null && (
                <Button danger onClick={() => onAction({ kind: 'close', unit })}>
                  {t('org.close')}
                </Button>
              )}
              {unit.status === 'closed' && <Button onClick={() => onAction({ kind: 'reopen', unit })}>{t('org.reopen')}</Button>}
            </Space>
          )}
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              { key: 'name', label: t('org.name'), children: unit.name },
              { key: 'code', label: t('org.code'), children: unit.code ?? '—' },
              { key: 'kind', label: t('org.kind'), children: label('kind', unit.kind) },
              { key: 'status', label: t('org.status'), children: <StatusTag status={unit.status} /> },
              { key: 'opened', label: t('org.openedOn'), children: unit.openedOn },
              ...(unit.closedOn ? [{ key: 'closed', label: t('org.closedOn'), children: unit.closedOn }] : []),
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('org.history')}
          </Typography.Title>
          {history && history.length === 0 && <Empty />}
          {history && history.length > 0 && (
            <Timeline
              aria-label={t('org.history')}
              items={[...history].reverse().map((h, i) => ({
                key: `${h.validFrom}-${i}`,
                color: h.status === 'closed' ? 'gray' : i === 0 ? 'red' : 'blue',
                title: `${h.validFrom} ${t('org.validTo')} ${h.validTo ?? t('org.now')}`,
                content: (
                  <div>
                    <Space size={6}>
                      <Tag>{changeLabel(h.change)}</Tag>
                      <Typography.Text strong>{h.name}</Typography.Text>
                      {h.status === 'closed' && <StatusTag status="closed" />}
                    </Space>
                    {h.note && (
                      <div className="gh-muted">{h.change.includes('renamed') ? t('org.formerName', { v: h.note }) : h.change.includes('moved') ? t('org.formerParent', { v: h.note }) : h.note}</div>
                    )}
                  </div>
                ),
              }))}
            />
          )}
        </>
      )}
    </Drawer>
  );
}
