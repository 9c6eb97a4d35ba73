/** 律师团队: the workers' legal service team — licence, firm, availability, units served, open cases; add and edit. */
import { Col, Form, Input } from 'antd';
import { useAuth } from '../../lib/auth.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import { useScope } from '../../lib/scope.tsx';
import { TeamMembers } from '../../components/TeamMembers.tsx';
import { useLt } from './i18n.ts';
import { BASE, type Lawyer } from './shared.ts';

export default function LawyersPage() {
  const { t } = useI18n();
  const { lt } = useLt();
  const { can } = useAuth();
  const { unit } = useScope();
  return (
    <div className="gh-page">
      <TeamMembers<Lawyer>
        loginRole="lawyer"
        path={`${BASE}/lawyers`}
        manage={can('legal.manage')}
        query={{ servesUnitId: unit!.id }}
        formName="legal-lawyer"
        words={{
          title: lt('law.title'),
          under: lt('under', { name: unit!.name }),
          create: lt('law.create'),
          edit: lt('law.edit'),
          created: lt('law.created'),
          saved: lt('law.saved'),
          name: lt('law.name'),
          phone: lt('law.phone'),
          phoneFormat: lt('phone.format'),
          available: lt('law.available'),
          availableYes: lt('law.availableYes'),
          availableNo: lt('law.availableNo'),
          availabilityNote: lt('law.availabilityNote'),
          units: lt('law.units'),
          account: lt('law.account'),
          accountHint: lt('law.accountHint'),
          linked: lt('law.linked'),
          noAccount: lt('law.noAccount'),
          joinedOn: lt('law.joinedOn'),
          count: (n, a) => lt('law.count', { n, a }),
          search: lt('law.search'),
        }}
        columns={[
          { title: lt('law.licenceNo'), dataIndex: 'licenceNo', width: 170, render: (v: string) => <span className="gh-ms-mono">{v}</span> },
          { title: lt('law.firm'), dataIndex: 'firm', ellipsis: true },
        ]}
        trailingColumns={[{ title: lt('law.openCases'), dataIndex: 'openCases', width: 90, align: 'right' }]}
        fields={(editing) => (
          <>
            <Col span={14}>
              <Form.Item
                label={lt('law.licenceNo')}
                name="licenceNo"
                extra={lt('law.licenceRule')}
                rules={[
                  { required: true, message: t('common.required', { f: lt('law.licenceNo') }) },
                  { pattern: /^[0-9A-Za-z]{6,32}$/, message: lt('law.licenceRule') },
                ]}
              >
                <Input maxLength={32} disabled={editing !== null} className="gh-ms-mono" />
              </Form.Item>
            </Col>
            <Col span={14}>
              <Form.Item label={lt('law.firm')} name="firm" rules={[{ required: true, whitespace: true, message: t('common.required', { f: lt('law.firm') }) }]}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
          </>
        )}
        values={(v, creating) => ({ firm: String(v.firm).trim(), ...(creating ? { licenceNo: String(v.licenceNo).trim() } : {}) })}
      />
    </div>
  );
}
