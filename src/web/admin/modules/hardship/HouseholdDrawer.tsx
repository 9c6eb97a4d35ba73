/** A household's file: masked by default; steps home visit → notice → filed; review, exit, re-entry; proofs; the sensitive view with a stated reason. */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Drawer, Form, Modal, Space, Steps, Tag, Tooltip } from 'antd';
import type { Dayjs } from 'dayjs';
import { today, todayInShanghai } from '../../lib/time.ts';
import { api, errorMessage } from '../../lib/api.ts';
import { useAuth, useMe } from '../../lib/auth.tsx';
import { fenToYuan, GRADE_COLORS, HBASE, INTAKE_LABELS, iso, notFuture, STATUS_COLORS, STATUS_LABELS, useHardshipCodes, type GradeBasis, type HouseholdFile, type Sensitive } from './shared.ts';
import { figuresOf, GradeBasisView } from './RegisterDrawer.tsx';
import { type AidItem, HouseholdAid, HouseholdTimeline } from './HouseholdHistory.tsx';
import { HouseholdDetails } from './HouseholdDetails.tsx';
import { HouseholdProofs } from './HouseholdProofs.tsx';
import { type Action, HouseholdActionFields } from './HouseholdActionFields.tsx';
import { one } from './oneLine.ts';

const STEP_OF: Record<string, number> = { applied: 1, verified: 2, in_notice: 2, filed: 4, not_filed: 3, exited: 4 };

export function HouseholdDrawer({ id, onClose, onChanged }: { id: number | null; onClose: () => void; onChanged?: () => void }) {
  const { message } = App.useApp();
  const { can } = useAuth();
  const me = useMe();
  const codes = useHardshipCodes();
  const [file, setFile] = useState<HouseholdFile | null>(null);
  const [aid, setAid] = useState<{ items: AidItem[]; paidFen: number; paidCount: number } | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const [action, setAction] = useState<Action>(null);
  const [busy, setBusy] = useState(false);
  const [noticePostedOn, setNoticePostedOn] = useState<Dayjs | null>(() => today());
  const [reviewResult, setReviewResult] = useState<{ basis: GradeBasis; still: boolean } | null>(null);
  const [form] = Form.useForm();
  const writable = can('hardship.write');

  useEffect(() => {
    setReviewResult(null);
  }, [id]);

  useEffect(() => {
    if (id === null) return;
    let live = true;
    setLoading(true);
    api
      .get<HouseholdFile>(`${HBASE}/households/${id}`, { purpose: '查阅困难职工档案' })
      .then(async (r) => {
        if (!live) return;
        setFile(r);
        setError(null);
        // The file does not carry its union's name; the unit record does (in scope by construction).
        if (!r.household.unitName) {
          const u = await api.get<{ name: string }>(`/api/v1/org/units/${r.household.unitId}`).catch(() => null);
          if (live && u) setFile({ ...r, household: { ...r.household, unitName: u.name } });
        }
      })
      .catch((e) => live && setError(errorMessage(e)))
      .finally(() => live && setLoading(false));
    api
      .get<{ items: AidItem[]; paidFen: number; paidCount: number }>(`${HBASE}/households/${id}/aid`, { purpose: '查阅困难职工档案' })
      .then((r) => live && setAid(r))
      .catch(() => live && setAid(null));
    return () => {
      live = false;
    };
  }, [id, tick]);

  const reload = useCallback(() => {
    setTick((n) => n + 1);
    onChanged?.();
  }, [onChanged]);

  const run = async (fn: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await fn();
      message.success(done);
      setAction(null);
      reload();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const h = file?.household;
  const todayOn = todayInShanghai();
  const noticeOver = !!h?.noticeUntil && todayOn >= h.noticeUntil;

  const open = (a: Action) => {
    form.resetFields();
    if (a === 'visit') form.setFieldsValue({ visitedOn: today(), confirmed: true, visitors: me.user.displayName });
    if (a === 'review') form.setFieldsValue({ reviewedOn: today(), finances: [{ kind: 'income', category: '工资性收入' }], members: undefined });
    if (a === 'exit') form.setFieldsValue({ on: today(), reason: 'recovered' });
    if (a === 'reenter') form.setFieldsValue({ on: today(), finances: [{ kind: 'income', category: '工资性收入' }] });
    setAction(a);
  };

  /** The edit form starts from the file as it stands: its figures and full ID numbers are a logged sensitive view. */
  const openEdit = async () => {
    if (!h || !file) return;
    setBusy(true);
    try {
      const full = await api.post<Sensitive>(`${HBASE}/households/${h.id}/sensitive`, { reason: '修改档案信息' });
      form.resetFields();
      form.setFieldsValue({
        mainCause: h.mainCause,
        secondaryCauses: h.secondaryCauses,
        phone: h.phone ?? '',
        address: h.address ?? '',
        employer: h.employer ?? '',
        bankName: h.bankName ?? '',
        bankAccount: '',
        accident: h.accident,
        members: full.members.map((m) => {
          const shown = file.members.find((x) => x.seq === m.seq);
          return { name: m.name, relation: m.relation, idNumber: m.idNumber ?? '', health: shown?.health ?? '', occupation: shown?.occupation ?? '', schoolLevel: shown?.schoolLevel ?? undefined };
        }),
        finances: full.finances.map((f) => ({ kind: f.kind, category: f.category, amount: fenToYuan(f.annualFen).replace(/,/g, ''), hardshipCost: f.hardshipCost })),
      });
      setAction('edit');
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const submitAction = async () => {
    if (!h) return;
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    if (action === 'visit')
      return run(
        () => api.post(`${HBASE}/households/${h.id}/visit`, { visitedOn: iso(v.visitedOn), visitors: String(v.visitors).trim(), findings: one(v.findings), confirmed: v.confirmed }),
        '已记录入户核查',
      );
    if (action === 'file') return run(() => api.post(`${HBASE}/households/${h.id}/file`, { objection: one(v.objection) || null }), one(v.objection) ? '异议成立，不予建档' : '已建档');
    if (action === 'edit') {
      const f = figuresOf(v.members, v.finances);
      const text = (x: unknown) => (typeof x === 'string' ? x.trim() : '') || null;
      const body = {
        members: f.members,
        finances: f.finances,
        accident: !!v.accident,
        mainCause: v.mainCause,
        secondaryCauses: v.secondaryCauses ?? [],
        phone: text(v.phone),
        address: text(v.address),
        employer: text(v.employer),
        bankName: text(v.bankName),
        ...(v.removeBank ? { bankAccount: null } : text(v.bankAccount) ? { bankAccount: String(v.bankAccount).replace(/\s+/g, '') } : {}),
        note: one(v.note) || undefined,
      };
      return run(() => api.put(`${HBASE}/households/${h.id}`, body), '已保存修改，等级已按新情况重新认定');
    }
    if (action === 'exit') return run(() => api.post(`${HBASE}/households/${h.id}/exit`, { reason: v.reason, on: iso(v.on), note: one(v.note) || undefined }), '已退出档案');
    if (action === 'review' || action === 'reenter') {
      const f = figuresOf(v.members, v.finances);
      const body = { finances: f.finances, ...(v.replaceMembers ? { members: f.members } : {}), accident: !!v.accident, note: one(v.note) || undefined };
      if (action === 'reenter') return run(() => api.post(`${HBASE}/households/${h.id}/reenter`, { ...body, on: iso(v.on) }), '已返困，重新进入核查');
      setBusy(true);
      try {
        const r = await api.post<{ gradeBasis: GradeBasis; stillInHardship: boolean }>(`${HBASE}/households/${h.id}/review`, { ...body, reviewedOn: iso(v.reviewedOn) });
        setReviewResult({ basis: r.gradeBasis, still: r.stillInHardship });
        message.success(r.stillInHardship ? '复核完成：仍属困难' : '复核完成：已不符合认定条件，可办理脱困退出');
        setAction(null);
        reload();
      } catch (e) {
        message.error(errorMessage(e));
      } finally {
        setBusy(false);
      }
    }
  };

  const actionTitle = { visit: '入户核查', file: '公示期满：建档', review: '年度复核', exit: '退出档案', reenter: '返困', edit: '修改档案信息' } as const;

  return (
    <Drawer title={h ? `困难职工档案：${h.workerName}` : '困难职工档案'} open={id !== null} onClose={onClose} width={960} loading={loading && !file}>
      {error && <Alert type="error" showIcon message={error} />}
      {h && file && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Steps
            size="small"
            current={STEP_OF[h.status] ?? 0}
            status={h.status === 'not_filed' ? 'error' : undefined}
            items={[
              { title: '登记申请', description: h.appliedOn },
              { title: '入户核查' },
              { title: '公示', description: h.noticeFrom ? `${h.noticeFrom} 至 ${h.noticeUntil ?? ''}` : undefined },
              { title: h.status === 'not_filed' ? '不予建档' : '建档', description: h.filedOn ?? undefined },
            ]}
          />
          <Space wrap>
            <span>状态：</span>
            <Tag color={STATUS_COLORS[h.status]} aria-label="档案状态">
              {STATUS_LABELS[h.status]}
            </Tag>
            {h.grade ? <Tag color={GRADE_COLORS[h.grade]}>{codes.grades[h.grade]}</Tag> : <Tag>未认定等级</Tag>}
            <Tag>{INTAKE_LABELS[h.intake] ?? h.intake}</Tag>
            {h.status === 'in_notice' && <span className="gh-muted">公示期至 {h.noticeUntil} 届满</span>}
            {h.status === 'filed' && h.nextReviewDue && (
              <span className={h.nextReviewDue <= todayOn ? 'gh-danger' : 'gh-muted'}>
                下次复核：{h.nextReviewDue}
                {h.nextReviewDue <= todayOn ? '（已到期）' : ''}
              </span>
            )}
          </Space>
          {writable && (
            <Space wrap className="gh-no-print">
              {h.status === 'applied' && (
                <Button type="primary" onClick={() => open('visit')}>
                  入户核查
                </Button>
              )}
              {h.status === 'verified' && (
                // The notice runs from the day the list went up on the board, which may be before it is recorded here.
                <Space.Compact>
                  <DatePicker aria-label="公示张贴日期" value={noticePostedOn} onChange={setNoticePostedOn} disabledDate={notFuture} allowClear={false} />
                  <Button type="primary" loading={busy} onClick={() => void run(() => api.post(`${HBASE}/households/${h.id}/notice`, { postedOn: iso(noticePostedOn) ?? todayOn }), '已开始公示')}>
                    开始公示
                  </Button>
                </Space.Compact>
              )}
              {h.status === 'in_notice' && (
                <Tooltip title={noticeOver ? undefined : `公示期至 ${h.noticeUntil} 届满后方可建档`}>
                  <Button type="primary" disabled={!noticeOver} onClick={() => open('file')}>
                    公示期满，建档
                  </Button>
                </Tooltip>
              )}
              {h.status === 'filed' && (
                <>
                  <Button type="primary" onClick={() => open('review')}>
                    年度复核
                  </Button>
                  <Button danger onClick={() => open('exit')}>
                    退出档案
                  </Button>
                </>
              )}
              {(h.status === 'exited' || h.status === 'not_filed') && h.exitReason !== 'deceased' && <Button onClick={() => open('reenter')}>返困</Button>}
              {h.status !== 'exited' && can('hardship.sensitive') && (
                <Button loading={busy && action === null} onClick={() => void openEdit()}>
                  修改档案信息
                </Button>
              )}
            </Space>
          )}
          {reviewResult && <GradeBasisView basis={reviewResult.basis} title={`复核结果：${reviewResult.still ? '仍属困难' : '已不符合认定条件'}`} />}
          {/* Keyed by the drawer's id: another household, or closing, hides the sensitive view again. */}
          <HouseholdDetails key={String(id)} h={h} file={file} />
          <HouseholdProofs h={h} file={file} onChanged={reload} />
          <HouseholdAid aid={aid} />
          <HouseholdTimeline file={file} />
        </Space>
      )}

      <Modal
        title={action ? actionTitle[action] : ''}
        open={action !== null}
        onCancel={() => setAction(null)}
        onOk={() => void submitAction()}
        confirmLoading={busy}
        width={action === 'review' || action === 'reenter' || action === 'edit' ? 900 : 560}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" name={`hh_${action ?? 'none'}`}>
          <HouseholdActionFields action={action} h={h} />
        </Form>
      </Modal>
    </Drawer>
  );
}
