import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Space } from 'antd';
import { useNavigate } from 'react-router';
import { api, errorMessage } from '../lib/api.ts';
import { useAuth, useMe } from '../lib/auth.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { Brand } from '../components/Brand.tsx';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export default function ChangePasswordPage() {
  const me = useMe();
  const { refresh, logout } = useAuth();
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const forced = me.user.mustChangePassword;
  const username = me.user.username;

  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/v1/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      message.success(t('pw.done'));
      await refresh();
      navigate('/', { replace: true });
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
      </div>
      <div className="gh-auth-main gh-auth-main-single">
        <Card className="gh-auth-card gh-auth-card-wide" title={t('pw.title')}>
          {forced && <Alert type="warning" showIcon title={t('pw.forced')} style={{ marginBottom: 16 }} />}
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
          <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
            <Form.Item label={t('pw.current')} name="currentPassword" rules={[{ required: true, message: t('common.required', { f: t('pw.current') }) }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Form.Item
              label={t('pw.new')}
              name="newPassword"
              extra={t('pw.rule')}
              rules={[
                { required: true, message: t('common.required', { f: t('pw.new') }) },
                {
                  validator: async (_r, value: string | undefined) => {
                    if (!value) return;
                    if (value.length < 10) throw new Error(t('pw.tooShort'));
                    if (!/[A-Za-z]/.test(value) || !/\d/.test(value)) throw new Error(t('pw.needLetterDigit'));
                    if (value.toLowerCase().includes(username.toLowerCase())) throw new Error(t('pw.hasUsername'));
                  },
                },
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              label={t('pw.confirm')}
              name="confirm"
              dependencies={['newPassword']}
              rules={[
                { required: true, message: t('common.required', { f: t('pw.confirm') }) },
                ({ getFieldValue }) => ({
                  validator: async (_r, value: string | undefined) => {
                    if (value && value !== getFieldValue('newPassword')) throw new Error(t('pw.mismatch'));
                  },
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" loading={busy}>
                {t('pw.submit')}
              </Button>
              {forced ? (
                <Button onClick={() => void logout().then(() => navigate('/login', { replace: true }))}>{t('header.logout')}</Button>
              ) : (
                <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
              )}
            </Space>
          </Form>
        </Card>
      </div>
      <div className="gh-auth-footer">{t('login.footer')}</div>
    </div>
  );
}
