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
  'apps.title': '申请与审批',
  'apps.scope': '{name}及下级',
  'apps.export': '导出 Excel',
  'apps.enter': '填报申请',
  'apps.campaign': '帮扶活动',
  'apps.status': '审批状态',
  'apps.paid': '发放情况',
  'apps.paidYes': '已发放',
  'apps.paidNo': '未发放',
  'apps.keyword': '姓名',
  'apps.summary': '查看活动汇总',
  'apps.selected': '已选 {n} 份',
  'apps.bulkApprove': '批量同意',
  'acol.id': '编号',
  'acol.name': '姓名',
  'acol.idNumber': '身份证号',
  'acol.union': '填报工会',
  'acol.level': '学段',
  'acol.grade': '类别',
  'acol.people': '人数',
  'acol.amount': '金额（元）',
  'acol.status': '审批状态',
  'acol.paid': '发放',
  'acol.inBatch': '第 {n} 批待确认',
  'acol.notFiled': '未建档',
  'astatus.pending': '审批中',
  'astatus.in_notice': '公示中',
  'astatus.approved': '已批准',
  'astatus.rejected': '未通过',
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
  'apps.title': 'Applications and approvals',
  'apps.scope': '{name} and below',
  'apps.export': 'Export Excel',
  'apps.enter': 'Enter an application',
  'apps.campaign': 'Campaign',
  'apps.status': 'Approval status',
  'apps.paid': 'Payment',
  'apps.paidYes': 'Paid',
  'apps.paidNo': 'Not paid',
  'apps.keyword': 'Name',
  'apps.summary': 'Campaign summary',
  'apps.selected': '{n} selected',
  'apps.bulkApprove': 'Approve selected',
  'acol.id': 'No.',
  'acol.name': 'Name',
  'acol.idNumber': 'ID number',
  'acol.union': 'Entered by',
  'acol.level': 'School level',
  'acol.grade': 'Grade',
  'acol.people': 'People',
  'acol.amount': 'Amount (yuan)',
  'acol.status': 'Approval status',
  'acol.paid': 'Paid',
  'acol.inBatch': 'In batch {n}, awaiting confirmation',
  'acol.notFiled': 'Not on file',
  'astatus.pending': 'Under approval',
  'astatus.in_notice': 'On public notice',
  'astatus.approved': 'Approved',
  'astatus.rejected': 'Rejected',
};

export type RTranslate = (key: RKey, vars?: Record<string, string | number>) => string;

export function useRt(): { rt: RTranslate; rl: (prefix: 'kind' | 'status' | 'astatus', value: string | null | undefined) => string } {
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
  const rl = useCallback((prefix: 'kind' | 'status' | 'astatus', value: string | null | undefined) => (value ? (dict[`${prefix}.${value}` as RKey] ?? value) : '—'), [dict]);
  return { rt, rl };
}
