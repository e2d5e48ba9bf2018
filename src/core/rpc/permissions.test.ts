import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestTill, MILK, PIN } from '../testing/harness.js';
import { commands, type CommandInput, type CommandName } from '../../shared/contract/commands.js';
import type { ErrorBody, ErrorCode } from '../../shared/contract/errors.js';
import { ROLES, roleAtLeast, type Role } from '../../shared/roles.js';
import { uuidv7 } from '../../shared/ids.js';
import { DEMO_DEVICES } from '../../shared/contract/devices.js';

/**
 * The permission matrix: every command × every role (and no session at all). The
 * expected rule of each command is written down here, independently of the contract,
 * so a change to who may do what shows up as a failing test.
 */

type Who = Role | 'public' | 'any';
type Caller = Role | 'none';

interface Fixture {
  till: TestTill;
  ensureShift(): Promise<string>;
  ensureNoShift(): Promise<void>;
  ensureLine(): Promise<{ lineId: string; qty: number; total: number }>;
  ensureNoLines(): Promise<void>;
  aSale(): Promise<{ id: string; number: number }>;
  /** an intake draft with a supplier and one line of milk */
  aDraft(): Promise<{ id: string; lineId: string }>;
  aPostedDoc(): Promise<string>;
  openStocktake(): Promise<string>;
  noStocktake(): Promise<void>;
  /** a CSV uploaded to the core's exchange folder */
  upload(csv: string): Promise<string>;
  milkId: string;
}

interface Row<N extends CommandName> {
  who: Who;
  override?: boolean;
  /** a valid input for the state the fixture brings the till into */
  input: (fx: Fixture) => Promise<CommandInput<N>> | CommandInput<N>;
  /** when the caller is allowed, the command ends in this error instead (its permission did pass) */
  allowedError?: ErrorCode;
  /** the journal event the command writes: it must name the user and the approver */
  event?: string;
  /** the call ends its own session (logout): give it a session of its own */
  ownSession?: boolean;
  check?: (result: unknown, caller: Caller) => void;
}

const MATRIX: { [N in CommandName]: Row<N> } = {
  'setup.status': { who: 'public', input: () => ({}), check: (r) => expect(r).toMatchObject({ ready: true }) },
  'setup.demo': { who: 'public', input: () => ({}), allowedError: 'conflict' },
  'setup.create': {
    who: 'public', allowedError: 'conflict',
    input: () => ({ name: 'Ромашка', inn: '7701234567', address: 'Тверь', taxSystem: 'usn_income', ownerName: 'Олег', ownerPin: '4321' }),
  },
  'settings.setLang': { who: 'any', input: () => ({ lang: 'ru' }) },
  'auth.login': { who: 'public', input: () => ({ pin: PIN.cashier }), check: (r) => expect(r).toMatchObject({ user: { role: 'cashier' } }) },
  'auth.logout': { who: 'any', input: () => ({}), ownSession: true },
  'auth.whoami': { who: 'any', input: () => ({}), check: (r, caller) => expect(r).toMatchObject({ role: caller }) },
  'catalog.lookup': { who: 'any', input: () => ({ code: MILK }), check: (r) => expect(r).toMatchObject({ product: { price: 8899 } }) },
  'catalog.search': { who: 'any', input: () => ({ query: 'молоко' }), check: (r) => expect((r as unknown[]).length).toBeGreaterThan(0) },
  'shift.current': { who: 'any', input: () => ({}) },
  'shift.open': {
    who: 'cashier', event: 'shift.opened',
    input: async (fx) => { await fx.ensureNoShift(); return { id: uuidv7(), float: 1000 }; },
  },
  'shift.xReport': { who: 'cashier', event: 'shift.xReport', input: async (fx) => { await fx.ensureShift(); return {}; } },
  'shift.close': {
    who: 'cashier', event: 'shift.closed',
    input: async (fx) => { await fx.ensureShift(); await fx.ensureNoLines(); return { counted: 0 }; },
  },
  'shift.list': { who: 'manager', input: () => ({}) },
  'shift.report': { who: 'manager', input: async (fx) => ({ id: await fx.ensureShift() }) },
  'cart.get': { who: 'cashier', input: () => ({}) },
  'cart.scan': { who: 'cashier', input: async (fx) => { await fx.ensureShift(); return { code: MILK }; } },
  'cart.add': { who: 'cashier', input: async (fx) => { await fx.ensureShift(); return { productId: fx.milkId }; } },
  'cart.setQty': {
    who: 'cashier',
    input: async (fx) => { const l = await fx.ensureLine(); return { lineId: l.lineId, qty: l.qty + 1000 }; },
  },
  'cart.removeLine': {
    who: 'senior', override: true, event: 'cart.lineVoided',
    input: async (fx) => ({ lineId: (await fx.ensureLine()).lineId }),
  },
  'cart.discount': {
    who: 'cashier', event: 'cart.discountGiven',
    input: async (fx) => { await fx.ensureLine(); return { discount: { kind: 'percent', value: 300 } }; },
  },
  'cart.cancel': { who: 'senior', override: true, event: 'cart.cancelled', input: async (fx) => { await fx.ensureLine(); return {}; } },
  'sale.complete': {
    who: 'cashier', event: 'sale.completed',
    input: async (fx) => {
      await fx.ensureLine();
      const cart = await fx.till.call('cart.get', {});
      return { id: uuidv7(), payments: [{ kind: 'cash', amount: cart?.total ?? 1 }] };
    },
  },
  'sale.record': {
    who: 'cashier', event: 'sale.completed',
    input: async (fx) => { await fx.ensureShift(); return { id: uuidv7(), lines: [{ code: MILK }], payments: [{ kind: 'card', amount: 8899 }] }; },
  },
  'sale.get': { who: 'cashier', input: async (fx) => ({ id: (await fx.aSale()).id }) },
  'sale.find': { who: 'cashier', input: async (fx) => ({ number: (await fx.aSale()).number }), check: (r) => expect(r).toHaveLength(1) },
  'sale.list': { who: 'manager', input: () => ({}) },
  'sale.receipt': { who: 'cashier', input: async (fx) => ({ id: (await fx.aSale()).id }) },
  'return.create': {
    who: 'senior', override: true, event: 'return.completed',
    input: async (fx) => ({ id: uuidv7(), saleId: (await fx.aSale()).id, lines: [{ lineNo: 1, qty: 1000 }] }),
  },
  'return.noReceipt': {
    who: 'manager', override: true, event: 'return.completed',
    input: async (fx) => {
      await fx.ensureShift();
      return { id: uuidv7(), lines: [{ productId: fx.milkId, qty: 1000, price: 8899 }], kind: 'card', reason: 'чек утерян' };
    },
  },
  'cash.move': {
    who: 'cashier', event: 'cash.moved',
    input: async (fx) => { await fx.ensureShift(); return { id: uuidv7(), kind: 'in', amount: 100, reason: 'размен' }; },
  },
  'drawer.open': { who: 'senior', override: true, event: 'drawer.opened', input: () => ({ reason: 'проверка' }) },
  'journal.list': { who: 'manager', input: () => ({}) },
  'users.list': { who: 'manager', input: () => ({}), check: (r) => expect(r).toHaveLength(4) },
  'catalog.list': { who: 'senior', input: () => ({ query: 'молоко' }), check: (r) => expect((r as { total: number }).total).toBeGreaterThan(0) },
  'catalog.get': { who: 'senior', input: (fx) => ({ id: fx.milkId }) },
  'catalog.save': { who: 'manager', event: 'product.saved', input: () => ({ id: uuidv7(), name: 'Чай зелёный', unit: 'pcs', vat: '22' }) },
  'catalog.remove': {
    who: 'manager', event: 'product.removed',
    input: async (fx) => ({ id: (await fx.till.call('catalog.save', { id: uuidv7(), name: 'Лишний товар', unit: 'pcs', vat: '22' }, admin)).id }),
    check: (r) => expect(r).toEqual({ outcome: 'deleted' }),
  },
  'catalog.restore': { who: 'manager', event: 'product.restored', input: (fx) => ({ id: fx.milkId }) },
  'groups.list': { who: 'any', input: () => ({}) },
  'groups.save': { who: 'manager', event: 'group.saved', input: () => ({ id: uuidv7(), name: 'Чай' }) },
  'suppliers.list': { who: 'senior', input: () => ({}) },
  'suppliers.save': { who: 'manager', event: 'supplier.saved', input: () => ({ id: uuidv7(), name: 'ООО Чайный двор' }) },
  'vat.list': { who: 'any', input: () => ({}), check: (r) => expect(r).toContainEqual({ code: '22', percent: 22, label: 'НДС 22%', tag1199: 1 }) },
  'vat.save': { who: 'owner', event: 'vat.saved', input: () => ({ code: '22', percent: 22, label: 'НДС 22%', tag1199: 1 }) },
  'draft.create': { who: 'senior', input: () => ({ id: uuidv7(), kind: 'writeoff' }) },
  'draft.list': { who: 'senior', input: () => ({}) },
  'draft.get': { who: 'senior', input: async (fx) => ({ id: (await fx.aDraft()).id }) },
  'draft.setHeader': {
    who: 'senior',
    input: async (fx) => ({ id: (await fx.aDraft()).id, header: { supplierId: null, extNumber: '7', extDate: null, counterpart: null, reason: null, note: null } }),
  },
  'draft.scan': { who: 'senior', input: async (fx) => ({ id: (await fx.aDraft()).id, code: MILK }) },
  'draft.addLine': { who: 'senior', input: async (fx) => ({ id: (await fx.aDraft()).id, productId: fx.milkId }) },
  'draft.setLine': { who: 'senior', input: async (fx) => { const d = await fx.aDraft(); return { draftId: d.id, lineId: d.lineId, qty: 5000 }; } },
  'draft.removeLine': { who: 'senior', input: async (fx) => { const d = await fx.aDraft(); return { draftId: d.id, lineId: d.lineId }; } },
  'draft.discard': { who: 'senior', input: async (fx) => ({ id: (await fx.aDraft()).id }) },
  'draft.post': { who: 'manager', override: true, event: 'stock.posted', input: async (fx) => ({ id: (await fx.aDraft()).id }) },
  'stock.correct': { who: 'manager', input: async (fx) => ({ id: uuidv7(), docId: await fx.aPostedDoc() }) },
  'stock.docs': { who: 'senior', input: () => ({}) },
  'stock.doc': { who: 'senior', input: async (fx) => ({ id: await fx.aPostedDoc() }) },
  'stock.movements': { who: 'senior', input: (fx) => ({ productId: fx.milkId }) },
  'stocktake.start': { who: 'manager', input: async (fx) => { await fx.noStocktake(); return { id: uuidv7() }; } },
  'stocktake.list': { who: 'cashier', input: () => ({}) },
  'stocktake.count': { who: 'cashier', input: async (fx) => ({ id: uuidv7(), stocktakeId: await fx.openStocktake(), code: MILK }) },
  'stocktake.sheet': { who: 'senior', input: async (fx) => ({ stocktakeId: await fx.openStocktake() }) },
  'stocktake.post': { who: 'manager', override: true, event: 'stock.posted', input: async (fx) => ({ stocktakeId: await fx.openStocktake() }) },
  'stocktake.cancel': { who: 'manager', input: async (fx) => ({ stocktakeId: await fx.openStocktake() }) },
  'prices.change': { who: 'manager', override: true, event: 'price.changed', input: (fx) => ({ id: uuidv7(), lines: [{ productId: fx.milkId, price: 8899 }] }) },
  'prices.docs': { who: 'senior', input: () => ({}) },
  'prices.history': { who: 'senior', input: (fx) => ({ productId: fx.milkId }) },
  'report.sales': { who: 'manager', input: () => ({ from: '2026-01-01', to: '2026-12-31', by: 'day' }) },
  'report.abc': { who: 'manager', input: () => ({ from: '2026-01-01', to: '2026-12-31' }) },
  'report.xyz': { who: 'manager', input: () => ({ from: '2026-01-01', to: '2026-12-31' }) },
  'report.cashiers': { who: 'manager', input: () => ({ from: '2026-01-01', to: '2026-12-31' }) },
  'report.stock': { who: 'manager', input: () => ({ kind: 'out' }) },
  'report.reorder': { who: 'manager', input: () => ({}) },
  'tags.templates': { who: 'senior', input: () => ({}) },
  'tags.print': {
    who: 'senior', input: (fx) => ({ selection: { by: 'products', productIds: [fx.milkId] }, templateId: 'a4-3x8' }),
    check: (r) => expect(r).toMatchObject({ count: 1, file: { id: expect.stringMatching(/\.pdf$/) } }),
  },
  'import.preview': {
    who: 'manager', input: async (fx) => ({ files: [await fx.upload('Наименование;Штрихкод;Цена\nЧай;;99,90\n')] }),
    check: (r) => expect(r).toMatchObject({ format: 'csv', header: ['Наименование', 'Штрихкод', 'Цена'], mapping: { name: 0, barcodes: 1, price: 2 } }),
  },
  'import.run': {
    who: 'manager', input: async (fx) => ({ id: uuidv7(), files: [await fx.upload('Наименование;Цена\nЧай из матрицы;99,90\n')], mapping: { name: 0, price: 1 } }),
    check: (r) => expect(r).toMatchObject({ applied: true, refusedCount: 0 }),
  },
  'import.cancel': { who: 'manager', input: () => ({ id: uuidv7() }) },
  'export.run': { who: 'manager', input: () => ({ format: 'csv', source: { what: 'stock' } }) },
  'devices.get': { who: 'manager', input: () => ({}), check: (r) => expect(r).toMatchObject({ status: expect.arrayContaining([expect.objectContaining({ device: 'printer', state: 'ok' })]) }) },
  'devices.save': { who: 'manager', event: 'devices.saved', input: () => DEMO_DEVICES, check: (r) => expect(r).toMatchObject({ settings: DEMO_DEVICES }) },
  'devices.test': { who: 'manager', event: 'drawer.opened', input: () => ({ device: 'drawer' }), check: (r) => expect(r).toMatchObject({ ok: true, message: 'devices.test.drawerOpened' }) },
  'devices.ports': { who: 'manager', input: () => ({}) },
  'devices.status': { who: 'any', input: () => ({}), check: (r) => expect(r).toContainEqual(expect.objectContaining({ device: 'scale', state: 'off' })) },
  // the till under test has no scale: the cashier's command passes the permission check and says so
  'scale.read': { who: 'cashier', input: () => ({}), allowedError: 'conflict' },
  'files.put': { who: 'senior', input: () => ({ id: `${uuidv7()}.csv`, name: 'прайс.csv', offset: 0, data: Buffer.from('Наименование;Цена\n').toString('base64'), done: true }) },
  'files.read': {
    who: 'senior',
    input: async (fx) => {
      const id = `${uuidv7()}.txt`;
      await fx.till.call('files.put', { id, name: 'a.txt', offset: 0, data: Buffer.from('abc').toString('base64') }, admin);
      return { id };
    },
    check: (r) => expect(r).toMatchObject({ name: 'a.txt', size: 3, data: Buffer.from('abc').toString('base64'), done: true }),
  },
};

interface AnyRow {
  who: Who;
  override?: boolean;
  input: (fx: Fixture) => Promise<unknown> | unknown;
  allowedError?: ErrorCode;
  event?: string;
  ownSession?: boolean;
  check?: (result: unknown, caller: Caller) => void;
}

function rowOf(name: CommandName): AnyRow {
  const row: AnyRow | undefined = MATRIX[name];
  if (!row) throw new Error(`the permission matrix has no row for ${name}: add one`);
  return row;
}

const NAMES = Object.keys(commands) as CommandName[];
const CALLERS: Caller[] = ['none', ...ROLES];

function expectedOutcome(row: AnyRow, caller: Caller): 'ok' | 'unauthenticated' | 'forbidden' {
  if (row.who === 'public') return 'ok';
  if (caller === 'none') return 'unauthenticated';
  if (row.who === 'any') return 'ok';
  return roleAtLeast(caller, row.who) ? 'ok' : 'forbidden';
}

let till: TestTill;
let fx: Fixture;
const tokens = new Map<Role, string>();
const userIds = new Map<Role, string>();
let admin = '';

function journalAfter(seq: number, type: string) {
  return till.core.services.db
    .prepare<[number, string], { seq: number; user_id: string | null; approved_by: string | null; payload: string }>(
      'SELECT seq, user_id, approved_by, payload FROM journal WHERE seq > ? AND type = ? ORDER BY seq DESC LIMIT 1',
    )
    .get(seq, type);
}

function lastSeq(): number {
  return till.core.services.db.prepare<[], { n: number }>('SELECT COALESCE(MAX(seq), 0) AS n FROM journal').get()?.n ?? 0;
}

async function dispatch(name: CommandName, input: unknown, token: string | null, origin = 'test') {
  return till.core.dispatch(name, input, { token, origin });
}

beforeAll(async () => {
  till = await TestTill.demo();
  for (const role of ROLES) tokens.set(role, await till.login(PIN[role]));
  admin = tokens.get('owner') ?? '';
  till.token = admin;
  for (const u of await till.call('users.list', {})) userIds.set(u.role, u.id);
  const milk = await till.call('catalog.lookup', { code: MILK });
  fx = {
    till,
    milkId: milk.product.id,
    async ensureShift() {
      const open = await till.call('shift.current', {}, admin);
      if (open) return open.id;
      const id = uuidv7();
      await till.call('shift.open', { id, float: 1_000_000 }, admin);
      return id;
    },
    async ensureNoShift() {
      if (!(await till.call('shift.current', {}, admin))) return;
      await this.ensureNoLines();
      await till.call('shift.close', { counted: 0 }, admin);
    },
    async ensureLine() {
      await this.ensureShift();
      let cart = await till.call('cart.get', {}, admin);
      if (!cart || cart.lines.length === 0) cart = await till.call('cart.scan', { code: MILK }, admin);
      const line = cart.lines[0];
      if (!line) throw new Error('no line after a scan');
      return { lineId: line.id, qty: line.qty, total: cart.total };
    },
    async ensureNoLines() {
      const cart = await till.call('cart.get', {}, admin);
      if (cart) await till.call('cart.cancel', {}, admin);
    },
    async aSale() {
      await this.ensureShift();
      const sale = await till.call('sale.record', { id: uuidv7(), lines: [{ code: MILK }, { code: MILK }], payments: [{ kind: 'card', amount: 17798 }] }, admin);
      return { id: sale.id, number: sale.number };
    },
    async aDraft() {
      const supplier = await till.call('suppliers.save', { id: uuidv7(), name: 'ООО Молочный край' }, admin);
      const draft = await till.call('draft.create', {
        id: uuidv7(), kind: 'intake', header: { supplierId: supplier.id, extNumber: '15', extDate: null, counterpart: null, reason: null, note: null },
      }, admin);
      const filled = await till.call('draft.scan', { id: draft.id, code: MILK }, admin);
      return { id: draft.id, lineId: filled.lines[0]?.lineId ?? '' };
    },
    async aPostedDoc() {
      return (await till.call('draft.post', { id: (await this.aDraft()).id }, admin)).doc.id;
    },
    async openStocktake() {
      const open = (await till.call('stocktake.list', {}, admin)).find((st) => st.status === 'open');
      return open?.id ?? (await till.call('stocktake.start', { id: uuidv7() }, admin)).id;
    },
    async upload(csv: string) {
      const id = `${uuidv7()}.csv`;
      await till.call('files.put', { id, name: 'прайс.csv', offset: 0, data: Buffer.from(csv).toString('base64'), done: true }, admin);
      return id;
    },
    async noStocktake() {
      for (const st of await till.call('stocktake.list', {}, admin)) if (st.status === 'open') await till.call('stocktake.cancel', { stocktakeId: st.id }, admin);
    },
  };
});
afterAll(() => till?.close());

describe('the permission matrix', () => {
  it('has a row for every command of the contract, and no row for a command that does not exist', () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...NAMES].sort());
  });

  it.each(NAMES)('%s: the contract declares the rule the matrix expects', (name) => {
    const row = rowOf(name);
    expect(commands[name].permission.role).toBe(row.who);
    expect(commands[name].permission.override ?? false).toBe(row.override ?? false);
  });

  const cases = NAMES.flatMap((name) => CALLERS.map((caller) => [name, caller] as const));
  it.each(cases)('%s called by %s', async (name, caller) => {
    const row = rowOf(name);
    const input = await row.input(fx);
    let token: string | null = caller === 'none' ? null : tokens.get(caller) ?? null;
    if (row.ownSession && caller !== 'none') token = (await till.call('auth.login', { pin: PIN[caller] }, null)).token;
    const before = lastSeq();
    const r = await dispatch(name, input, token);
    const want = expectedOutcome(row, caller);
    if (want === 'ok') {
      if (row.allowedError) {
        expect(r.ok ? 'ok' : r.error.code, JSON.stringify(r)).toBe(row.allowedError);
      } else {
        expect(r.ok, JSON.stringify(r)).toBe(true);
        if (r.ok) row.check?.(r.result, caller);
      }
      if (row.event && caller !== 'none') {
        const event = journalAfter(before, row.event);
        expect(event, `${name} journals ${row.event}`).toBeDefined();
        expect(event?.user_id).toBe(userIds.get(caller));
        expect(event?.approved_by).toBeNull();
      }
      if (row.ownSession && caller !== 'none') {
        expect((await dispatch('auth.whoami', {}, token)).ok, 'the session is over after logout').toBe(false);
      }
    } else {
      expect(r.ok, `${name} must be refused to ${caller}: ${JSON.stringify(r)}`).toBe(false);
      const error = (r as { error: ErrorBody }).error;
      expect(error.code).toBe(want);
      if (want === 'forbidden') expect(error.details).toMatchObject({ action: name, role: row.who, overridable: row.override ?? false });
      if (row.event) expect(journalAfter(before, row.event), 'a refused command writes nothing').toBeUndefined();
    }
  });

  const overridable = NAMES.filter((n) => rowOf(n).override).flatMap((name) => {
    const who = rowOf(name).who as Role;
    return ROLES.filter((r) => !roleAtLeast(r, who)).map((caller) => [name, caller] as const);
  });
  it('covers the overridable commands', () => {
    expect(overridable.map(([n]) => n)).toEqual(expect.arrayContaining(['cart.removeLine', 'cart.cancel', 'return.create', 'return.noReceipt', 'drawer.open']));
  });

  it.each(overridable)('%s by a %s with a manager PIN typed in: allowed, and both users are journaled', async (name, caller) => {
    const row = rowOf(name);
    const input = { ...(await row.input(fx) as Record<string, unknown>), override: { pin: PIN.manager } };
    const before = lastSeq();
    const r = await dispatch(name, input, tokens.get(caller) ?? null);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    const event = journalAfter(before, row.event ?? '');
    expect(event, `${name} journals ${row.event}`).toBeDefined();
    expect(event?.user_id).toBe(userIds.get(caller));
    expect(event?.approved_by).toBe(userIds.get('manager'));
    if (name.startsWith('return.') && r.ok) {
      expect(r.result).toMatchObject({ cashier: { role: caller }, approvedBy: { role: 'manager' } });
    }
  });

  it.each(overridable.filter(([, caller]) => caller === 'cashier'))('%s by a cashier with a PIN too low for it is refused', async (name) => {
    const row = rowOf(name);
    // the senior's PIN does not approve what needs a manager; the cashier's own PIN approves nothing
    const pin = row.who === 'manager' ? PIN.senior : PIN.cashier;
    const input = { ...(await row.input(fx) as Record<string, unknown>), override: { pin } };
    const before = lastSeq();
    const r = await dispatch(name, input, tokens.get('cashier') ?? null);
    expect(r.ok).toBe(false);
    expect((r as { error: ErrorBody }).error).toMatchObject({ code: 'forbidden', message: 'errors.overrideRefused' });
    expect(journalAfter(before, row.event ?? '')).toBeUndefined();
  });

  it('a manager-only command cannot be reached with an override PIN: the field is not part of its input', async () => {
    const r = await dispatch('journal.list', { override: { pin: PIN.manager } }, tokens.get('cashier') ?? null);
    expect(r.ok).toBe(false);
    expect((r as { error: ErrorBody }).error.code).toBe('validation');
  });
});

describe('rules that depend on what is asked', () => {
  async function cartWithMilk(qty: number) {
    await fx.ensureShift();
    await fx.ensureNoLines();
    await till.call('cart.scan', { code: MILK, qty }, admin);
    const cart = await till.call('cart.get', {}, admin);
    const line = cart?.lines[0];
    if (!line) throw new Error('no line');
    return line;
  }

  it('a discount within 5 % is the cashier\'s own; beyond it needs a manager PIN, and the journal names the manager', async () => {
    const line = await cartWithMilk(10_000);
    const cashier = tokens.get('cashier') ?? null;
    expect((await dispatch('cart.discount', { lineId: line.id, discount: { kind: 'percent', value: 500 } }, cashier)).ok).toBe(true);

    const before = lastSeq();
    const refused = await dispatch('cart.discount', { lineId: line.id, discount: { kind: 'percent', value: 600 } }, cashier);
    expect(refused.ok).toBe(false);
    expect((refused as { error: ErrorBody }).error).toMatchObject({ code: 'forbidden', details: { role: 'senior', overridable: true } });
    expect(journalAfter(before, 'cart.discountGiven')).toBeUndefined();
    expect((await till.call('cart.get', {}, admin))?.lines[0]?.discount).toEqual({ kind: 'percent', value: 500 });

    // an amount over 5 % of the line (88 990 kopecks) is the same thing
    const amount = await dispatch('cart.discount', { lineId: line.id, discount: { kind: 'amount', value: 4500 } }, cashier);
    expect((amount as { error: ErrorBody }).error?.code).toBe('forbidden');

    const ok = await dispatch('cart.discount', { lineId: line.id, discount: { kind: 'percent', value: 2000 }, override: { pin: PIN.manager } }, cashier);
    expect(ok.ok, JSON.stringify(ok)).toBe(true);
    const event = journalAfter(before, 'cart.discountGiven');
    expect(event?.user_id).toBe(userIds.get('cashier'));
    expect(event?.approved_by).toBe(userIds.get('manager'));
    const cart = await till.call('cart.get', {}, admin);
    expect(cart?.lines[0]?.discountAmount).toBe(17798); // 20 % of 889.90
    expect(cart?.total).toBe(88990 - 17798);
  });

  it('the senior cashier gives up to 10 %, a manager up to 50 %, only the owner more', async () => {
    const line = await cartWithMilk(1000);
    const give = (role: Role, value: number) => dispatch('cart.discount', { lineId: line.id, discount: { kind: 'percent', value } }, tokens.get(role) ?? null);
    expect((await give('senior', 1000)).ok).toBe(true);
    expect((await give('senior', 1001)).ok).toBe(false);
    expect((await give('manager', 5000)).ok).toBe(true);
    expect((await give('manager', 5001)).ok).toBe(false);
    expect((await give('owner', 10_000)).ok).toBe(true);
    expect((await till.call('cart.get', {}, admin))?.total).toBe(0);
  });

  it('raising a quantity is the cashier\'s; lowering it is a void that needs a senior cashier or a PIN', async () => {
    const line = await cartWithMilk(3000);
    const cashier = tokens.get('cashier') ?? null;
    expect((await dispatch('cart.setQty', { lineId: line.id, qty: 4000 }, cashier)).ok).toBe(true);

    const before = lastSeq();
    const refused = await dispatch('cart.setQty', { lineId: line.id, qty: 2000 }, cashier);
    expect((refused as { error: ErrorBody }).error).toMatchObject({ code: 'forbidden', details: { role: 'senior', overridable: true } });
    expect((await till.call('cart.get', {}, admin))?.lines[0]?.qty).toBe(4000);
    expect(journalAfter(before, 'cart.lineVoided')).toBeUndefined();

    const approved = await dispatch('cart.setQty', { lineId: line.id, qty: 2000, override: { pin: PIN.senior } }, cashier);
    expect(approved.ok, JSON.stringify(approved)).toBe(true);
    const event = journalAfter(before, 'cart.lineVoided');
    expect(event?.user_id).toBe(userIds.get('cashier'));
    expect(event?.approved_by).toBe(userIds.get('senior'));
    expect(JSON.parse(event?.payload ?? '{}')).toMatchObject({ qty: 2000, partial: true });

    const bySenior = await dispatch('cart.setQty', { lineId: line.id, qty: 1000 }, tokens.get('senior') ?? null);
    expect(bySenior.ok).toBe(true);
    expect((await till.call('cart.get', {}, admin))?.lines[0]?.qty).toBe(1000);
  });

  it('a wrong override PIN is refused (not taken for a lost session) and journaled as a failed login', async () => {
    const line = await cartWithMilk(1000);
    const before = lastSeq();
    const r = await dispatch('cart.removeLine', { lineId: line.id, override: { pin: '98765' } }, tokens.get('cashier') ?? null, 'override-test');
    expect(r.ok).toBe(false);
    expect((r as { error: ErrorBody }).error).toMatchObject({ code: 'forbidden', message: 'errors.wrongPin' });
    expect((await till.call('cart.get', {}, admin))?.lines).toHaveLength(1);
    expect(journalAfter(before, 'cart.lineVoided')).toBeUndefined();
    const failed = journalAfter(before, 'user.loginFailed');
    expect(failed).toBeDefined();
    expect(JSON.parse(failed?.payload ?? '{}')).toMatchObject({ origin: 'override-test', purpose: 'override' });
    // the cashier is still logged in
    expect((await dispatch('auth.whoami', {}, tokens.get('cashier') ?? null)).ok).toBe(true);
  });

  it('five wrong PINs lock logins from that origin for a while, and only from it', async () => {
    const origin = 'till-7';
    const login = (pin: string, from = origin) => till.core.dispatch('auth.login', { pin }, { token: null, origin: from });
    const before = lastSeq();
    for (let i = 0; i < 5; i++) {
      const r = await login(`9${i}99`);
      expect((r as { error: ErrorBody }).error).toMatchObject({ code: 'unauthenticated', message: 'errors.wrongPin' });
    }
    const locked = await login(PIN.cashier);
    expect((locked as { error: ErrorBody }).error).toMatchObject({ code: 'locked', message: 'errors.loginLocked' });
    expect(till.core.services.db.prepare('SELECT COUNT(*) AS n FROM journal WHERE seq > ? AND type = ?').get(before, 'user.loginFailed')).toEqual({ n: 5 });
    // an override typed in from the locked till is refused too
    const line = await cartWithMilk(1000);
    const override = await dispatch('cart.removeLine', { lineId: line.id, override: { pin: PIN.manager } }, tokens.get('cashier') ?? null, origin);
    expect((override as { error: ErrorBody }).error?.code).toBe('locked');
    expect((await login(PIN.cashier, 'another-till')).ok).toBe(true);

    const saved = till.now;
    till.now = new Date(saved.getTime() + 61_000);
    try {
      expect((await login(PIN.cashier)).ok).toBe(true);
    } finally {
      till.now = saved;
    }
  });
});
