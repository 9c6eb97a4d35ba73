/** A campaign: period, rules and standards, money raised by source, allocations to counties, the summary by county and by grade, student aid by school level — every figure drills down to its records; xlsx and print. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Drawer, Form, Input, Modal, Popconfirm, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { today, todayInShanghai } from '../../lib/time.ts';
import { Link, useParams } from 'react-router';
import { api, errorMessage, downloadFile } from '../../lib/api.ts';
import { useRemote } from '../../lib/remote.ts';
import { useAuth } from '../../lib/auth.tsx';
import { useScope, useUnitQuery } from '../../lib/scope.tsx';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.tsx';
import { NotFound } from '../../components/Results.tsx';
import { fenToYuan, iso, money, notFuture, yuanRule, yuanToFen } from '../hardship/shared.ts';
import { GroupedBars } from './charts.tsx';
import {
  ENTRY_KIND_LABELS,
  FIGURE_LABELS,
  KIND_LABELS,
  RBASE,
  STATUS_COLORS,
  STATUS_LABELS,
  useReliefCodes,
  type Application,
  type Campaign,
  type ChainStepView,
  type Drill,
  type Figure,
  type Line,
  type StudentAid,
  type Summary,
  type SummaryRow,
  type Totals,
} from './shared.ts';
import { ActionLink } from '../../components/ActionLink.tsx';

interface DrillTarget {
  figure: Figure;
  unitId: number;
  own: boolean;
  title: string;
  /** A row of the by-grade or the student-aid table. */
  grade?: string;
  schoolLevel?: string;
  archived?: boolean;
}

/** The records behind one figure: applications (each to its household or student) or the ledger lines whose sum is the figure. */
export function DrillDrawer({ campaignId, target, onClose }: { campaignId: number; target: DrillTarget | null; onClose: () => void }) {
  const unitQuery = useUnitQuery();
  const codes = useReliefCodes();
  const [page, setPage] = useState(1);
  useEffect(() => setPage(1), [target]);
  const { data, loading } = useRemote<Drill>(target ? `${RBASE}/campaigns/${campaignId}/drill` : null, {
    figure: target?.figure,
    unitId: target?.unitId,
    own: target?.own || undefined,
    grade: target?.grade,
    schoolLevel: target?.schoolLevel,
    archived: target?.archived,
    page,
    pageSize: 20,
  });
  const sum = data?.lines.reduce((s, l) => s + l.amount, 0) ?? 0;
  const pageOnly = (data?.total ?? 0) > 20;
  return (
    <Drawer title={target?.title ?? ''} open={target !== null} onClose={onClose} width={1000} destroyOnHidden>
      {data?.kind === 'lines' ? (
        <>
          <Typography.Paragraph type="secondary">
            下列记账分录之和即报表上的数字{target?.figure === 'raised' ? '（筹集资金记在资金来源账户的贷方，显示为负数）' : target?.figure === 'available' ? '（结余：各可用资金账户的全部收支）' : ''}
            。合计：<output aria-label="明细合计">{money(data.amountFen)}</output>
            {pageOnly ? `；本页 ${money(sum)}` : ''}。
          </Typography.Paragraph>
          <Table<Line>
            rowKey={(l) => `${l.entryId}-${l.lineId}`}
            size="small"
            loading={loading}
            dataSource={data.lines}
            pagination={{ current: page, pageSize: 20, total: data.total, onChange: setPage, showTotal: (n) => `共 ${n} 条` }}
            columns={[
              { title: '记账日期', dataIndex: 'postedOn', width: 110 },
              { title: '凭证', dataIndex: 'entryId', width: 70, render: (v: number, l) => `${ENTRY_KIND_LABELS[l.entryKind] ?? l.entryKind} #${v}` },
              { title: '账户', dataIndex: 'accountName', ellipsis: true },
              { title: '摘要', dataIndex: 'memo', ellipsis: true },
              { title: '金额（元）', dataIndex: 'amount', align: 'right', width: 130, render: (v: number) => fenToYuan(v) },
              { title: '经办', dataIndex: 'postedByName', width: 110 },
            ]}
          />
        </>
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            共 {data?.total ?? 0} 份申请，金额合计 <output aria-label="明细合计">{money(data?.amountFen ?? 0)}</output>。
          </Typography.Paragraph>
          <Table<Application>
            rowKey="id"
            size="small"
            loading={loading}
            dataSource={data?.applications ?? []}
            pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showTotal: (n) => `共 ${n} 条` }}
            columns={[
              {
                title: '姓名',
                dataIndex: 'name',
                render: (v: string, a) =>
                  a.householdId ? (
                    <Link to={`/hardship/households${unitQuery ? `${unitQuery}&` : '?'}household=${a.householdId}`} title="打开困难职工档案">
                      {v}
                    </Link>
                  ) : (
                    v
                  ),
              },
              { title: '身份证号', dataIndex: 'idMasked', render: (v: string) => <span className="gh-hr-mono">{v}</span> },
              { title: '填报工会', dataIndex: 'unitName', ellipsis: true },
              { title: '类别', dataIndex: 'grade', render: (g: string | null, a) => (a.schoolLevel ? codes.schoolLevels[a.schoolLevel] : (codes.grades[g ?? 'not_filed'] ?? g)) },
              { title: '人数', dataIndex: 'people', align: 'right' },
              { title: '金额（元）', dataIndex: 'amountFen', align: 'right', render: (v: number) => fenToYuan(v) },
              { title: '状态', dataIndex: 'status', render: (s?: Application['status']) => (s ? <Tag color={STATUS_COLORS[s]}>{STATUS_LABELS[s]}</Tag> : null) },
              { title: '发放日期', dataIndex: 'paidOn', render: (v: string | null) => v ?? '—' },
              {
                title: '申请',
                render: (_: unknown, a) => <Link to={`/relief/applications${unitQuery ? `${unitQuery}&` : '?'}campaign=${a.campaignId}&application=${a.id}`}>审批记录</Link>,
              },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}

export default function CampaignPage() {
  const { id: raw } = useParams();
  const id = raw && /^\d+$/.test(raw) ? Number(raw) : null;
  const { message } = App.useApp();
  const { can } = useAuth();
  const { unit } = useScope();
  const unitQuery = useUnitQuery();
  const codes = useReliefCodes();
  const [campaign, setCampaign] = useState<Campaign | null>(null);
  const [totals, setTotals] = useState<Totals | null>(null);
  const [steps, setSteps] = useState<ChainStepView[]>([]);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [studentAid, setStudentAid] = useState<StudentAid | null>(null);
  const [raised, setRaised] = useState<Line[]>([]);
  const [allocated, setAllocated] = useState<Line[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const [modal, setModal] = useState<'raise' | 'allocate' | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  // The report is drawn for the unit chosen in the header, unless that is the city (then for the campaign's own unit).
  const under = unit && unit.kind !== 'city' ? unit.id : undefined;

  useEffect(() => {
    if (id === null) return;
    let live = true;
    const q = { underUnitId: under };
    Promise.all([
      api.get<{ campaign: Campaign; steps: ChainStepView[]; totals: Totals }>(`${RBASE}/campaigns/${id}`),
      api.get<Summary>(`${RBASE}/campaigns/${id}/summary`, q),
      api.get<Drill>(`${RBASE}/campaigns/${id}/drill`, { figure: 'raised', unitId: under, pageSize: 200 }),
      api.get<Drill>(`${RBASE}/campaigns/${id}/drill`, { figure: 'allocated', unitId: under, pageSize: 200 }),
    ])
      .then(async ([c, s, r, a]) => {
        if (!live) return;
        setCampaign(c.campaign);
        setTotals(c.totals);
        setSteps(c.steps);
        setSummary(s);
        setRaised(r.lines);
        setAllocated(a.lines);
        setError(null);
        if (c.campaign.subject === 'student') {
          const sa = await api.get<StudentAid>(`${RBASE}/campaigns/${id}/student-aid`, q);
          if (live) setStudentAid(sa);
        } else setStudentAid(null);
      })
      .catch((e) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [id, under, version]);

  const open = useCallback((figure: Figure, row: SummaryRow) => {
    setDrill({ figure, unitId: row.unitId, own: row.kind === 'own', title: `${row.kind === 'total' ? '合计' : row.unitName}：${FIGURE_LABELS[figure]}` });
  }, []);

  const submit = async () => {
    if (!campaign) return;
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      // One key per submitted form: a double click or a retry of the same form posts it once.
      const key = `${campaign.id}-${modal}-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
      if (modal === 'raise')
        await api.post(`${RBASE}/campaigns/${campaign.id}/funds`, {
          unitId: v.unitId,
          source: v.source,
          amountFen: yuanToFen(v.amount),
          donor: v.donor?.trim() || null,
          receivedOn: iso(v.receivedOn),
          idempotencyKey: key,
        });
      else await api.post(`${RBASE}/campaigns/${campaign.id}/allocations`, { toUnitId: v.toUnitId, fromUnitId: v.fromUnitId, amountFen: yuanToFen(v.amount), idempotencyKey: key });
      message.success(modal === 'raise' ? '已登记筹集资金' : '已拨付');
      setModal(null);
      setVersion((n) => n + 1);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const exportXlsx = async (what: 'summary' | 'student-aid') => {
    try {
      await downloadFile(`${RBASE}/campaigns/${id}/${what}.xlsx`, { underUnitId: under }, `${campaign?.name ?? '活动'}${what === 'summary' ? '汇总表' : '助学汇总'}.xlsx`);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const close = async () => {
    try {
      await api.post(`${RBASE}/campaigns/${id}/close`);
      message.success('活动已结束，不再受理申请');
      setVersion((n) => n + 1);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const rows = useMemo(() => (summary ? [...summary.rows, summary.total] : []), [summary]);
  const children = summary?.rows.filter((r) => r.kind !== 'own' || r.applications || r.raisedFen || r.paidFen) ?? [];

  if (id === null) return <NotFound />;
  if (error) return <NotFound title="无法打开该活动" subTitle={error} />;
  if (!campaign || !summary) return <Card loading className="gh-card" />;

  const fig = (row: SummaryRow, figure: Figure, value: number, text?: string, label: string = FIGURE_LABELS[figure]) => (
    <ActionLink className="gh-hr-figure" aria-label={`${row.kind === 'total' ? '合计' : row.unitName} ${label}`} onClick={() => open(figure, row)}>
      {text ?? value.toLocaleString('zh-CN')}
    </ActionLink>
  );

  const byGrade = (grade: string, text: string, label: string) => {
    const name = codes.grades[grade] ?? grade;
    return (
      <ActionLink
        className="gh-hr-figure"
        aria-label={`${name} ${label}`}
        onClick={() => setDrill({ figure: 'households', unitId: summary.unit.id, own: false, grade, title: `${summary.unit.name}：${name}已发放对象` })}
      >
        {text}
      </ActionLink>
    );
  };
  const aidRow = (r: StudentAid['items'][number], figure: Figure, text: string, label: string) => {
    const name = `${codes.schoolLevels[r.schoolLevel] ?? r.schoolLevel}（${r.archived ? '已建档' : '未建档'}）`;
    return (
      <ActionLink
        className="gh-hr-figure"
        aria-label={`${name} ${label}`}
        onClick={() =>
          setDrill({
            figure,
            unitId: studentAid?.unit.id ?? summary.unit.id,
            own: false,
            schoolLevel: r.schoolLevel,
            archived: r.archived,
            title: `${name}：${figure === 'approved' ? '已批准学生' : '已发放学生'}`,
          })
        }
      >
        {text}
      </ActionLink>
    );
  };

  const chainFree = campaign.status === 'open';

  return (
    <div className="gh-page">
      <div className="gh-hr-print-title">
        {campaign.name} 汇总表（{summary.unit.name}，打印于 {todayInShanghai()}）
      </div>
      <Card
        className="gh-card"
        title={
          <Space>
            {campaign.name}
            <Tag color={campaign.kind === 'student_aid' ? 'blue' : 'red'}>{KIND_LABELS[campaign.kind]}</Tag>
            {chainFree ? <Tag color="green">进行中</Tag> : <Tag>已结束</Tag>}
          </Space>
        }
        extra={
          <Space className="gh-no-print">
            <Link to={`/relief/applications${unitQuery ? `${unitQuery}&` : '?'}campaign=${campaign.id}`}>
              <Button>申请与审批</Button>
            </Link>
            <Button icon={<DownloadOutlined />} onClick={() => void exportXlsx('summary')}>
              导出汇总表
            </Button>
            {campaign.subject === 'student' && (
              <Button icon={<DownloadOutlined />} onClick={() => void exportXlsx('student-aid')}>
                导出助学汇总
              </Button>
            )}
            <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
              打印
            </Button>
            {can('relief.write') && chainFree && (
              <Popconfirm title="结束后不再受理新的申请，确定结束？" onConfirm={() => void close()}>
                <Button danger>结束活动</Button>
              </Popconfirm>
            )}
          </Space>
        }
      >
        <Descriptions size="small" column={3}>
          <Descriptions.Item label="活动期间">
            {campaign.periodFrom} 至 {campaign.periodTo}
          </Descriptions.Item>
          <Descriptions.Item label="帮扶对象">{campaign.subject === 'student' ? '困难职工家庭子女（学生）' : '困难职工家庭'}</Descriptions.Item>
          <Descriptions.Item label="报表单位">{summary.unit.name}</Descriptions.Item>
          <Descriptions.Item label="审批流程" span={3}>
            <ol className="gh-hr-chain" aria-label="审批流程">
              {steps.map((x, i) => (
                <li key={`${x.kind}-${x.level ?? ''}`}>
                  {i > 0 && ' → '}
                  {x.label}
                </li>
              ))}
            </ol>
          </Descriptions.Item>
          <Descriptions.Item label="适用对象" span={3}>
            {campaign.subject === 'student'
              ? `${(campaign.rules.schoolLevels ?? []).map((l) => codes.schoolLevels[l] ?? l).join('、')}${campaign.rules.allowNotFiled ? '；含未建档家庭子女' : '；限已建档家庭子女'}${campaign.rules.excludeFundedElsewhere ? '；已获其他渠道资助的不重复资助' : ''}`
              : `${(campaign.rules.grades ?? []).map((g) => codes.grades[g] ?? g).join('、')}${campaign.rules.allowNotFiled ? '；受理未建档的临时救助对象' : '；限已建档家庭（先建档、后帮扶）'}`}
          </Descriptions.Item>
          <Descriptions.Item label="标准金额" span={3}>
            {campaign.subject === 'student'
              ? Object.entries(campaign.standards.bySchool ?? {})
                  .map(([l, s]) => `${codes.schoolLevels[l] ?? l}：建档 ${money(s?.filed)}，未建档 ${money(s?.notFiled)}`)
                  .join('；')
              : Object.entries(campaign.standards.byGrade ?? {})
                  .map(([g, f]) => `${codes.grades[g] ?? g} ${money(f)}/户`)
                  .join('；')}
          </Descriptions.Item>
        </Descriptions>
        {totals && (
          <Row gutter={16} style={{ marginTop: 8 }}>
            <Col span={6}>
              <Statistic title="筹集资金（元）" value={fenToYuan(totals.raised)} />
            </Col>
            <Col span={6}>
              <Statistic title="可用余额（元）" value={fenToYuan(totals.available)} />
            </Col>
            <Col span={6}>
              <Statistic title="已批待付（元）" value={fenToYuan(totals.committed)} />
            </Col>
            <Col span={6}>
              <Statistic title="已发放（元）" value={fenToYuan(totals.paid)} />
            </Col>
          </Row>
        )}
      </Card>

      <Card className="gh-card" style={{ marginTop: 16 }} title={`汇总表（${summary.unit.name}，按下级单位）`} extra={<span className="gh-muted gh-no-print">点击任一数字查看其明细</span>}>
        <Table<SummaryRow>
          rowKey={(r) => `${r.kind}-${r.unitId}`}
          size="small"
          bordered
          pagination={false}
          dataSource={rows}
          aria-label="活动汇总表"
          rowClassName={(r) => (r.kind === 'total' ? 'gh-hr-total' : '')}
          scroll={{ x: 1100 }}
          columns={[
            { title: '单位', dataIndex: 'unitName', fixed: 'left', width: 180, render: (v: string, r) => (r.kind === 'total' ? <strong>合计</strong> : v) },
            { title: '申请数', dataIndex: 'applications', align: 'right', render: (v: number, r) => fig(r, 'applications', v) },
            { title: '批准数', dataIndex: 'approved', align: 'right', render: (v: number, r) => fig(r, 'approved', v) },
            { title: campaign.subject === 'student' ? '已资助学生' : '已慰问户数', dataIndex: 'households', align: 'right', render: (v: number, r) => fig(r, 'households', v) },
            { title: '惠及人数', dataIndex: 'people', align: 'right', render: (v: number, r) => fig(r, 'households', v, undefined, '惠及人数') },
            { title: '筹集资金（元）', dataIndex: 'raisedFen', align: 'right', render: (v: number, r) => fig(r, 'raised', v, fenToYuan(v)) },
            { title: '上级拨付（元）', dataIndex: 'allocatedFen', align: 'right', render: (v: number, r) => fig(r, 'allocated', v, fenToYuan(v)) },
            { title: '已批待付（元）', dataIndex: 'committedFen', align: 'right', render: (v: number, r) => fig(r, 'committed', v, fenToYuan(v)) },
            { title: '已发放（元）', dataIndex: 'paidFen', align: 'right', render: (v: number, r) => fig(r, 'paid', v, fenToYuan(v)) },
            { title: '结余（元）', dataIndex: 'availableFen', align: 'right', render: (v: number, r) => fig(r, 'available', v, fenToYuan(v)) },
          ]}
        />
        {children.length > 1 && (
          <div style={{ marginTop: 16 }}>
            <GroupedBars
              ariaLabel="各单位资金情况（元）"
              unit="元"
              labels={children.map((r) => r.unitName.replace(/总工会$/, '').replace(/（本级）$/, '本级'))}
              series={[
                { name: '筹集', values: children.map((r) => r.raisedFen / 100) },
                { name: '上级拨付', values: children.map((r) => r.allocatedFen / 100) },
                { name: '已发放', values: children.map((r) => r.paidFen / 100) },
              ]}
              onBarClick={(i, s) => open((['raised', 'allocated', 'paid'] as const)[s]!, children[i]!)}
            />
          </div>
        )}
      </Card>

      {summary.byGrade.length > 0 && (
        <Card className="gh-card" style={{ marginTop: 16 }} title="已发放对象按困难类别">
          <Table
            rowKey="grade"
            size="small"
            pagination={false}
            dataSource={summary.byGrade}
            aria-label="按困难类别"
            columns={[
              { title: '类别', dataIndex: 'grade', render: (g: string) => codes.grades[g] ?? g },
              { title: '户（人）数', dataIndex: 'households', align: 'right', render: (v: number, r) => byGrade(r.grade, v.toLocaleString('zh-CN'), '户（人）数') },
              { title: '惠及人数', dataIndex: 'people', align: 'right', render: (v: number, r) => byGrade(r.grade, v.toLocaleString('zh-CN'), '惠及人数') },
              { title: '已发放（元）', dataIndex: 'paid', align: 'right', render: (v: number, r) => byGrade(r.grade, fenToYuan(v), '已发放金额') },
            ]}
          />
        </Card>
      )}

      {studentAid && (
        <Card className="gh-card" style={{ marginTop: 16 }} title="助学汇总（按学段与建档情况）">
          <Row gutter={16}>
            <Col span={12}>
              <Table
                rowKey={(r) => `${r.schoolLevel}-${r.archived}`}
                size="small"
                pagination={false}
                dataSource={studentAid.items}
                summary={() => (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0} colSpan={2}>
                      <strong>合计</strong>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={2} align="right">
                      {studentAid.total.approved}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={3} align="right">
                      {studentAid.total.paid}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={4} align="right">
                      {fenToYuan(studentAid.total.paidFen)}
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                )}
                aria-label="助学汇总表"
                columns={[
                  { title: '学段', dataIndex: 'schoolLevel', render: (l: string) => codes.schoolLevels[l] ?? l },
                  { title: '建档情况', dataIndex: 'archived', render: (a: boolean) => (a ? '已建档' : '未建档') },
                  { title: '批准人数', dataIndex: 'approved', align: 'right', render: (v: number, r) => aidRow(r, 'approved', String(v), '批准人数') },
                  { title: '已发放人数', dataIndex: 'paid', align: 'right', render: (v: number, r) => aidRow(r, 'households', String(v), '已发放人数') },
                  { title: '已发放（元）', dataIndex: 'paidFen', align: 'right', render: (v: number, r) => aidRow(r, 'households', fenToYuan(v), '已发放金额') },
                ]}
              />
            </Col>
            <Col span={12}>
              <GroupedBars
                ariaLabel="各学段资助人数"
                unit="人"
                height={240}
                labels={Object.keys(codes.schoolLevels).map((l) => codes.schoolLevels[l]!)}
                series={[true, false].map((archived) => ({
                  name: archived ? '已建档' : '未建档',
                  values: Object.keys(codes.schoolLevels).map((l) => studentAid.items.find((x) => x.schoolLevel === l && x.archived === archived)?.approved ?? 0),
                }))}
              />
            </Col>
          </Row>
        </Card>
      )}

      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col span={12}>
          <Card
            className="gh-card"
            title="资金来源（筹集）"
            extra={
              can('funds.write') && (
                <Button
                  className="gh-no-print"
                  onClick={() => {
                    form.resetFields();
                    form.setFieldsValue({ unitId: unit!.id, source: unit!.kind === 'city' ? 'city' : 'county', receivedOn: today() });
                    setModal('raise');
                  }}
                >
                  登记筹集资金
                </Button>
              )
            }
          >
            <Table<Line>
              rowKey={(l) => `${l.entryId}-${l.lineId}`}
              size="small"
              pagination={false}
              dataSource={raised}
              locale={{ emptyText: '尚未登记筹集资金' }}
              columns={[
                { title: '日期', dataIndex: 'postedOn', width: 110 },
                { title: '来源', dataIndex: 'accountName', ellipsis: true },
                { title: '摘要', dataIndex: 'memo', ellipsis: true },
                { title: '金额（元）', dataIndex: 'amount', align: 'right', render: (v: number) => fenToYuan(-v) },
              ]}
            />
          </Card>
        </Col>
        <Col span={12}>
          <Card
            className="gh-card"
            title="向下级拨付"
            extra={
              can('funds.write') && (
                <Button
                  className="gh-no-print"
                  onClick={() => {
                    form.resetFields();
                    form.setFieldsValue({ fromUnitId: unit!.kind === 'city' ? campaign.unitId : unit!.id });
                    setModal('allocate');
                  }}
                >
                  拨付资金
                </Button>
              )
            }
          >
            <Table<Line>
              rowKey={(l) => `${l.entryId}-${l.lineId}`}
              size="small"
              pagination={false}
              dataSource={allocated}
              locale={{ emptyText: '尚未拨付' }}
              columns={[
                { title: '日期', dataIndex: 'postedOn', width: 110 },
                { title: '拨入账户', dataIndex: 'accountName', ellipsis: true },
                { title: '摘要', dataIndex: 'memo', ellipsis: true },
                { title: '金额（元）', dataIndex: 'amount', align: 'right', render: (v: number) => fenToYuan(v) },
              ]}
            />
          </Card>
        </Col>
      </Row>

      <DrillDrawer campaignId={campaign.id} target={drill} onClose={() => setDrill(null)} />

      <Modal title={modal === 'raise' ? '登记筹集资金' : '向下级拨付资金'} open={modal !== null} onCancel={() => setModal(null)} onOk={() => void submit()} confirmLoading={busy} destroyOnHidden>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={modal === 'raise' ? '每笔筹集即记一笔账：资金来源 → 筹得单位的资金池。' : '拨付记一笔账：本级资金池 → 下级资金池；余额不足时不能拨付。'}
        />
        <Form form={form} layout="vertical" name={`fund_${modal ?? 'none'}`}>
          {modal === 'raise' ? (
            <>
              <Form.Item name="unitId" label="筹得资金的单位" rules={[{ required: true }]}>
                <UnitTreeSelect rootId={unit!.id} rootName={unit!.name} rootKind={unit!.kind} valueLabel={unit!.name} />
              </Form.Item>
              <Form.Item name="source" label="资金来源" rules={[{ required: true }]}>
                <Select options={Object.entries(codes.fundSources).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
              <Form.Item name="donor" label="捐助单位或个人（可不填）">
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="receivedOn" label="到账日期">
                <DatePicker format="YYYY-MM-DD" disabledDate={notFuture} />
              </Form.Item>
            </>
          ) : (
            <>
              <Form.Item name="fromUnitId" hidden>
                <Input />
              </Form.Item>
              <Form.Item name="toUnitId" label="拨付给" rules={[{ required: true, message: '请选择下级单位' }]}>
                <UnitTreeSelect rootId={unit!.id} rootName={unit!.name} rootKind={unit!.kind} />
              </Form.Item>
            </>
          )}
          <Form.Item name="amount" label="金额（元）" rules={[yuanRule('金额')]}>
            <Input inputMode="decimal" addonAfter="元" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
