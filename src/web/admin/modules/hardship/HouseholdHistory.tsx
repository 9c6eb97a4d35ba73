/** A household's aid received over the years, and its file's history in words. */
import { Card, Table, Timeline } from 'antd';
import { Link } from 'react-router';
import { ACTION_LABELS, fenToYuan, SCHOOL_LEVELS, useHardshipCodes, type HouseholdFile } from './shared.ts';

export interface AidItem {
  applicationId: number;
  campaignId: number;
  campaignName: string;
  year: number;
  unitName: string;
  name: string;
  schoolLevel: string | null;
  amountFen: number;
  status: 'pending' | 'in_notice' | 'approved' | 'rejected';
  paidOn: string | null;
  payEntryId: number | null;
}
const AID_STATUS: Record<AidItem['status'], string> = { pending: '审批中', in_notice: '公示中', approved: '已批准', rejected: '未通过' };

const EDIT_FIELDS: Record<string, string> = {
  mainCause: '主要致困原因',
  secondaryCauses: '次要致困原因',
  bankName: '开户银行',
  bankAccount: '银行账号',
  phone: '联系电话',
  address: '住址',
  health: '健康状况',
  disability: '残疾情况',
  employment: '就业状况',
  employer: '工作单位',
  housing: '住房情况',
  accident: '意外致困',
  members: '家庭成员',
  finances: '收入与支出',
};

function detailText(action: string, d: unknown, exitLabels: Record<string, string>): string {
  if (!d || typeof d !== 'object') return '';
  const x = d as Record<string, unknown>;
  switch (action) {
    case 'visited':
      return `${x.confirmed ? '核实属实' : '核查不属实'}；核查人：${String(x.visitors ?? '')}；${String(x.findings ?? '')}`;
    case 'notice_started':
      return `公示 ${String(x.from)} 至 ${String(x.until)}（${String(x.days)} 天）`;
    case 'filed':
      return `下次复核：${String(x.nextReviewDue ?? '')}`;
    case 'reviewed':
      return `${x.stillInHardship ? '仍属困难' : '已不符合认定条件'}${x.note ? `；${String(x.note)}` : ''}`;
    case 'exited':
      return `${String(x.label ?? exitLabels[String(x.reason)] ?? x.reason)}${x.note ? `；${String(x.note)}` : ''}`;
    case 'objection_upheld':
      return String(x.objection ?? '');
    case 'attachment_added':
      return String(x.fileName ?? '');
    case 'reentered':
      return x.note ? String(x.note) : '';
    case 'edited':
      return `修改：${((x.changed as string[] | undefined) ?? []).map((k) => EDIT_FIELDS[k] ?? k).join('、') || '无变化'}${x.gradeBefore !== x.gradeAfter ? `；等级 ${String(x.gradeBefore ?? '—')} → ${String(x.gradeAfter ?? '—')}` : ''}${x.note ? `；${String(x.note)}` : ''}`;
    default:
      return '';
  }
}

/** The aid the household has had, year by year, each with a link to its approval record. */
export function HouseholdAid({ aid }: { aid: { items: AidItem[]; paidFen: number; paidCount: number } | null }) {
  return (
    <Card size="small" title={aid ? `历年帮扶（已发放 ${aid.paidCount} 笔，合计 ¥${fenToYuan(aid.paidFen)}）` : '历年帮扶'}>
      <Table<AidItem>
        size="small"
        rowKey="applicationId"
        pagination={false}
        aria-label="历年帮扶"
        dataSource={aid?.items ?? []}
        locale={{ emptyText: '尚无帮扶记录' }}
        columns={[
          { title: '年度', dataIndex: 'year', width: 70 },
          { title: '帮扶活动', dataIndex: 'campaignName', ellipsis: true },
          { title: '对象', dataIndex: 'name', width: 90, render: (v: string, a) => (a.schoolLevel ? `${v}（${SCHOOL_LEVELS[a.schoolLevel] ?? a.schoolLevel}）` : v) },
          { title: '填报工会', dataIndex: 'unitName', ellipsis: true },
          { title: '金额（元）', dataIndex: 'amountFen', align: 'right', width: 110, render: (v: number) => fenToYuan(v) },
          { title: '审批', dataIndex: 'status', width: 80, render: (v: AidItem['status']) => AID_STATUS[v] },
          { title: '发放日期', dataIndex: 'paidOn', width: 110, render: (v: string | null) => v ?? '—' },
          {
            title: '申请',
            width: 80,
            render: (_: unknown, a) => <Link to={`/relief/applications?campaign=${a.campaignId}&application=${a.applicationId}`}>审批记录</Link>,
          },
        ]}
      />
    </Card>
  );
}

/** What happened to the file, newest last. */
export function HouseholdTimeline({ file }: { file: HouseholdFile }) {
  const codes = useHardshipCodes();
  return (
    <Card size="small" title="档案经历">
      <Timeline
        items={file.history.map((e) => ({
          children: (
            <div>
              <strong>{ACTION_LABELS[e.action] ?? e.action}</strong>{' '}
              <span className="gh-muted">
                {e.onDate} · {e.actorName}
              </span>
              <div className="gh-small">{detailText(e.action, e.details, codes.exitReasons)}</div>
            </div>
          ),
        }))}
      />
    </Card>
  );
}
