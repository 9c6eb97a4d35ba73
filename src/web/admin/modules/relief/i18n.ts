/** The relief campaigns' own words, in both languages; the language follows the app's switch (Chinese by default). */
import { useCallback } from 'react';
import { useI18n } from '../../lib/i18n.tsx';

const zh = {
  'campaigns.title': '帮扶活动',
  'campaigns.create': '举办帮扶活动',
  'campaigns.kind': '活动类型',
  'col.name': '活动名称',
  'col.kind': '类型',
  'col.period': '活动期间',
  'col.standards': '标准金额',
  'col.status': '状态',
  'period': '{from} 至 {to}',
  'status.open': '进行中',
  'status.closed': '已结束',
  'kind.festival': '两节慰问',
  'kind.student_aid': '金秋助学',
  'kind.custom': '其他帮扶项目',
};
export type RKey = keyof typeof zh;

const en: Record<RKey, string> = {
  'campaigns.title': 'Relief campaigns',
  'campaigns.create': 'New campaign',
  'campaigns.kind': 'Campaign type',
  'col.name': 'Campaign',
  'col.kind': 'Type',
  'col.period': 'Period',
  'col.standards': 'Standard amounts',
  'col.status': 'Status',
  'period': '{from} to {to}',
  'status.open': 'Open',
  'status.closed': 'Closed',
  'kind.festival': 'New Year and Spring Festival condolence',
  'kind.student_aid': 'Golden Autumn student aid',
  'kind.custom': 'Other relief program',
};

export type RTranslate = (key: RKey, vars?: Record<string, string | number>) => string;

export function useRt(): { rt: RTranslate; rl: (prefix: 'kind' | 'status', value: string | null | undefined) => string } {
  const { lang } = useI18n();
  const dict: Record<RKey, string> = lang === 'zh' ? zh : en;
  const rt = useCallback<RTranslate>(
    (key, vars) => {
      let s = dict[key] ?? key;
      if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
      return s;
    },
    [dict],
  );
  const rl = useCallback((prefix: 'kind' | 'status', value: string | null | undefined) => (value ? (dict[`${prefix}.${value}` as RKey] ?? value) : '—'), [dict]);
  return { rt, rl };
}
