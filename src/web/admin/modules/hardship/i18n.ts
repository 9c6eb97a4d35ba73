/** The hardship archive's own words, in both languages; the language follows the app's switch (Chinese by default). */
import { useModuleDict } from '../../lib/i18n.tsx';

const zh = {
  'stat.filed': '已建档户数',
  'stat.filedPeople': '建档户人口',
  'stat.toVisit': '待入户核查',
  'list.title': '困难职工档案',
  'list.scope': '{name}及下级',
  'list.export': '导出 Excel（脱敏）',
  'list.register': '登记困难职工',
  'filter.grade': '困难类别',
  'filter.status': '档案状态',
  'filter.cause': '致困原因',
  'filter.dueBy': '复核到期（截至）',
  'filter.due30': '30 天内到期',
  'filter.keyword': '姓名、工作单位或完整身份证号',
  'col.name': '姓名',
  'col.id': '身份证号',
  'col.union': '所属工会',
  'col.employer': '工作单位',
  'col.size': '家庭人口',
  'col.grade': '困难类别',
  'col.cause': '主要致困原因',
  'col.status': '状态',
  'col.filedOn': '建档日期',
  'col.nextReview': '下次复核',
  'grade.deep': '深度困难',
  'grade.relative': '相对困难',
  'grade.accident': '意外致困',
  'status.applied': '待入户核查',
  'status.verified': '已核查待公示',
  'status.in_notice': '公示中',
  'status.filed': '已建档',
  'status.not_filed': '不予建档',
  'status.exited': '已退出',
};
export type HKey = keyof typeof zh;

const en: Record<HKey, string> = {
  'stat.filed': 'Households on file',
  'stat.filedPeople': 'People in them',
  'stat.toVisit': 'Awaiting home visit',
  'list.title': 'Hardship archive',
  'list.scope': '{name} and below',
  'list.export': 'Export Excel (masked)',
  'list.register': 'Register a household',
  'filter.grade': 'Grade',
  'filter.status': 'File status',
  'filter.cause': 'Cause',
  'filter.dueBy': 'Review due by',
  'filter.due30': 'Due within 30 days',
  'filter.keyword': 'Name, employer or full ID number',
  'col.name': 'Name',
  'col.id': 'ID number',
  'col.union': 'Union',
  'col.employer': 'Employer',
  'col.size': 'Household size',
  'col.grade': 'Grade',
  'col.cause': 'Main cause',
  'col.status': 'Status',
  'col.filedOn': 'Filed on',
  'col.nextReview': 'Next review',
  'grade.deep': 'Deep hardship',
  'grade.relative': 'Relative hardship',
  'grade.accident': 'Accident-caused',
  'status.applied': 'Awaiting home visit',
  'status.verified': 'Visited, awaiting notice',
  'status.in_notice': 'On public notice',
  'status.filed': 'On file',
  'status.not_filed': 'Not filed',
  'status.exited': 'Exited',
};

export type HTranslate = (key: HKey, vars?: Record<string, string | number>) => string;

export function useHt(): { ht: HTranslate; hl: (prefix: 'grade' | 'status', value: string | null | undefined) => string } {
  const { t, label } = useModuleDict<HKey>(zh, en);
  return { ht: t, hl: label };
}
