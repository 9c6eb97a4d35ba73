import { useEffect, useMemo, useState } from 'react';
import { Breadcrumb, Card, Col, Descriptions, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import { ApartmentOutlined, AuditOutlined, BellOutlined, FileTextOutlined, FundProjectionScreenOutlined, KeyOutlined, TeamOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { api, type PageOf, type Unit, type UnitKind } from '../../lib/api.ts';
import { useAuth, useMe } from '../../lib/auth.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import { useScope, useUnitQuery } from '../../lib/scope.tsx';
import { kindsBelow } from '../../lib/org.ts';
import { BarChart } from '../../components/BarChart.tsx';
import { HomeGauges } from '../supervision/HomeGauges.tsx';
import { supervisionMenu } from '../supervision/menu.tsx';
import { ParamLink } from '../../components/ParamLink.tsx';

export default function HomePage() {
  const me = useMe();
  const { can } = useAuth();
  const { t, label, lang } = useI18n();
  const { unit } = useScope();
  const unitQuery = useUnitQuery();
  const [counts, setCounts] = useState<Partial<Record<UnitKind, number>> | null>(null);

  const kinds = useMemo(() => (unit ? kindsBelow(unit.kind) : []), [unit]);

  useEffect(() => {
    if (!unit || !can('org.read')) return;
    let live = true;
    setCounts(null);
    Promise.all(kinds.map((k) => api.get<PageOf<Unit>>('/api/v1/org/units', { underUnitId: unit.id, kind: k, status: 'active', pageSize: 1 }).then((r) => [k, r.total] as const)))
      .then((pairs) => live && setCounts(Object.fromEntries(pairs)))
      .catch(() => live && setCounts({}));
    return () => {
      live = false;
    };
  }, [unit, kinds, can]);

  if (!unit) return <Skeleton active />;

  const crumbs = [
    ...unit.ancestors.map((a) => ({
      title: (
        <ParamLink name="unit" value={a.id === me.unit.id ? null : a.id}>
          {a.name}
        </ParamLink>
      ),
    })),
    { title: unit.name },
  ];
  const labels = kinds.map((k) => label('kind', k));
  const values = kinds.map((k) => counts?.[k] ?? 0);

  const svLabel = (path: string) => {
    const l = supervisionMenu.children?.find((c) => c.path === path)?.label;
    return l && typeof l === 'object' ? l[lang] : path;
  };
  const links = [
    { to: '/org', icon: <ApartmentOutlined />, text: t('menu.org'), ok: can('org.read') },
    { to: '/users', icon: <TeamOutlined />, text: t('menu.users'), ok: can('users.read') },
    { to: '/audit', icon: <AuditOutlined />, text: t('menu.audit'), ok: can('audit.read') },
    { to: '/supervision/dashboard', icon: <FundProjectionScreenOutlined />, text: svLabel('/supervision/dashboard'), ok: can('supervision.read') },
    { to: '/supervision/bulletins', icon: <FileTextOutlined />, text: svLabel('/supervision/bulletins'), ok: can('supervision.read') },
    { to: '/supervision/notifications', icon: <BellOutlined />, text: svLabel('/supervision/notifications'), ok: can('supervision.read') && can('notifications.read') },
    { to: '/password', icon: <KeyOutlined />, text: t('header.changePassword'), ok: true, noUnit: true },
  ].filter((l) => l.ok);

  return (
    <div className="gh-page">
      <Breadcrumb items={crumbs} className="gh-breadcrumb" />
      <Card className="gh-hero" variant="borderless">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {unit.name} {unit.status === 'closed' && <Tag color="default">{t('status.closed')}</Tag>}
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {t('home.welcome', { name: me.user.displayName })}。{t('home.scope')}
        </Typography.Paragraph>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 3 }}
          items={[
            { key: 'kind', label: t('home.kind'), children: label('kind', unit.kind) },
            { key: 'code', label: t('home.code'), children: unit.code ?? '—' },
            { key: 'opened', label: t('home.openedOn'), children: unit.openedOn || '—' },
          ]}
        />
      </Card>

      {can('supervision.read') && <HomeGauges unitId={unit.id} unitName={unit.name} />}

      {kinds.length > 0 && can('org.read') && (
        <Card title={t('home.unitsBelow')} className="gh-card">
          <Row gutter={[16, 16]}>
            {kinds.map((k) => (
              <Col key={k} xs={12} md={Math.max(6, Math.floor(24 / kinds.length))}>
                <Card size="small" className="gh-stat">
                  <Statistic title={label('kind', k)} value={counts?.[k] ?? 0} loading={counts === null} />
                </Card>
              </Col>
            ))}
          </Row>
          {counts !== null && <BarChart labels={labels} values={values} ariaLabel={t('home.chart')} />}
        </Card>
      )}

      <Card title={t('home.quick')} className="gh-card">
        <Row gutter={[16, 16]}>
          {links.map((l) => (
            <Col key={l.to} xs={12} md={6}>
              <Link to={l.to + (l.noUnit ? '' : unitQuery)} className="gh-quick">
                <span className="gh-quick-icon">{l.icon}</span>
                <span>{l.text}</span>
              </Link>
            </Col>
          ))}
        </Row>
      </Card>
    </div>
  );
}
