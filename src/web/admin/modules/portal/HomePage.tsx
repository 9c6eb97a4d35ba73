/** 首页: who and where the worker is, the two things they come for, and their latest cases and bookings. */
import { useEffect, useState } from 'react';
import { Alert, Card, Empty, Spin, Tag } from 'antd';
import { CustomerServiceOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { api, errorMessage } from '../../lib/api.ts';
import { usePt } from './i18n.ts';
import { APPT_COLORS, LIVE_APPT, period, STAGE_COLORS, type CaseItem, type Membership, type MyAppointment } from './shared.ts';

export default function PortalHome({ unread }: { unread: number }) {
  const { pt, pl } = usePt();
  const navigate = useNavigate();
  const [me, setMe] = useState<Membership | null>(null);
  const [cases, setCases] = useState<CaseItem[] | null>(null);
  const [appts, setAppts] = useState<MyAppointment[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    Promise.all([
      api.get<Membership>('/api/v1/portal/me'),
      api.get<{ items: CaseItem[] }>('/api/v1/portal/cases', { pageSize: 3 }),
      api.get<{ items: MyAppointment[] }>('/api/v1/portal/appointments', { pageSize: 20 }),
    ])
      .then(([m, c, a]) => {
        setMe(m);
        setCases(c.items);
        setAppts(a.items.filter((x) => LIVE_APPT.includes(x.status)));
      })
      .catch((e) => setError(errorMessage(e)));
  }, []);

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!me || !cases || !appts) return <Spin style={{ marginTop: 48 }} />;
  return (
    <>
      <section className="gp-hero">
        <h2>{pt('home.hello', { name: me.name })}</h2>
        <div>{pt('home.union', { name: me.unionName ?? '—' })}</div>
      </section>
      {unread > 0 && <Alert type="info" showIcon title={<Link to="/portal/messages">{pt('home.unread', { n: unread })}</Link>} />}
      <div className="gp-actions">
        <button type="button" className="gp-action" onClick={() => navigate('/portal/rights/new')}>
          <SafetyCertificateOutlined />
          <span className="gp-action-title">{pt('home.file')}</span>
          <span className="gp-action-hint">{pt('home.fileHint')}</span>
        </button>
        <button type="button" className="gp-action" onClick={() => navigate('/portal/counselling')}>
          <CustomerServiceOutlined />
          <span className="gp-action-title">{pt('home.book')}</span>
          <span className="gp-action-hint">{pt('home.bookHint')}</span>
        </button>
      </div>
      <Card className="gp-card" title={pt('home.cases')} extra={<Link to="/portal/rights">{pt('home.more')}</Link>}>
        {cases.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={pt('home.noCases')} />
        ) : (
          cases.map((c) => (
            <button key={c.id} type="button" className="gp-item" onClick={() => navigate(`/portal/cases/${c.id}`)}>
              <div className="gp-item-title">{c.title}</div>
              <div className="gp-item-meta">
                <Tag color={c.status === 'closed' ? 'default' : STAGE_COLORS[c.stage]}>{c.status === 'closed' ? pl('status', 'closed') : pl('stage', c.stage)}</Tag>
                <span>{c.ref}</span>
                <span>{c.openedOn}</span>
              </div>
            </button>
          ))
        )}
      </Card>
      <Card className="gp-card" title={pt('home.appointments')} extra={<Link to="/portal/counselling">{pt('home.more')}</Link>}>
        {appts.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={pt('home.noAppointments')} />
        ) : (
          appts.map((a) => (
            <button key={a.id} type="button" className="gp-item" onClick={() => navigate('/portal/counselling')}>
              <div className="gp-item-title">{period(a.startsAt, a.endsAt)}</div>
              <div className="gp-item-meta">
                <Tag color={APPT_COLORS[a.status]}>{pl('appt', a.status)}</Tag>
                <span>{pt('c.with', { counsellor: a.counsellorName, room: a.roomName })}</span>
              </div>
            </button>
          ))
        )}
      </Card>
    </>
  );
}
