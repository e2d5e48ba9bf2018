import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { TestTill, MILK, PIN } from '../testing/harness.js';
import { commands, type CommandInput, type CommandName } from '../../shared/contract/commands.js';
import type { ErrorBody } from '../../shared/contract/errors.js';
import { uuidv7 } from '../../shared/ids.js';

/**
 * Malformed input to any command is a `validation` error whose issues name the field,
 * and it changes nothing in the ledger. Bad values are derived from each command's own
 * schema (through its JSON Schema: types, bounds, patterns, required and unknown keys),
 * then fast-check throws arbitrary values at every field and at the whole input.
 */

interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
}

type Path = (string | number)[];
interface Mutation {
  path: Path;
  what: string;
  input: unknown;
}

let till: TestTill;
let valid: { [N in CommandName]: CommandInput<N> };

function jsonSchema(name: CommandName): JsonSchema {
  return z.toJSONSchema(commands[name].input, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

function typesOf(s: JsonSchema): Set<string> {
  const branches = s.anyOf ?? s.oneOf;
  if (branches) return new Set(branches.flatMap((b) => [...typesOf(b)]));
  if (s.type === 'integer') return new Set(['integer', 'number']);
  return new Set(s.type ? [s.type] : []);
}

/** Values of the wrong JSON type for `s`. */
function wrongTypes(s: JsonSchema): unknown[] {
  const t = typesOf(s);
  const out: unknown[] = [];
  if (!t.has('null')) out.push(null);
  if (!t.has('boolean')) out.push(true);
  if (!t.has('string')) out.push('garbage', '5');
  if (!t.has('number')) out.push(42, -1);
  if (!t.has('array')) out.push([], ['a', 1]);
  if (!t.has('object')) out.push({}, { a: 1 });
  return out;
}

/** Values of the right type that break the schema's bounds, format or pattern. */
function outOfBounds(s: JsonSchema): { value: unknown; what: string }[] {
  const out: { value: unknown; what: string }[] = [];
  if (s.type === 'integer' || s.type === 'number') {
    if (s.type === 'integer') out.push({ value: 1.5, what: 'a float' }, { value: (s.minimum !== undefined && Math.abs(s.minimum) <= 1e12 ? s.minimum : 0) + 0.25, what: 'a float in range' });
    if (s.minimum !== undefined) {
      out.push({ value: s.minimum - 1, what: 'below minimum' });
      if (s.minimum >= 0) out.push({ value: -100, what: 'negative' });
    }
    if (s.maximum !== undefined) out.push({ value: s.maximum + 1 < Number.MAX_SAFE_INTEGER ? s.maximum + 1 : 2 ** 60, what: 'above maximum' });
    out.push({ value: 1e300, what: 'huge' }, { value: -1e300, what: 'huge negative' });
    out.push({ value: Number.NaN, what: 'NaN' }, { value: Number.POSITIVE_INFINITY, what: 'Infinity' });
  }
  if (s.type === 'string') {
    if (s.minLength !== undefined && s.minLength > 0) out.push({ value: '', what: 'empty' });
    if (s.maxLength !== undefined) out.push({ value: 'я'.repeat(s.maxLength + 1), what: 'too long' });
    if (s.format === 'uuid') out.push({ value: 'not-a-uuid', what: 'not a uuid' }, { value: '019a0000-0000-7000-8000-00000000000', what: 'a uuid one digit short' });
    if (s.pattern) {
      const pattern = new RegExp(s.pattern, 'u');
      const candidates = [{ value: 'garbage', what: 'off pattern' }, { value: '111', what: 'three digits' }, { value: '1'.repeat(13), what: 'thirteen digits' }, { value: 'Я!', what: 'odd characters' }];
      out.push(...candidates.filter((c) => !pattern.test(c.value)));
    }
    if (s.enum) out.push({ value: 'bogus', what: 'not in the enum' });
    if (s.const !== undefined) out.push({ value: 'bogus', what: 'not the constant' });
  }
  if (s.type === 'array') {
    if (s.minItems !== undefined && s.minItems > 0) out.push({ value: [], what: 'empty array' });
  }
  return out;
}

function setAt(root: unknown, path: Path, value: unknown, remove = false): unknown {
  const copy: unknown = structuredClone(root);
  if (path.length === 0) return value;
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (remove) delete node[last];
  else node[last] = value;
  return copy;
}

/** The branch of a union the (valid) value takes. */
function branchFor(s: JsonSchema, value: unknown): JsonSchema | null {
  const branches = s.anyOf ?? s.oneOf;
  if (!branches) return s;
  for (const b of branches) {
    const inner = branchFor(b, value);
    if (!inner) continue;
    if (value === null && inner.type === 'null') return inner;
    if (Array.isArray(value) && inner.type === 'array') return inner;
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && inner.type === 'object') {
      const consts = Object.entries(inner.properties ?? {}).filter(([, p]) => p.const !== undefined);
      if (consts.every(([k, p]) => (value as Record<string, unknown>)[k] === p.const)) return inner;
    }
    if (typeof value === 'string' && inner.type === 'string') return inner;
    if (typeof value === 'number' && (inner.type === 'number' || inner.type === 'integer')) return inner;
    if (typeof value === 'boolean' && inner.type === 'boolean') return inner;
  }
  return null;
}

/** Every targeted way to break `root` at and below `path`. */
function mutations(root: unknown, schema: JsonSchema, value: unknown, path: Path): Mutation[] {
  const out: Mutation[] = [];
  const at = (what: string, v: unknown) => out.push({ path, what, input: setAt(root, path, v) });
  // (a null or absent input as a whole means "no input", i.e. {}: see the last test)
  for (const v of wrongTypes(schema)) if (path.length > 0 || v !== null) at(`wrong type ${JSON.stringify(v)}`, v);
  const s = branchFor(schema, value);
  if (!s) throw new Error(`the valid input does not fit the schema at ${path.join('.')}`);
  for (const b of outOfBounds(s)) at(b.what, b.value);
  if (s.type === 'object' && typeof value === 'object' && value !== null) {
    const obj = value as Record<string, unknown>;
    for (const key of s.required ?? []) out.push({ path: [...path, key], what: 'missing', input: setAt(root, [...path, key], undefined, true) });
    if (s.additionalProperties === false) out.push({ path: [...path, 'bogus'], what: 'an unknown field', input: setAt(root, [...path, 'bogus'], 1) });
    for (const [key, prop] of Object.entries(s.properties ?? {})) {
      if (key in obj) out.push(...mutations(root, prop, obj[key], [...path, key]));
    }
  }
  if (s.type === 'array' && Array.isArray(value) && s.items && value.length > 0) {
    if (s.maxItems !== undefined) out.push({ path, what: 'too many items', input: setAt(root, path, Array.from({ length: s.maxItems + 1 }, () => value[0])) });
    out.push(...mutations(root, s.items, value[0], [...path, 0]));
  }
  return out;
}

/** Every field path of the valid input (for fast-check to aim at). */
function fieldPaths(value: unknown, path: Path = []): Path[] {
  if (Array.isArray(value)) return [path, ...value.flatMap((v, i) => fieldPaths(v, [...path, i]))];
  if (typeof value === 'object' && value !== null) return [path, ...Object.entries(value).flatMap(([k, v]) => fieldPaths(v, [...path, k]))];
  return [path];
}

/** What would show if anything changed: row counts of every table, the journal head, the open receipt and the settings. */
let probe: (() => unknown) | null = null;
function fingerprint(): string {
  if (!probe) {
    const db = till.core.services.db;
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
    const counts = db.prepare(`SELECT ${tables.map((t) => `(SELECT COUNT(*) FROM "${t.name}") AS "${t.name}"`).join(', ')}`);
    const head = db.prepare('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1');
    const cart = db.prepare('SELECT * FROM carts');
    const settings = db.prepare('SELECT * FROM settings ORDER BY key');
    probe = () => ({ counts: counts.get(), head: head.get(), cart: cart.all(), settings: settings.all() });
  }
  return JSON.stringify(probe());
}

async function expectRefused(name: CommandName, input: unknown, path: Path | null, label: string): Promise<void> {
  const before = fingerprint();
  const r = await till.core.dispatch(name, input, { token: till.token, origin: 'fuzz' });
  expect(r.ok, `${name} ${label}: accepted ${fc.stringify(input)}`).toBe(false);
  const error = (r as { error: ErrorBody }).error;
  expect(error.code, `${name} ${label}: ${JSON.stringify(error)}`).toBe('validation');
  const issues = (error.details?.issues ?? []) as { path: string; message: string }[];
  expect(issues.length, `${name} ${label}: no issues`).toBeGreaterThan(0);
  if (path && path.length > 0) {
    const field = path.join('.');
    const named = issues.filter((i) => i.path === field || i.path.startsWith(`${field}.`));
    expect(named.length, `${name} ${label}: no issue names ${field}: ${JSON.stringify(issues)}`).toBeGreaterThan(0);
  }
  expect(fingerprint(), `${name} ${label}: the ledger changed`).toBe(before);
}

const NAMES = Object.keys(commands) as CommandName[];

beforeAll(async () => {
  till = await TestTill.demo();
  await till.login(PIN.owner);
  await till.openShift();
  const milk = await till.call('catalog.lookup', { code: MILK });
  const sale = await till.call('sale.record', { id: uuidv7(), lines: [{ code: MILK }], payments: [{ kind: 'cash', amount: 10000 }] });
  const cart = await till.call('cart.scan', { code: MILK });
  const lineId = cart.lines[0]?.id ?? '';
  const shift = await till.call('shift.current', {});
  const override = { pin: PIN.manager };
  const group = await till.call('groups.save', { id: uuidv7(), name: 'Фаззинг', markup: 2500 });
  const supplier = await till.call('suppliers.save', { id: uuidv7(), name: 'ООО Поставщик', inn: '7701234567' });
  const header = { supplierId: supplier.id, extNumber: 'Н-15', extDate: '2026-11-20', counterpart: null, reason: null, note: 'примечание' };
  const draft = await till.call('draft.create', { id: uuidv7(), kind: 'intake', header });
  const withLine = await till.call('draft.scan', { id: draft.id, code: MILK, qty: 2000 });
  const draftLine = withLine.lines[0]?.lineId ?? '';
  const posting = await till.call('draft.create', { id: uuidv7(), kind: 'intake', header });
  await till.call('draft.scan', { id: posting.id, code: MILK });
  const posted = await till.call('draft.post', { id: posting.id });
  const stocktake = await till.call('stocktake.start', { id: uuidv7(), groupId: null });
  const period = { from: '2026-11-01', to: '2026-11-30' };
  const fileId = `${uuidv7()}.csv`;
  await till.call('files.put', { id: fileId, name: 'прайс.csv', offset: 0, data: Buffer.from('a;b\n').toString('base64') });
  // Valid inputs using every optional field, pointing at real rows, so that anything let through would show.
  valid = {
    'setup.status': {},
    'setup.demo': {},
    'setup.create': { name: 'Ромашка', inn: '770123456789', address: 'Тверь', taxSystem: 'usn_income', ownerName: 'Олег', ownerPin: '43210' },
    'settings.setLang': { lang: 'en' },
    'auth.login': { pin: PIN.cashier },
    'auth.logout': {},
    'auth.whoami': {},
    'catalog.lookup': { code: MILK },
    'catalog.search': { query: 'молоко', limit: 10 },
    'shift.current': {},
    'shift.open': { id: uuidv7(), float: 100 },
    'shift.xReport': {},
    'shift.close': { counted: 100 },
    'shift.list': { limit: 5 },
    'shift.report': { id: shift?.id ?? uuidv7() },
    'cart.get': {},
    'cart.scan': { code: MILK, qty: 2000 },
    'cart.add': { productId: milk.product.id, qty: 1000 },
    'cart.setQty': { lineId, qty: 3000, override },
    'cart.removeLine': { lineId, override },
    'cart.discount': { lineId, discount: { kind: 'percent', value: 300 }, override },
    'cart.cancel': { override },
    'sale.complete': { id: uuidv7(), payments: [{ kind: 'cash', amount: 10000 }, { kind: 'card', amount: 100 }] },
    'sale.record': { id: uuidv7(), lines: [{ code: MILK, qty: 1000 }], payments: [{ kind: 'card', amount: 8899 }] },
    'sale.get': { id: sale.id },
    'sale.find': { number: 1, code: 'R1', date: '2026-11-23', limit: 5 },
    'sale.list': { shiftId: shift?.id, limit: 5, before: 10 },
    'sale.receipt': { id: sale.id, print: true },
    'return.create': { id: uuidv7(), saleId: sale.id, lines: [{ lineNo: 1, qty: 1000 }], override },
    'return.noReceipt': { id: uuidv7(), lines: [{ productId: milk.product.id, qty: 1000, price: 8899 }], kind: 'cash', reason: 'брак', override },
    'cash.move': { id: uuidv7(), kind: 'out', amount: 100, reason: 'инкассация' },
    'drawer.open': { reason: 'размен', override },
    'journal.list': { sensitive: true, limit: 10, beforeSeq: 100 },
    'users.list': {},
    'catalog.list': { query: 'молоко', groupId: group.id, archived: false, belowMin: true, sort: 'price', desc: true, offset: 10, limit: 50 },
    'catalog.get': { id: milk.product.id },
    'catalog.save': {
      id: uuidv7(), name: 'Сыр фаззинговый', groupId: group.id, unit: 'kg', vat: '10', kind: 'goods', article: 'FZ-1', plu: '777',
      marked: false, barcodes: ['4600000000015'], price: 99900, cost: 50000, minStock: 1000, maxStock: 5000,
    },
    'catalog.remove': { id: milk.product.id },
    'catalog.restore': { id: milk.product.id },
    'groups.list': {},
    'groups.save': { id: uuidv7(), name: 'Сыры', parentId: group.id, markup: 3000 },
    'suppliers.list': {},
    'suppliers.save': { id: uuidv7(), name: 'ИП Иванов', inn: '770123456789' },
    'vat.list': {},
    'vat.save': { code: '5', percent: 5, label: 'НДС 5%', tag1199: 7 },
    'draft.create': { id: uuidv7(), kind: 'writeoff', header: { ...header, supplierId: null, reason: 'spoilage' } },
    'draft.list': { kind: 'intake' },
    'draft.get': { id: draft.id },
    'draft.setHeader': { id: draft.id, header },
    'draft.scan': { id: draft.id, code: MILK, qty: 1000 },
    'draft.addLine': { id: draft.id, productId: milk.product.id, qty: 1000, cost: 5000 },
    'draft.setLine': { draftId: draft.id, lineId: draftLine, qty: 3000, cost: 6000 },
    'draft.removeLine': { draftId: draft.id, lineId: draftLine },
    'draft.discard': { id: draft.id },
    'draft.post': { id: draft.id, override },
    'stock.correct': { id: uuidv7(), docId: posted.doc.id },
    'stock.docs': { kind: 'intake', from: '2026-11-01', to: '2026-11-30', offset: 0, limit: 10 },
    'stock.doc': { id: posted.doc.id },
    'stock.movements': { productId: milk.product.id, limit: 10 },
    'stocktake.start': { id: uuidv7(), groupId: group.id },
    'stocktake.list': {},
    'stocktake.count': { id: uuidv7(), stocktakeId: stocktake.id, code: MILK, productId: milk.product.id, qty: 2000 },
    'stocktake.sheet': { stocktakeId: stocktake.id, onlyDiff: true, offset: 0, limit: 10 },
    'stocktake.post': { stocktakeId: stocktake.id, override },
    'stocktake.cancel': { stocktakeId: stocktake.id },
    'prices.change': { id: uuidv7(), effectiveAt: '2026-12-01T00:00:00+03:00', lines: [{ productId: milk.product.id, price: 9999 }], sourceDocId: posted.doc.id, note: 'новые цены', override },
    'prices.docs': { limit: 10 },
    'prices.history': { productId: milk.product.id },
    'report.sales': { ...period, by: 'group' },
    'report.abc': { ...period, measure: 'margin' },
    'report.xyz': period,
    'report.cashiers': period,
    'report.stock': { kind: 'slow', days: 30 },
    'report.reorder': { days: 28, cover: 14 },
    'files.put': { id: fileId, name: 'прайс.csv', offset: 4, data: Buffer.from('1;2\n').toString('base64'), done: true },
    'files.read': { id: fileId, offset: 0 },
    'tags.templates': {},
    'import.preview': { files: [fileId], supplierId: supplier.id },
    'import.run': { id: uuidv7(), files: [fileId], mapping: { name: 0, price: 1 }, supplierId: supplier.id, skipBad: true },
    'import.cancel': { id: uuidv7() },
    'export.run': { format: 'xlsx', source: { what: 'report.sales', from: '2026-11-01', to: '2026-11-30', by: 'group' } },
    'tags.print': { selection: { by: 'products', productIds: [milk.product.id] }, templateId: 'label-58x40', target: 'label', id: uuidv7() },
    'devices.get': {},
    'devices.save': {
      fiscal: { kind: 'shtrih', link: { kind: 'tcp', host: '192.168.1.20', port: 7778 }, password: 30 },
      printer: { kind: 'escpos', link: { kind: 'serial', path: '/dev/ttyUSB0', baud: 19200 }, profile: 'xprinter-58', codePage: { number: 17, encoding: 'cp866' } },
      drawer: { kind: 'printer' },
      scale: { kind: 'massak', link: { kind: 'serial', path: '/dev/ttyUSB1', baud: 57600 } },
      scanner: { kind: 'serial', path: '/dev/ttyACM0', baud: 9600, suffix: 'crlf', prefix: '#' },
      display: { kind: 'epson', path: '/dev/ttyUSB2', baud: 9600 },
      labelPrinter: { kind: 'zpl', link: { kind: 'tcp', host: '192.168.1.60', port: 9100 }, dpi: 300 },
    },
    'devices.test': { device: 'printer' },
    'devices.ports': {},
    'devices.status': {},
    'scale.read': {},
  };
});
afterAll(() => till?.close());

describe('malformed input', () => {
  it('every command has a valid example input that its schema accepts', () => {
    expect(Object.keys(valid).sort()).toEqual([...NAMES].sort());
    for (const name of NAMES) {
      const parsed = commands[name].input.safeParse(valid[name]);
      expect(parsed.success, `${name}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
  });

  it.each(NAMES)('%s: every targeted breakage is a validation error naming the field, and changes nothing', async (name) => {
    const input = valid[name];
    const list = mutations(input, jsonSchema(name), input, []);
    expect(list.length).toBeGreaterThan(5);
    for (const m of list) await expectRefused(name, m.input, m.path, `${m.path.join('.') || '(input)'} ${m.what}`);
  });

  it.each(NAMES)('%s: arbitrary values in any field are refused without a change', async (name) => {
    const input = valid[name];
    const paths = fieldPaths(input);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.anything({ maxDepth: 2, withNullPrototype: true, withBigInt: true, withDate: true, withMap: true }), async (path, value) => {
        const broken = setAt(input, path, value);
        fc.pre(broken !== null && broken !== undefined);
        fc.pre(!commands[name].input.safeParse(broken).success);
        await expectRefused(name, broken, path, `${path.join('.')} = ${fc.stringify(value)}`);
      }),
      { numRuns: 40 },
    );
  });

  it.each(NAMES)('%s: garbage strings, extra fields and numbers anywhere are refused without a change', async (name) => {
    const input = valid[name];
    const paths = fieldPaths(input).filter((p) => p.length > 0);
    const junk = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.integer(),
      fc.double(),
      fc.constantFrom(-0.01, -1, 0.5, 1e12 + 1, Number.MAX_SAFE_INTEGER + 2, -Number.MAX_VALUE),
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom(...(paths.length ? paths : [['x']])), fc.constant<Path>(['extra'])), junk, async (path, value) => {
        const broken = setAt(input, path, value);
        fc.pre(!commands[name].input.safeParse(broken).success);
        await expectRefused(name, broken, path, `${path.join('.')} = ${fc.stringify(value)}`);
      }),
      { numRuns: 30 },
    );
  });
});

describe('odd but valid text', () => {
  it('in a search, a scan, a lookup or a receipt code is answered, never an internal error', async () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 100 }),
      fc.string({ unit: fc.constantFrom('"', '*', '(', ')', '-', '^', ':', ' ', 'a', 'ё', 'NEAR', 'AND', 'OR', 'NOT', '+', '\u0000', '%', '_', "'", '\n'), minLength: 1, maxLength: 30 }),
    );
    await fc.assert(fc.asyncProperty(text, async (q) => {
      fc.pre(q.trim().length > 0);
      for (const [name, input] of [['catalog.search', { query: q.slice(0, 100) }], ['catalog.lookup', { code: q }], ['sale.find', { code: q }], ['cart.scan', { code: q }]] as const) {
        const r = await till.core.dispatch(name, input, { token: till.token, origin: 'fuzz' });
        expect(r.ok || r.error.code !== 'internal', `${name} ${JSON.stringify(q)}: ${JSON.stringify(r)}`).toBe(true);
      }
    }), { numRuns: 300 });
    expect((await till.call('catalog.search', { query: 'молоко\u0000' })).length).toBeGreaterThan(0);
  });
});

describe('hand-written malformed inputs', () => {
  const cases: [CommandName, unknown, string][] = [
    ['cart.scan', { code: '   ' }, 'code'],
    ['cart.scan', { code: MILK, qty: 0 }, 'qty'],
    ['cart.scan', { code: MILK, qty: 1.5 }, 'qty'],
    ['cart.scan', { code: MILK, qty: '1000' }, 'qty'],
    ['cart.scan', { code: MILK, QTY: 1000 }, 'QTY'],
    ['sale.complete', { id: uuidv7(), payments: [] }, 'payments'],
    ['sale.complete', { id: uuidv7(), payments: [{ kind: 'cash', amount: -500 }] }, 'payments.0.amount'],
    ['sale.complete', { id: uuidv7(), payments: [{ kind: 'cash', amount: 100.5 }] }, 'payments.0.amount'],
    ['sale.complete', { id: uuidv7(), payments: [{ kind: 'bitcoin', amount: 100 }] }, 'payments.0.kind'],
    ['sale.complete', { id: uuidv7(), payments: Array.from({ length: 5 }, () => ({ kind: 'cash', amount: 1 })) }, 'payments'],
    ['sale.complete', { id: 'DROP TABLE sales', payments: [{ kind: 'cash', amount: 100 }] }, 'id'],
    ['cash.move', { id: uuidv7(), kind: 'out', amount: 0, reason: 'x' }, 'amount'],
    ['cash.move', { id: uuidv7(), kind: 'out', amount: 100, reason: '  ' }, 'reason'],
    ['cash.move', { id: uuidv7(), kind: 'out', amount: 1e13, reason: 'x' }, 'amount'],
    ['shift.open', { id: uuidv7(), float: -1 }, 'float'],
    ['shift.close', { counted: -100 }, 'counted'],
    ['cart.discount', { discount: { kind: 'percent', value: 10_001 } }, 'discount'],
    ['cart.discount', { discount: { kind: 'percent' } }, 'discount'],
    ['cart.discount', { discount: { kind: 'amount', value: 100, extra: true } }, 'discount'],
    ['cart.discount', { discount: null, override: { pin: '12' } }, 'override.pin'],
    ['auth.login', { pin: '１２３４' }, 'pin'],
    ['auth.login', { pin: 1234 }, 'pin'],
    ['auth.login', { pin: '1234\n' }, 'pin'],
    ['return.create', { id: uuidv7(), saleId: uuidv7(), lines: [{ lineNo: 0, qty: 1000 }] }, 'lines.0.lineNo'],
    ['return.create', { id: uuidv7(), saleId: uuidv7(), lines: [{ lineNo: 1, qty: -1000 }] }, 'lines.0.qty'],
    ['sale.find', { date: '23.11.2026' }, 'date'],
    ['setup.create', { name: 'A', inn: '123', address: 'B', taxSystem: 'osn', ownerName: 'C', ownerPin: '1234' }, 'inn'],
    ['shift.xReport', [], ''],
    ['shift.xReport', 'garbage', ''],
    ['shift.xReport', 42, ''],
    ['shift.xReport', { foo: 1 }, 'foo'],
  ];
  it.each(cases)('%s %j is refused at %s', async (name, input, path) => {
    await expectRefused(name, input, path ? path.split('.') : null, JSON.stringify(input));
  });

  it('no input at all (undefined or null) is the empty input: fine where nothing is required, missing fields where something is', async () => {
    expect((await till.core.dispatch('shift.current', undefined, { token: till.token, origin: 'fuzz' })).ok).toBe(true);
    expect((await till.core.dispatch('users.list', null, { token: till.token, origin: 'fuzz' })).ok).toBe(true);
    await expectRefused('cash.move', null, ['amount'], 'null input');
    await expectRefused('sale.complete', undefined, ['payments'], 'no input');
  });

  it('a validation error comes before any business check: the ledger and the open receipt are as they were', async () => {
    const cart = await till.call('cart.get', {});
    expect(cart?.lines.length).toBeGreaterThan(0);
    await expectRefused('cart.cancel', { override: { pin: 2222 } }, ['override', 'pin'], 'numeric pin');
    expect(await till.call('cart.get', {})).toEqual(cart);
  });
});
