import { Type, type TSchema } from 'typebox';
import { OneOf, Text, RecordId } from '../../server/schemas.ts';
import { APPROVAL_LEVELS } from '../../engines/approvals/schema.ts';
import { SCHOOL_LEVELS, type CampaignRow } from './schema.ts';

export const read = { permission: 'relief.read' } as const;
export const write = { permission: 'relief.write' } as const;
export const approve = { permission: 'relief.approve' } as const;
export const funds = { permission: 'funds.write' } as const;
export const pay = { permission: 'funds.pay' } as const;

export const tags = ['帮扶活动'];
export const Str = Type.Union([Type.String(), Type.Null()]);
export const Nullable = <T extends TSchema>(t: T) => Type.Optional(Type.Union([t, Type.Null()]));

export { yuanFixed as yuan } from '../../engines/money.ts';

export const Step = Type.Union([
  Type.Object({ kind: Type.Literal('decide'), level: OneOf(APPROVAL_LEVELS), label: Type.Optional(Text({ max: 30 })) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('notice'), days: Type.Integer({ minimum: 1, maximum: 30 }), label: Type.Optional(Text({ max: 30 })) }, { additionalProperties: false }),
]);
export const Fen = Type.Integer({ minimum: 1, maximum: 100_000_00, description: '单位：分' });
export const Rules = Type.Object(
  {
    grades: Type.Optional(Type.Array(OneOf(['deep', 'relative', 'accident'] as const))),
    allowNotFiled: Type.Optional(Type.Boolean()),
    schoolLevels: Type.Optional(Type.Array(OneOf(SCHOOL_LEVELS))),
    excludeFundedElsewhere: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const SchoolStandard = Type.Object({ filed: Fen, notFiled: Fen }, { additionalProperties: false });
export const Standards = Type.Object(
  {
    byGrade: Type.Optional(Type.Object({ deep: Type.Optional(Fen), relative: Type.Optional(Fen), accident: Type.Optional(Fen), not_filed: Type.Optional(Fen) }, { additionalProperties: false })),
    // Named keys (not a record over an enum): the response serialiser keeps only the properties it knows.
    bySchool: Type.Optional(
      Type.Object(Object.fromEntries(SCHOOL_LEVELS.map((l) => [l, Type.Optional(SchoolStandard)])) as Record<(typeof SCHOOL_LEVELS)[number], ReturnType<typeof Type.Optional<typeof SchoolStandard>>>, {
        additionalProperties: false,
      }),
    ),
  },
  { additionalProperties: false },
);
export const Totals = Type.Object({ raised: Type.Integer(), available: Type.Integer(), committed: Type.Integer(), paid: Type.Integer() });
export const Campaign = Type.Object({
  id: Type.Integer(),
  unitId: Type.Integer(),
  kind: Type.String(),
  subject: Type.String(),
  name: Type.String(),
  periodFrom: Type.String(),
  periodTo: Type.String(),
  rules: Rules,
  standards: Standards,
  chainId: Type.Integer(),
  fundId: Type.Integer(),
  status: Type.String(),
});
export const presentCampaign = (c: CampaignRow) => ({
  id: c.id,
  unitId: c.unitId,
  kind: c.kind,
  subject: c.subject,
  name: c.name,
  periodFrom: c.periodFrom,
  periodTo: c.periodTo,
  rules: c.rules,
  standards: c.standards,
  chainId: c.chainId,
  fundId: c.fundId,
  status: c.status,
});

export const Check = Type.Object({ rule: Type.String(), ok: Type.Boolean(), reason: Type.String() });
export const Application = Type.Object({
  id: Type.Integer(),
  campaignId: Type.Integer(),
  unitId: Type.Integer(),
  unitName: Type.Optional(Type.String()),
  householdId: Type.Union([Type.Null(), Type.Integer()]),
  archived: Type.Boolean(),
  grade: Str,
  name: Type.String(),
  idMasked: Type.String(),
  people: Type.Integer(),
  guardianName: Str,
  school: Str,
  schoolLevel: Str,
  fundedElsewhere: Type.Boolean(),
  bankName: Str,
  bankAccountMasked: Str,
  eligibility: Type.Array(Check),
  amountFen: Type.Integer(),
  batchId: Type.Union([Type.Null(), Type.Integer()]),
  paidOn: Str,
  status: Type.Optional(Type.String()),
});
export const ApplicationBody = Type.Object(
  {
    unitId: RecordId({ description: '填报申请的工会' }),
    householdId: Nullable(RecordId()),
    name: Nullable(Text({ max: 50, description: '未建档家庭的职工姓名，或学生姓名' })),
    idNumber: Nullable(Text({ min: 18, max: 18 })),
    people: Type.Optional(Type.Unsafe<number | null>({ type: ['integer', 'null'], minimum: 1, maximum: 20 })),
    guardianName: Nullable(Text({ max: 50 })),
    school: Nullable(Text({ max: 100 })),
    schoolLevel: Nullable(OneOf(SCHOOL_LEVELS)),
    fundedElsewhere: Type.Optional(Type.Boolean()),
    bankName: Nullable(Text({ max: 50 })),
    bankAccount: Nullable(Text({ min: 0, max: 40 })),
  },
  { additionalProperties: false },
);
export const Decision = Type.Object({ decision: OneOf(['approve', 'reject'] as const), reason: Nullable(Text({ max: 500 })) }, { additionalProperties: false });
export const Outcome = Type.Object({
  requestId: Type.Integer(),
  applicationId: Type.Optional(Type.Integer()),
  name: Type.Optional(Type.String()),
  amountFen: Type.Optional(Type.Integer()),
  ok: Type.Boolean(),
  code: Type.Optional(Type.String()),
  message: Type.Optional(Type.String()),
  from: Type.Object({ step: Type.Integer(), status: Type.String(), label: Type.String() }),
  to: Type.Optional(Type.Object({ step: Type.Integer(), status: Type.String(), label: Type.String() })),
});
export const Batch = Type.Object({
  id: Type.Integer(),
  campaignId: Type.Integer(),
  unitId: Type.Integer(),
  unitName: Type.Optional(Type.String()),
  status: Type.String(),
  count: Type.Integer(),
  totalFen: Type.Integer(),
  createdAt: Type.String(),
  exportedAt: Str,
  paidOn: Str,
  bankReference: Str,
});
export const presentBatch = (b: {
  id: number;
  campaignId: number;
  unitId: number;
  unitName?: string;
  status: string;
  count: number;
  totalFen: number;
  createdAt: Date;
  exportedAt: Date | null;
  paidOn: string | null;
  bankReference: string | null;
}) => ({
  id: b.id,
  campaignId: b.campaignId,
  unitId: b.unitId,
  ...(b.unitName !== undefined ? { unitName: b.unitName } : {}),
  status: b.status,
  count: b.count,
  totalFen: b.totalFen,
  createdAt: b.createdAt.toISOString(),
  exportedAt: b.exportedAt?.toISOString() ?? null,
  paidOn: b.paidOn,
  bankReference: b.bankReference,
});
export const SummaryRow = Type.Object({
  unitId: Type.Integer(),
  unitName: Type.String(),
  kind: Type.String(),
  applications: Type.Integer(),
  approved: Type.Integer(),
  households: Type.Integer(),
  people: Type.Integer(),
  raisedFen: Type.Integer(),
  allocatedFen: Type.Integer({ description: '该行单位收到的上级拨付；合计行为拨付给下级各单位的总额' }),
  committedFen: Type.Integer({ description: '已批准、待发放' }),
  paidFen: Type.Integer(),
  availableFen: Type.Integer({ description: '结余（可用资金）' }),
});
export const Summary = Type.Object({
  campaign: Type.Object({ id: Type.Integer(), name: Type.String(), kind: Type.String(), subject: Type.String(), periodFrom: Type.String(), periodTo: Type.String() }),
  unit: Type.Object({ id: Type.Integer(), name: Type.String() }),
  rows: Type.Array(SummaryRow),
  total: SummaryRow,
  byGrade: Type.Array(Type.Object({ grade: Type.String(), households: Type.Integer(), people: Type.Integer(), paid: Type.Integer() })),
});
export const StudentAid = Type.Object({
  campaign: Type.Object({ id: Type.Integer(), name: Type.String() }),
  unit: Type.Object({ id: Type.Integer(), name: Type.String() }),
  items: Type.Array(Type.Object({ schoolLevel: Type.String(), archived: Type.Boolean(), approved: Type.Integer(), paid: Type.Integer(), approvedFen: Type.Integer(), paidFen: Type.Integer() })),
  total: Type.Object({ approved: Type.Integer(), paid: Type.Integer(), approvedFen: Type.Integer(), paidFen: Type.Integer() }),
});
export const UnderUnit = Type.Object({ underUnitId: Type.Optional(RecordId()) });
