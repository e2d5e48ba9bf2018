import type { Unit } from '../../shared/catalog-import.js';
import type { MessageKey } from '../../shared/i18n/index.js';
import { ExchangeError, type RowError } from './rows.js';
import { bytesOf, type ByteSource, type ReadOptions } from './source.js';
import { parseBarcode, parseRounded, parseUnit, parseVat } from './values.js';
import { feedXml } from './xml.js';

/** A group of the 1C classifier; parents come before their children. */
export interface CmlGroup {
  kind: 'group';
  line: number;
  id: string;
  parentId: string | null;
  name: string;
}

/** A product of import.xml. `externalId` is 1C's Ид, the key offers.xml refers to. */
export interface CmlProduct {
  kind: 'product';
  line: number;
  externalId: string;
  article?: string;
  name: string;
  barcodes: string[];
  unit: Unit;
  /** a vat_rates code: '22', '10', '0', 'none' (or another whole percent an old export carries) */
  vat?: string;
  groupExternalId?: string;
}

/** The price types of offers.xml, and which one the offers' `price` was taken from. */
export interface CmlPriceTypes {
  kind: 'priceTypes';
  line: number;
  types: { id: string; name: string; currency: string | null }[];
  chosenId: string | null;
}

/** An offer of offers.xml: the price (kopecks) of the chosen type and the stock (thousandths). */
export interface CmlOffer {
  kind: 'offer';
  line: number;
  externalId: string;
  price?: number;
  qty?: number;
  barcode?: string;
}

/** A product, group or offer refused, with every reason, so the import report can say why. */
export interface CmlInvalid {
  kind: 'invalid';
  line: number;
  externalId: string | null;
  errors: RowError[];
}

export type CmlRecord = CmlGroup | CmlProduct | CmlPriceTypes | CmlOffer | CmlInvalid;

export interface CmlOptions extends ReadOptions {
  /**
   * Which price type the offers' `price` is (its Ид or Наименование). Without it: the only one,
   * else the one named retail (розничная), else the first listed.
   */
  priceType?: string;
}

/** Elements whose text is wanted, by their path below the record's own element. */
const PRODUCT_TEXT = new Set(['Ид', 'Артикул', 'Наименование', 'Штрихкод', 'БазоваяЕдиница', 'Группы/Ид',
  'СтавкиНалогов/СтавкаНалога/Наименование', 'СтавкиНалогов/СтавкаНалога/Ставка',
  'ЗначенияРеквизитов/ЗначениеРеквизита/Наименование', 'ЗначенияРеквизитов/ЗначениеРеквизита/Значение']);
const OFFER_TEXT = new Set(['Ид', 'Штрихкод', 'Количество', 'Цены/Цена/ИдТипаЦены', 'Цены/Цена/ЦенаЗаЕдиницу']);
const REQ_NAME = 'ЗначенияРеквизитов/ЗначениеРеквизита/Наименование';
const REQ_VALUE = 'ЗначенияРеквизитов/ЗначениеРеквизита/Значение';
const PRICE_TYPE = 'Цены/Цена/ИдТипаЦены';
const PRICE_VALUE = 'Цены/Цена/ЦенаЗаЕдиницу';
const GROUP_TEXT = new Set(['Ид', 'Наименование']);
const PRICE_TYPE_TEXT = new Set(['Ид', 'Наименование', 'Валюта']);

/** One element being read: its start line, and the text of the children that matter, by path. */
interface Frame {
  line: number;
  depth: number;
  texts: Map<string, string[]>;
}

/**
 * Reads a CommerceML 2 exchange file from 1C — import.xml (classifier groups and the catalogue's
 * products) or offers.xml (price types and offers: prices and stock) — as a stream of records,
 * each with the line it starts on. Memory holds one record at a time, so 100,000 products read in
 * the memory of one. Properties (ЗначенияСвойств) and characteristics are not read.
 */
export async function* readCommerceMl(source: ByteSource, options: CmlOptions = {}): AsyncGenerator<CmlRecord> {
  const ready: CmlRecord[] = [];
  const path: string[] = [];
  let text: string[] | null = null;
  /** groups open in the classifier tree, innermost last; emitted once their Ид and name are known */
  const groups: (Frame & { id: string | null; emitted: boolean })[] = [];
  let product: Frame | null = null;
  let offer: (Frame & { prices: { typeId: string; value: string }[] }) | null = null;
  let priceType: Frame | null = null;
  const priceTypes: CmlPriceTypes['types'] = [];
  let priceTypesLine = 0;
  let chosenPriceType: string | null | undefined;
  let unitCode: string | null = null;
  /**
   * How many names and values a product's requisite (or an offer's price) had when it opened: a
   * requisite without a value must not take the next one's.
   */
  let marks: [number, number] = [0, 0];
  const count = (frame: Frame, rel: string) => frame.texts.get(rel)?.length ?? 0;
  const after = (frame: Frame, rel: string, mark: number) => frame.texts.get(rel)?.[mark] ?? '';

  const capture = (frame: Frame | null, wanted: ReadonlySet<string>): boolean => {
    // every wanted path is at most three elements below its record
    if (!frame || path.length - frame.depth > 4) return false;
    const rel = path.slice(frame.depth + 1).join('/');
    if (!wanted.has(rel)) return false;
    const list = frame.texts.get(rel) ?? [];
    list.push('');
    frame.texts.set(rel, list);
    text = list;
    return true;
  };
  const emitGroup = (g: (typeof groups)[number]) => {
    if (g.emitted) return;
    g.emitted = true;
    const id = first(g.texts, 'Ид');
    const name = first(g.texts, 'Наименование');
    g.id = id ?? null;
    const parent = groups[groups.indexOf(g) - 1];
    const errors = [...required(g.line, 'externalId', id), ...required(g.line, 'name', name)];
    if (!id || !name) ready.push({ kind: 'invalid', line: g.line, externalId: id ?? null, errors });
    else ready.push({ kind: 'group', line: g.line, id, parentId: parent?.id ?? null, name });
  };

  const handlers: Parameters<typeof feedXml>[1] = {
    open(name, attributes, line) {
      const depth = path.length;
      if (depth === 0 && name !== 'КоммерческаяИнформация') throw new ExchangeError('import.notCommerceMl', line);
      path.push(name);
      text = null;
      const parent = path[depth - 1];
      if (name === 'Группа' && parent === 'Группы' && path.includes('Классификатор') && !product) {
        const outer = groups[groups.length - 1];
        if (outer) emitGroup(outer);
        groups.push({ line, depth, texts: new Map(), id: null, emitted: false });
      } else if (name === 'Товар' && parent === 'Товары') {
        product = { line, depth, texts: new Map() };
        unitCode = null;
      } else if (name === 'Предложение' && parent === 'Предложения') {
        offer = { line, depth, texts: new Map(), prices: [] };
      } else if (name === 'ТипЦены' && parent === 'ТипыЦен') {
        priceType = { line, depth, texts: new Map() };
        if (!priceTypesLine) priceTypesLine = line;
      }
      if (product && name === 'БазоваяЕдиница' && path.length === product.depth + 2) unitCode = attributes['Код']?.trim() || null;
      if (product && name === 'ЗначениеРеквизита') marks = [count(product, REQ_NAME), count(product, REQ_VALUE)];
      if (offer && name === 'Цена' && path.length === offer.depth + 3) marks = [count(offer, PRICE_TYPE), count(offer, PRICE_VALUE)];
      if (!capture(product, PRODUCT_TEXT) && !capture(offer, OFFER_TEXT) && !capture(priceType, PRICE_TYPE_TEXT)) {
        const g = groups[groups.length - 1];
        if (g && !g.emitted) capture(g, GROUP_TEXT);
      }
    },
    text(t) {
      if (text) text[text.length - 1] += t;
    },
    close(name) {
      const depth = path.length - 1;
      text = null;
      if (product && name === 'ЗначениеРеквизита') {
        const requisite = after(product, REQ_NAME, marks[0]).trim().toLowerCase().replace(/\s+/g, '');
        const value = after(product, REQ_VALUE, marks[1]);
        if (requisite === 'штрихкод') push(product.texts, 'Штрихкод', value);
        else if (requisite === 'ставкандс' || requisite === 'ндс') push(product.texts, 'НДС', value);
      }
      if (offer && name === 'Цена' && depth === offer.depth + 2) {
        offer.prices.push({ typeId: after(offer, PRICE_TYPE, marks[0]).trim(), value: after(offer, PRICE_VALUE, marks[1]) });
      }
      const g = groups[groups.length - 1];
      if (name === 'Группа' && g && depth === g.depth) {
        emitGroup(g);
        groups.pop();
      } else if (product && depth === product.depth) {
        ready.push(productRecord(product, unitCode));
        product = null;
      } else if (offer && depth === offer.depth) {
        if (chosenPriceType === undefined) chosenPriceType = choosePriceType(priceTypes, options.priceType);
        ready.push(offerRecord(offer, offer.prices, chosenPriceType));
        offer = null;
      } else if (priceType && depth === priceType.depth) {
        priceTypes.push({ id: first(priceType.texts, 'Ид') ?? '', name: first(priceType.texts, 'Наименование') ?? '', currency: first(priceType.texts, 'Валюта') ?? null });
        priceType = null;
      } else if (name === 'ТипыЦен') {
        chosenPriceType = choosePriceType(priceTypes, options.priceType);
        ready.push({ kind: 'priceTypes', line: priceTypesLine, types: [...priceTypes], chosenId: chosenPriceType });
      }
      path.pop();
    },
  };
  for await (const _ of feedXml(bytesOf(source, options), handlers)) {
    for (const record of ready) yield record;
    ready.length = 0;
  }
}

function first(texts: Map<string, string[]>, rel: string): string | undefined {
  const value = texts.get(rel)?.[0]?.trim();
  return value === '' ? undefined : value;
}

function push(texts: Map<string, string[]>, rel: string, value: string): void {
  const list = texts.get(rel) ?? [];
  list.push(value);
  texts.set(rel, list);
}

function required(line: number, field: string, value: string | undefined): RowError[] {
  return value ? [] : [{ row: line, field, message: 'import.required', value: '' }];
}

function productRecord(frame: Frame, unitCode: string | null): CmlProduct | CmlInvalid {
  const { line, texts } = frame;
  const externalId = first(texts, 'Ид');
  const name = first(texts, 'Наименование');
  const errors = [...required(line, 'externalId', externalId), ...required(line, 'name', name)];
  const refuse = (field: string, message: MessageKey, value: string) => errors.push({ row: line, field, message, value });
  if (name && name.length > 300) refuse('name', 'import.tooLong', name);
  const article = first(texts, 'Артикул');
  if (article && article.length > 64) refuse('article', 'import.tooLong', article);
  const barcodes: string[] = [];
  for (const raw of texts.get('Штрихкод') ?? []) {
    if (raw.trim() === '') continue;
    const b = parseBarcode(raw);
    if (!b.ok) refuse('barcodes', b.message, raw.trim());
    else if (!barcodes.includes(b.value)) barcodes.push(b.value);
  }
  // the OKEI code in Код is what 1C means; the element's text is a display name ("шт")
  const unitText = unitCode ?? first(texts, 'БазоваяЕдиница');
  const unit = unitText === undefined ? { ok: true as const, value: 'pcs' as const } : parseUnit(unitText);
  if (!unit.ok) refuse('unit', unit.message, unitText ?? '');
  const vatText = vatOf(texts);
  const vat = vatText === undefined ? undefined : parseVat(vatText);
  if (vat && !vat.ok) refuse('vat', vat.message, vatText ?? '');
  if (errors.length > 0 || !externalId || !name || !unit.ok) return { kind: 'invalid', line, externalId: externalId ?? null, errors };
  const groupExternalId = first(texts, 'Группы/Ид');
  return {
    kind: 'product', line, externalId, name, barcodes, unit: unit.value,
    ...(article !== undefined && { article }),
    ...(vat?.ok && { vat: vat.value }),
    ...(groupExternalId !== undefined && { groupExternalId }),
  };
}

/** СтавкиНалогов/СтавкаНалога named НДС, else a requisite (ЗначенияРеквизитов) named СтавкаНДС or НДС. */
function vatOf(texts: Map<string, string[]>): string | undefined {
  const names = texts.get('СтавкиНалогов/СтавкаНалога/Наименование') ?? [];
  const rates = texts.get('СтавкиНалогов/СтавкаНалога/Ставка') ?? [];
  const i = names.findIndex((n) => n.trim().toUpperCase() === 'НДС');
  const rate = (i >= 0 ? rates[i] : undefined) ?? texts.get('НДС')?.[0];
  return rate?.trim() || undefined;
}

function choosePriceType(types: CmlPriceTypes['types'], wanted: string | undefined): string | null {
  if (wanted !== undefined) {
    const w = wanted.trim().toLowerCase();
    const found = types.find((t) => t.id.toLowerCase() === w || t.name.trim().toLowerCase() === w);
    if (!found) throw new ExchangeError('import.unknownPriceType', null, { priceType: wanted });
    return found.id;
  }
  if (types.length === 0) return null;
  const retail = types.length > 1 ? types.find((t) => /розн/i.test(t.name)) : undefined;
  return (retail ?? types[0])?.id ?? null;
}

function offerRecord(frame: Frame, prices: { typeId: string; value: string }[], priceTypeId: string | null): CmlOffer | CmlInvalid {
  const { line, texts } = frame;
  const externalId = first(texts, 'Ид');
  const errors = required(line, 'externalId', externalId);
  const refuse = (field: string, message: MessageKey, value: string) => errors.push({ row: line, field, message, value });
  const chosen = priceTypeId === null ? prices[0] : prices.find((p) => p.typeId === priceTypeId);
  let price: number | undefined;
  if (chosen) {
    const kop = parseRounded(chosen.value, 2, false);
    if (kop === null) refuse('price', 'import.notAmount', chosen.value.trim());
    else price = kop;
  }
  const qtyText = first(texts, 'Количество');
  // stock may be negative in 1C (sold before the receipt was posted)
  const qty = qtyText === undefined ? undefined : parseRounded(qtyText, 3, true);
  if (qty === null) refuse('qty', 'import.notQuantity', qtyText ?? '');
  const barcodeText = first(texts, 'Штрихкод');
  const barcode = barcodeText === undefined ? undefined : parseBarcode(barcodeText);
  if (barcode && !barcode.ok) refuse('barcodes', barcode.message, barcodeText ?? '');
  if (errors.length > 0 || !externalId) return { kind: 'invalid', line, externalId: externalId ?? null, errors };
  return {
    kind: 'offer', line, externalId,
    ...(price !== undefined && { price }),
    ...(qty !== undefined && qty !== null && { qty }),
    ...(barcode?.ok && { barcode: barcode.value }),
  };
}
