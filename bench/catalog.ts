/**
 * The 1,000,000-product catalogue the figures are measured on: built once through the
 * core's own writer (demo shop + generated goods), cached in bench/.data/ under a key
 * that changes with the generator and the till migrations, and copied to a fresh data
 * folder for every run so runs never disturb each other.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, LEDGER_FILE, migrationsDir } from '../src/core/app.js';
import { productWriter, type NewProduct } from '../src/core/catalog/write.js';
import { withCheckDigit } from '../src/shared/barcode/ean.js';
import { demoGroupId } from '../src/core/setup/demo-catalog.js';
import { uuidv7 } from '../src/shared/ids.js';
import { msSince, progress } from './stats.js';

export const PRODUCTS = 1_000_000;
const BATCH = 50_000;
/** bump when the generator below changes what it writes */
const GENERATOR = 'catalog-v1';

export const DATA_ROOT = fileURLToPath(new URL('./.data/', import.meta.url));

/** The barcode of generated product i (0 ≤ i < PRODUCTS): prefix 47, so never a demo code (460…). */
export function barcodeOf(i: number): string {
  return withCheckDigit(`47${String(i).padStart(10, '0')}`);
}

/** Every 25th generated product is sold by weight; the rest are pieces. */
export function isPiece(i: number): boolean {
  return i % 25 !== 24;
}

function mix(i: number): number {
  let h = Math.imul(i ^ 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The price of generated product i in kopecks: 29,90 ₽ … 2 999,90 ₽. */
export function priceOf(i: number): number {
  return (30 + (mix(i) % 2971)) * 100 - 10;
}

const GROUPS = [
  { id: 'dairy', vat: '10', nouns: ['Молоко', 'Кефир', 'Ряженка', 'Йогурт', 'Сметана', 'Творог', 'Сыр', 'Масло сливочное', 'Сырок глазированный', 'Простокваша'] },
  { id: 'bread', vat: '10', nouns: ['Хлеб', 'Батон', 'Багет', 'Лаваш', 'Сушки', 'Баранки', 'Пряники', 'Булочка', 'Рулет', 'Кекс'] },
  { id: 'grocery', vat: '10', nouns: ['Гречка', 'Рис', 'Пшено', 'Хлопья овсяные', 'Макароны', 'Мука', 'Сахар', 'Соль', 'Горох колотый', 'Чечевица'] },
  { id: 'drinks', vat: '22', nouns: ['Вода', 'Лимонад', 'Квас', 'Морс', 'Сок', 'Нектар', 'Чай', 'Кофе', 'Компот', 'Напиток'] },
  { id: 'sweets', vat: '22', nouns: ['Шоколад', 'Конфеты', 'Зефир', 'Пастила', 'Мармелад', 'Печенье', 'Вафли', 'Халва', 'Торт', 'Пирожное'] },
  { id: 'frozen', vat: '10', nouns: ['Пельмени', 'Вареники', 'Блинчики', 'Мороженое', 'Овощная смесь', 'Котлеты', 'Манты', 'Хинкали', 'Ягоды', 'Пицца'] },
  { id: 'canned', vat: '10', nouns: ['Горошек', 'Кукуруза', 'Тушёнка', 'Шпроты', 'Сайра', 'Огурцы', 'Томаты', 'Фасоль', 'Икра кабачковая', 'Паштет'] },
  { id: 'household', vat: '22', nouns: ['Средство для посуды', 'Порошок стиральный', 'Мыло', 'Зубная паста', 'Шампунь', 'Бумага туалетная', 'Салфетки', 'Губки', 'Пакеты', 'Гель для душа'] },
  { id: 'baby', vat: '0', nouns: ['Пюре', 'Каша', 'Сок детский', 'Смесь молочная', 'Печенье детское', 'Творожок', 'Вода детская', 'Чай детский', 'Йогурт детский', 'Кисель'] },
] as const;
const KINDS = ['классический', 'домашний', 'отборный', 'фермерский', 'с клубникой', 'с вишней', 'ванильный', 'шоколадный', 'лёгкий', 'особый',
  'деревенский', 'традиционный', 'южный', 'северный', 'медовый', 'ореховый', 'с малиной', 'лимонный', 'пряный', 'нежный'];
const BRANDS = ['Простоквашино', 'Домик в деревне', 'Савушкин', 'Макфа', 'Увелка', 'Черноголовка', 'Красный Октябрь', 'Бабаевский', 'Вологодское',
  'Брест-Литовск', 'Мираторг', 'Сибирская коллекция', 'Хлебный дом', 'Коломенское', 'Агуша', 'ФрутоНяня', 'Фрау Марта', 'Ясная поляна', 'Добрый',
  'Любимый', 'Петелинка', 'Экомилк', 'Слобода', 'Мистраль', 'Националь', 'Дядя Ваня', 'Дарница', 'Рот Фронт', 'Акконд', 'Белёвская'];
const PACKS = ['100 г', '180 г', '200 г', '250 г', '300 г', '400 г', '500 г', '800 г', '900 г', '1 кг', '0,2 л', '0,5 л', '0,9 л', '1 л', '1,5 л', '2 л'];

export function generatedProduct(i: number): NewProduct {
  const h = mix(i);
  const group = GROUPS[i % GROUPS.length] as (typeof GROUPS)[number];
  const noun = group.nouns[(h >>> 4) % group.nouns.length] as string;
  const kind = KINDS[(h >>> 8) % KINDS.length] as string;
  const brand = BRANDS[(h >>> 13) % BRANDS.length] as string;
  const piece = isPiece(i);
  const pack = piece ? ` ${PACKS[(h >>> 19) % PACKS.length] as string}` : ' весовой';
  return {
    id: uuidv7(), name: `${noun} ${kind} ${brand}${pack}`, groupId: demoGroupId(group.id), unit: piece ? 'pcs' : 'kg', vat: group.vat,
    article: `B${String(i).padStart(7, '0')}`, plu: null, marked: false, price: priceOf(i), barcodes: [barcodeOf(i)],
  };
}

function cacheKey(): string {
  const dir = migrationsDir();
  const hash = createHash('sha256').update(GENERATOR).update(String(PRODUCTS));
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.sql')).sort()) hash.update(name).update(readFileSync(join(dir, name)));
  return hash.digest('hex').slice(0, 12);
}

export interface Catalogue {
  /** the cached ledger file (never opened for writing by a run) */
  file: string;
  /** build figures when it was built in this run */
  built: { seconds: number; rowsPerSecond: number } | null;
}

/** Returns the cached catalogue, building it first when there is none for this key. */
export async function ensureCatalogue(): Promise<Catalogue> {
  mkdirSync(DATA_ROOT, { recursive: true });
  const file = join(DATA_ROOT, `catalog-${cacheKey()}.sqlite`);
  if (existsSync(file)) {
    progress(`catalogue: cached ${file}`);
    return { file, built: null };
  }
  progress(`catalogue: building ${PRODUCTS.toLocaleString('en')} products (once; cached as ${file}) …`);
  const work = mkdtempSync(join(DATA_ROOT, 'build-'));
  try {
    const started = process.hrtime.bigint();
    const core = createCore({ dataDir: work, log: () => undefined });
    const demo = await core.dispatch('setup.demo', {}, { origin: 'bench' });
    if (!demo.ok) throw new Error(`setup.demo failed: ${JSON.stringify(demo.error)}`);
    const write = productWriter(core.services.db);
    for (let from = 0; from < PRODUCTS; from += BATCH) {
      core.services.tx(() => {
        for (let i = from; i < Math.min(from + BATCH, PRODUCTS); i++) write(generatedProduct(i));
      });
      progress(`catalogue: ${Math.min(from + BATCH, PRODUCTS).toLocaleString('en')} products, ${(msSince(started) / 1000).toFixed(1)} s`);
    }
    core.services.db.pragma('wal_checkpoint(TRUNCATE)');
    core.close();
    const seconds = msSince(started) / 1000;
    renameSync(join(work, LEDGER_FILE), file);
    progress(`catalogue: built in ${seconds.toFixed(1)} s`);
    return { file, built: { seconds, rowsPerSecond: PRODUCTS / seconds } };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A fresh data folder holding a copy of the catalogue (same disk as the cache's temp dir). */
export function freshDataDir(catalogue: Catalogue, label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `lavka-bench-${label}-`));
  copyFileSync(catalogue.file, join(dir, LEDGER_FILE));
  return dir;
}
