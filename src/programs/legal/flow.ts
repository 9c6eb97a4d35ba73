/**
 * 三员一代理: the labour-dispute flow. The union receives a dispute (intake), mediates it, sits as
 * arbitrator on the tripartite arbitration committee, supervises labour law, and represents
 * workers in court. Stages go forward only: intake → mediation → arbitration → first instance →
 * appeal, any of them skipped when the union was not part of it (it may join a case first at
 * arbitration or in court).
 */
import { registerFlow } from '../../engines/cases/service.ts';
import type { CaseFlow } from '../../engines/cases/flow.ts';

export const LEGAL_STAGES = ['intake', 'mediation', 'arbitration', 'first_instance', 'appeal'] as const;
export type LegalStage = (typeof LEGAL_STAGES)[number];

/** 调解员, 仲裁员（三方仲裁委员会）, 劳动法律监督员, 职工代理人. */
export const UNION_ROLES = ['mediator', 'arbitrator', 'supervisor', 'workers_agent'] as const;
export type UnionRole = (typeof UNION_ROLES)[number];

export const LEGAL_EVENTS = [
  /** The worker knew, or should have known, that their rights were infringed (the limitation starts). */
  'violation_known',
  /** A claim, a request for help or the employer's promise to pay: the limitation starts again. */
  'limitation_interrupted',
  'arbitration_applied',
  'arbitration_accepted',
  /** The committee's chair extended the hearing period (at most 15 days). */
  'arbitration_extended',
  'award_served',
  'lawsuit_filed',
  'judgment_served',
  'appeal_filed',
  'appeal_judgment_served',
] as const;

export const CASE_RESULTS = ['mediation_agreement', 'award', 'judgment', 'settled', 'withdrawn', 'advice_only', 'other'] as const;

export const labourDisputeFlow: CaseFlow = registerFlow({
  kind: 'labour_dispute',
  stages: LEGAL_STAGES,
  entry: LEGAL_STAGES,
  next: {
    intake: ['mediation', 'arbitration', 'first_instance', 'appeal'],
    mediation: ['arbitration'],
    arbitration: ['first_instance'],
    first_instance: ['appeal'],
    appeal: [],
  },
  roles: {
    intake: ['supervisor'],
    mediation: ['mediator'],
    arbitration: ['arbitrator', 'workers_agent'],
    first_instance: ['workers_agent', 'supervisor'],
    appeal: ['workers_agent', 'supervisor'],
  },
  outcomes: {
    intake: ['referred', 'advice_only'],
    mediation: ['agreement', 'failed', 'withdrawn'],
    arbitration: ['award', 'mediated', 'withdrawn', 'not_accepted'],
    first_instance: ['judgment', 'mediated', 'withdrawn'],
    appeal: ['judgment', 'mediated', 'withdrawn'],
  },
  events: LEGAL_EVENTS,
  deadlines: [
    {
      key: 'arbitration_limitation',
      label: '申请劳动仲裁时效（一年）',
      basis: '《劳动争议调解仲裁法》第二十七条：自当事人知道或者应当知道其权利被侵害之日起计算，因主张权利等中断的重新计算',
      from: ['violation_known', 'limitation_interrupted'],
      period: { years: 1 },
      metBy: ['arbitration_applied', 'arbitration_started'],
    },
    {
      key: 'mediation_period',
      label: '调解期限（十五日，逾期未达成协议可申请仲裁）',
      basis: '《劳动争议调解仲裁法》第十四条',
      from: ['mediation_started'],
      period: { days: 15 },
      metBy: ['mediation_ended'],
    },
    {
      key: 'arbitration_award',
      label: '仲裁裁决期限（四十五日，可延长十五日）',
      basis: '《劳动争议调解仲裁法》第四十三条：自受理仲裁申请之日起四十五日内结束，经批准可延期不超过十五日',
      from: ['arbitration_accepted'],
      period: { days: 45 },
      extension: { event: 'arbitration_extended', period: { days: 15 } },
      metBy: ['award_served', 'arbitration_ended'],
    },
    {
      key: 'lawsuit_filing',
      label: '不服仲裁裁决起诉期限（十五日）',
      basis: '《劳动争议调解仲裁法》第四十八条、第五十条：自收到仲裁裁决书之日起十五日内',
      from: ['award_served'],
      period: { days: 15 },
      metBy: ['lawsuit_filed', 'first_instance_started'],
    },
    {
      key: 'appeal_filing',
      label: '上诉期限（十五日）',
      basis: '《民事诉讼法》第一百七十一条：自判决书送达之日起十五日内',
      from: ['judgment_served'],
      period: { days: 15 },
      metBy: ['appeal_filed', 'appeal_started'],
    },
  ],
  results: CASE_RESULTS,
});
