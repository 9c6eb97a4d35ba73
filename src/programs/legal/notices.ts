/**
 * What a worker is told on the workers' portal when the union decides their legal-aid request,
 * assigns a lawyer to their case or closes it: plain Chinese, what happened and what to do next.
 */
import { yuanGrouped } from '../../engines/money.ts';
import { zhDate, type IsoDate } from '../../engines/time.ts';

/** The worker's own case on the portal. */
export const portalCaseLink = (caseId: number) => `/portal/cases/${caseId}`;

/** How the worker reads a case's result (the portal shows the same words). */
const RESULT_WORDS: Record<string, string> = {
  mediation_agreement: '达成调解协议',
  award: '仲裁裁决',
  judgment: '法院判决',
  settled: '和解',
  withdrawn: '撤回',
  advice_only: '提供法律咨询',
  other: '其他',
};

export interface CaseFacts {
  id: number;
  ref: string;
  title: string;
  unitName: string;
}
export interface LawyerFacts {
  name: string;
  firm: string;
  phone: string | null;
}

type Notice = { kind: 'legal'; title: string; body: string; link: string };

/** A note as part of a sentence: without its own closing stop. */
const clause = (note: string | null) => note?.trim().replace(/[。.！!；;，,\s]+$/, '') || null;

const lawyerText = (l: LawyerFacts) => `${l.name}律师（${l.firm}）${l.phone ? `，联系电话 ${l.phone}` : ''}`;
const caseText = (c: CaseFacts) => `案件 ${c.ref}（${c.title}）`;

export function aidDecidedNotice(c: CaseFacts, d: { granted: true; lawyer: LawyerFacts; note: string | null } | { granted: false; note: string | null }): Notice {
  if (d.granted) {
    return {
      kind: 'legal',
      title: '法律援助申请已批准',
      body: `您在${caseText(c)}中的法律援助申请已批准，由${lawyerText(d.lawyer)}为您提供法律援助。律师会与您联系，请保持电话畅通；办理进度可在“我要维权”中查看。`,
      link: portalCaseLink(c.id),
    };
  }
  return {
    kind: 'legal',
    title: '法律援助申请未获批准',
    body: `您在${caseText(c)}中的法律援助申请未获批准${clause(d.note) ? `，说明：${clause(d.note)}` : ''}。如有疑问，请与${c.unitName}联系。`,
    link: portalCaseLink(c.id),
  };
}

export function lawyerAssignedNotice(c: CaseFacts, lawyer: LawyerFacts): Notice {
  return {
    kind: 'legal',
    title: '案件已有承办律师',
    body: `您的${caseText(c)}已指派${lawyerText(lawyer)}承办。律师会与您联系，请保持电话畅通；办理进度可在“我要维权”中查看。`,
    link: portalCaseLink(c.id),
  };
}

export function caseClosedNotice(c: CaseFacts, d: { result: string; closedOn: IsoDate; recoveredFen: number; note: string | null }): Notice {
  return {
    kind: 'legal',
    title: '案件已结案',
    body:
      `您的${caseText(c)}已于${zhDate(d.closedOn)}结案，结果：${RESULT_WORDS[d.result] ?? d.result}` +
      `${d.recoveredFen > 0 ? `，为您追回 ${yuanGrouped(d.recoveredFen)} 元` : ''}${clause(d.note) ? `。说明：${clause(d.note)}` : ''}。如对结果有疑问，请与${c.unitName}联系。`,
    link: portalCaseLink(c.id),
  };
}
