/** The eligibility checks of an application, each passed or failed with its reason; and a reason written on one line. */
import { List, Space } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { money } from '../hardship/shared.ts';
import type { Check } from './shared.ts';

export const one = (v: unknown) => (typeof v === 'string' ? v.trim().replace(/\s*\n\s*/g, '；') : '');

export function Checks({ checks, amountFen }: { checks: Check[]; amountFen?: number }) {
  return (
    <List
      size="small"
      aria-label="资格核对"
      dataSource={checks}
      footer={amountFen !== undefined ? <strong>标准金额：{money(amountFen)}</strong> : undefined}
      renderItem={(c) => (
        <List.Item>
          <Space>
            {c.ok ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <CloseCircleTwoTone twoToneColor="#c8102e" />}
            <span>{c.reason}</span>
          </Space>
        </List.Item>
      )}
    />
  );
}
