/** The fund books, read-only: balances, the postings behind any figure, and the trail of an entry. */
import { Type } from 'typebox';
import type { App } from '../../server/app-types.ts';
import { IdParam, OneOf, Page, Paging, errorResponses, pageOf, RecordId } from '../../server/schemas.ts';
import { getUnit } from '../org/service.ts';
import { LEDGER_ACCOUNT_KINDS, LEDGER_ENTRY_KINDS, type LedgerEntryRow } from './schema.ts';
import { fundBooks, listFunds, listLines, sumLines, traceEntryById, type LedgerLineView } from './service.ts';

const tags = ['资金账簿'];

const Totals = Type.Object({ raised: Type.Integer(), available: Type.Integer(), committed: Type.Integer(), paid: Type.Integer() }, { description: '单位：分。筹集 = 可用 + 已批待付 + 已支付' });
const Fund = Type.Object({ id: Type.Integer(), unitId: Type.Integer(), code: Type.String(), name: Type.String() });
const Account = Type.Object({ id: Type.Integer(), unitId: Type.Integer(), kind: Type.String(), code: Type.String(), name: Type.String(), balance: Type.Integer() });
export const LineView = Type.Object({
  fundId: Type.Integer(),
  lineId: Type.Integer(),
  entryId: Type.Integer(),
  amount: Type.Integer({ description: '分；借方为正' }),
  accountId: Type.Integer(),
  accountKind: Type.String(),
  accountCode: Type.String(),
  accountName: Type.String(),
  unitId: Type.Integer(),
  entryKind: Type.String(),
  memo: Type.String(),
  refType: Type.Union([Type.String(), Type.Null()]),
  refId: Type.Union([Type.String(), Type.Null()]),
  postedOn: Type.String(),
  postedByName: Type.String(),
});
export const EntryView = Type.Object({
  fundId: Type.Integer(),
  id: Type.Integer(),
  kind: Type.String(),
  unitId: Type.Integer(),
  memo: Type.String(),
  refType: Type.Union([Type.String(), Type.Null()]),
  refId: Type.Union([Type.String(), Type.Null()]),
  postedOn: Type.String(),
  postedByName: Type.String(),
});

export const presentEntry = (e: LedgerEntryRow) => ({
  fundId: e.fundId,
  id: e.id,
  kind: e.kind,
  unitId: e.unitId,
  memo: e.memo,
  refType: e.refType,
  refId: e.refId,
  postedOn: e.postedOn,
  postedByName: e.postedByName,
});
export const presentLine = (l: LedgerLineView) => l;

export function ledgerRoutes(app: App): void {
  const read = { permission: 'funds.read' } as const;

  app.get('/api/v1/funds', {
    schema: { tags, summary: '资金列表（含各项合计，单位：分）', querystring: Type.Object({ ...Paging }), response: { 200: Page(Type.Object({ fund: Fund, totals: Totals })), ...errorResponses } },
    config: { access: read },
    handler: async (req) =>
      req.inScope(async (ctx) => {
        const r = await listFunds(ctx, pageOf(req.query));
        const items = [];
        for (const f of r.items) items.push({ fund: f, totals: (await fundBooks(ctx, f.id)).totals });
        return { items, total: r.total };
      }),
  });

  app.get('/api/v1/funds/:id', {
    schema: {
      tags,
      summary: '资金账簿：各单位账户余额与合计（只含本辖区）',
      params: IdParam,
      querystring: Type.Object({ underUnitId: Type.Optional(RecordId()) }),
      response: { 200: Type.Object({ fund: Fund, accounts: Type.Array(Account), totals: Totals }), ...errorResponses },
    },
    config: { access: { ...read, resource: 'fund' } },
    handler: async (req) => req.inScope(async (ctx) => fundBooks(ctx, req.params.id, req.query.underUnitId ? (await getUnit(ctx, req.query.underUnitId)).path : undefined)),
  });

  app.get('/api/v1/funds/:id/lines', {
    schema: {
      tags,
      summary: '记账分录（按账户类型、业务类型、单位筛选；合计即报表数字）',
      params: IdParam,
      querystring: Type.Object({
        accountKind: Type.Optional(OneOf(LEDGER_ACCOUNT_KINDS)),
        entryKind: Type.Optional(OneOf(LEDGER_ENTRY_KINDS)),
        underUnitId: Type.Optional(RecordId()),
        ...Paging,
      }),
      response: { 200: Type.Object({ items: Type.Array(LineView), total: Type.Integer(), sum: Type.Integer() }), ...errorResponses },
    },
    config: { access: { ...read, resource: 'fund' } },
    handler: async (req) =>
      req.inScope(async (ctx) => {
        const q = req.query;
        const underPath = q.underUnitId ? (await getUnit(ctx, q.underUnitId)).path : undefined;
        const f = { fundId: req.params.id, accountKind: q.accountKind, entryKinds: q.entryKind ? [q.entryKind] : undefined, underPath };
        await fundBooks(ctx, req.params.id);
        const r = await listLines(ctx, { ...f, ...pageOf(q) });
        return { items: r.items.map(presentLine), total: r.total, sum: (await sumLines(ctx, f)).amount };
      }),
  });

  app.get('/api/v1/ledger/entries/:id', {
    schema: {
      tags,
      summary: '记账凭证及其来龙去脉：同一业务的各笔记账、资金池的资金来源',
      params: IdParam,
      response: {
        200: Type.Object({ entry: EntryView, lines: Type.Array(LineView), related: Type.Array(EntryView), relatedLines: Type.Array(LineView), fundedBy: Type.Array(LineView) }),
        ...errorResponses,
      },
    },
    config: { access: { ...read, resource: 'ledger_entry' } },
    handler: async (req) =>
      req.inScope(async (ctx) => {
        const t = await traceEntryById(ctx, req.params.id);
        return { entry: presentEntry(t.entry), lines: t.lines, related: t.related.map(presentEntry), relatedLines: t.relatedLines, fundedBy: t.fundedBy };
      }),
  });
}
