/** 职工注册: name, ID number and mobile matched to the union's records, an SMS code, a password. */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { api, errorMessage } from '../../lib/api.ts';
import { useAuth } from '../../lib/auth.tsx';
import { usePt } from './i18n.ts';
import './portal.css';

interface RegisterForm {
  name: string;
  idNumber: string;
  phone: string;
  code: string;
  password: string;
  confirm: string;
}

export default function RegisterPage() {
  const { pt } = usePt();
  const { login } = useAuth();
  const navigate = useNavigate();
  const [form] = Form.useForm<RegisterForm>();
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [wait, setWait] = useState(0);
  const [sending, setSending] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (wait <= 0) return;
    const t = setTimeout(() => setWait(wait - 1), 1000);
    return () => clearTimeout(t);
  }, [wait]);

  const identity = async () => {
    const v = await form.validateFields(['name', 'idNumber', 'phone']);
    return { name: v.name.trim(), idNumber: v.idNumber.trim().toUpperCase(), phone: v.phone.trim() };
  };
  const sendCode = async () => {
    const who = await identity();
    setSending(true);
    setError(null);
    try {
      const r = await api.post<{ resendAfterSeconds: number }>('/api/v1/portal/registration/code', who, { silent401: true });
      setWait(r.resendAfterSeconds);
      setInfo(pt('reg.codeSent', { phone: who.phone }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSending(false);
    }
  };
  const onFinish = async (v: RegisterForm) => {
    setBusy(true);
    setError(null);
    try {
      const who = await identity();
      const r = await api.post<{ username: string }>('/api/v1/portal/registration', { ...who, code: v.code.trim(), password: v.password }, { silent401: true });
      setInfo(pt('reg.done'));
      await login(r.username, v.password);
      navigate('/portal', { replace: true });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const required = (field: string) => ({ required: true, whitespace: true, message: pt('reg.required', { field }) });

  return (
    <div className="gp-register">
      <header className="gp-top">
        <span className="gp-top-title">{pt('portal.name')}</span>
      </header>
      <main className="gp-main">
        <Card className="gp-card-pad" title={pt('reg.title')}>
          <Typography.Paragraph type="secondary">{pt('reg.intro')}</Typography.Paragraph>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
          {info && !error && <Alert type="success" showIcon title={info} style={{ marginBottom: 12 }} />}
          <Form<RegisterForm> form={form} layout="vertical" size="large" className="gp-form" requiredMark={false} onFinish={onFinish}>
            <Form.Item name="name" label={pt('reg.name')} rules={[required(pt('reg.name'))]}>
              <Input maxLength={50} autoComplete="name" />
            </Form.Item>
            <Form.Item name="idNumber" label={pt('reg.idNumber')} rules={[required(pt('reg.idNumber')), { pattern: /^\d{17}[\dXx]$/, message: pt('reg.idNumber') }]}>
              <Input maxLength={18} />
            </Form.Item>
            <Form.Item name="phone" label={pt('reg.phone')} rules={[required(pt('reg.phone')), { pattern: /^1\d{10}$/, message: pt('reg.phone') }]}>
              <Input maxLength={11} inputMode="numeric" autoComplete="tel" />
            </Form.Item>
            <Form.Item label={pt('reg.code')} required>
              <Space.Compact style={{ width: '100%' }}>
                <Form.Item name="code" noStyle rules={[{ required: true, pattern: /^\d{6}$/, message: pt('reg.required', { field: pt('reg.code') }) }]}>
                  <Input maxLength={6} inputMode="numeric" autoComplete="one-time-code" aria-label={pt('reg.code')} />
                </Form.Item>
                <Button onClick={() => void sendCode()} loading={sending} disabled={wait > 0}>
                  {wait > 0 ? pt('reg.resend', { s: wait }) : pt('reg.sendCode')}
                </Button>
              </Space.Compact>
            </Form.Item>
            <Form.Item name="password" label={pt('reg.password')} extra={pt('reg.passwordHint')} rules={[{ required: true, min: 10, message: pt('reg.passwordHint') }]}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              name="confirm"
              label={pt('reg.confirm')}
              dependencies={['password']}
              rules={[
                { required: true, message: pt('reg.mismatch') },
                ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(pt('reg.mismatch')))) }),
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" size="large" block loading={busy}>
              {pt('reg.submit')}
            </Button>
          </Form>
          <div style={{ textAlign: 'center', marginTop: 16 }}>
            <Link to="/login">{pt('reg.toLogin')}</Link>
          </div>
        </Card>
      </main>
    </div>
  );
}
