import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, TranslationOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../lib/auth.tsx';
import { errorMessage } from '../lib/api.ts';
import { useI18n } from '../lib/i18n.tsx';
import { Brand } from '../components/Brand.tsx';

export default function LoginPage() {
  const { state, login } = useAuth();
  const { t, lang, setLang } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const from = params.get('from');
  const target = from?.startsWith('/') && !from.startsWith('//') ? from : '/';

  if (state.status === 'signed_in') {
    return <Navigate to={state.me.user.mustChangePassword ? '/password' : target} replace />;
  }

  const onFinish = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const r = await login(v.username.trim(), v.password);
      navigate(r.mustChangePassword ? '/password' : target, { replace: true });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="gh-auth-page">
      <div className="gh-auth-top">
        <Brand light />
        <Button type="text" className="gh-header-btn" icon={<TranslationOutlined />} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {t('header.lang')}
        </Button>
      </div>
      <div className="gh-auth-main">
        <div className="gh-auth-intro">
          <Typography.Title level={1} className="gh-auth-title">
            {t('app.name')}
          </Typography.Title>
          <Typography.Paragraph className="gh-auth-sub">{t('app.subtitle')}</Typography.Paragraph>
        </div>
        <Card className="gh-auth-card" title={t('login.title')}>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
          <Form layout="vertical" onFinish={onFinish} requiredMark={false} size="large">
            <Form.Item label={t('login.username')} name="username" rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              {t('login.submit')}
            </Button>
          </Form>
          <div style={{ textAlign: 'center', marginTop: 16 }}>
            <Link to="/register">{t('login.register')}</Link>
          </div>
        </Card>
      </div>
      <div className="gh-auth-footer">{t('login.footer')}</div>
    </div>
  );
}
