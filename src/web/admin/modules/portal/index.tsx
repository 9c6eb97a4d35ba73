/**
 * 职工服务门户: the workers' own app inside the web app — phone first, with a tab bar at the bottom
 * (首页 / 我要维权 / 心理咨询 / 我的) and the bell of the worker's messages in the top bar. Loaded only when a worker signs in; cadres never reach it.
 */
import { Badge, Button } from 'antd';
import { BellOutlined, CustomerServiceOutlined, HomeOutlined, SafetyCertificateOutlined, TranslationOutlined, UserOutlined } from '@ant-design/icons';
import { useEffect } from 'react';
import { NavLink, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useI18n } from '../../lib/i18n.tsx';
import { NotFound } from '../../components/Results.tsx';
import { usePt } from './i18n.ts';
import PortalHome from './HomePage.tsx';
import { CasePage, NewDisputePage, RightsPage } from './RightsPages.tsx';
import CounsellingPage from './CounsellingPage.tsx';
import MinePage from './MinePage.tsx';
import MessagesPage from './MessagesPage.tsx';
import { useUnread } from './messages.ts';
import './portal.css';

/** 消息: the bell in the top bar, with the unread count; it opens the worker's messages. */
function Bell({ unread }: { unread: number }) {
  const { pt } = usePt();
  const navigate = useNavigate();
  return (
    <Button type="text" className="gp-bell" aria-label={unread ? pt('msg.bellUnread', { n: unread }) : pt('msg.bell')} data-unread={unread} onClick={() => navigate('/portal/messages')}>
      <Badge count={unread} size="small" overflowCount={99} offset={[4, -2]}>
        <BellOutlined />
      </Badge>
    </Button>
  );
}

function TabBar() {
  const { pt } = usePt();
  const { pathname } = useLocation();
  // A case belongs to 我要维权 even though its address does not start there.
  const onCase = pathname.startsWith('/portal/cases/');
  const tabs = [
    { to: '/portal', end: true, icon: <HomeOutlined />, label: pt('tab.home') },
    { to: '/portal/rights', end: false, icon: <SafetyCertificateOutlined />, label: pt('tab.rights'), also: onCase },
    { to: '/portal/counselling', end: false, icon: <CustomerServiceOutlined />, label: pt('tab.counselling') },
    { to: '/portal/me', end: false, icon: <UserOutlined />, label: pt('tab.me') },
  ];
  return (
    <nav className="gp-tabs" aria-label={pt('portal.name')}>
      <div className="gp-tabs-inner">
        {tabs.map((t) => (
          <NavLink key={t.to} to={t.to} end={t.end} className={({ isActive }) => `gp-tab${isActive || ('also' in t && t.also) ? ' active' : ''}`}>
            {t.icon}
            <span>{t.label}</span>
          </NavLink>
        ))}
      </div>
    </nav>
  );
}

export default function PortalModule() {
  const { pt } = usePt();
  const { t, lang, setLang } = useI18n();
  const { pathname } = useLocation();
  const unread = useUnread() ?? 0;
  // Each page starts at its top, as a phone user expects after a tap.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [pathname]);
  return (
    <div className="gp-shell">
      <header className="gp-top">
        <span className="gp-top-title">{pt('portal.name')}</span>
        <span>
          <Bell unread={unread} />
          <Button type="text" icon={<TranslationOutlined />} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {t('header.lang')}
          </Button>
        </span>
      </header>
      <main className="gp-main">
        <Routes>
          <Route index element={<PortalHome unread={unread} />} />
          <Route path="rights" element={<RightsPage />} />
          <Route path="rights/new" element={<NewDisputePage />} />
          <Route path="cases/:id" element={<CasePage />} />
          <Route path="counselling" element={<CounsellingPage />} />
          <Route path="me" element={<MinePage unread={unread} />} />
          <Route path="messages" element={<MessagesPage />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </main>
      <TabBar />
    </div>
  );
}
