import { withCheckDigit } from '../../shared/barcode/ean.js';
import type { NewProduct } from '../catalog/write.js';

interface Line {
  /** product names; each is sold under every brand and in every pack of its group */
  names: string[];
  brands: string[];
  packs: string[];
  /** price of the first pack in roubles; later packs cost proportionally more */
  price: number;
}

interface Group {
  id: string;
  name: string;
  vat: string;
  lines: Line[];
}

const GROUPS: Group[] = [
  { id: 'dairy', name: 'Молочные продукты', vat: '10', lines: [
    { names: ['Молоко 2,5%', 'Молоко 3,2%', 'Кефир 1%', 'Кефир 3,2%', 'Ряженка 4%', 'Йогурт питьевой клубника'], brands: ['Простоквашино', 'Домик в деревне', 'Весёлый молочник', 'Савушкин'], packs: ['0,9 л', '1,4 л'], price: 89 },
    { names: ['Сметана 15%', 'Сметана 20%', 'Творог 5%', 'Творог 9%'], brands: ['Простоквашино', 'Брест-Литовск', 'Савушкин'], packs: ['180 г', '300 г'], price: 99 },
    { names: ['Сыр Российский', 'Сыр Гауда', 'Сыр Сливочный', 'Масло сливочное 82,5%'], brands: ['Брест-Литовск', 'Сыробогатов', 'Экомилк'], packs: ['180 г', '400 г'], price: 229 },
  ] },
  { id: 'bread', name: 'Хлеб и выпечка', vat: '10', lines: [
    { names: ['Хлеб Бородинский', 'Батон нарезной', 'Хлеб ржано-пшеничный', 'Багет французский', 'Лаваш армянский'], brands: ['Хлебный дом', 'Коломенское', 'Черёмушки'], packs: ['300 г', '400 г'], price: 55 },
    { names: ['Сушки ванильные', 'Баранки горчичные', 'Пряники тульские'], brands: ['Хлебный дом', 'Ясная поляна'], packs: ['200 г', '400 г'], price: 79 },
  ] },
  { id: 'grocery', name: 'Бакалея', vat: '10', lines: [
    { names: ['Гречка ядрица', 'Рис круглозерный', 'Рис длиннозерный', 'Пшено', 'Овсяные хлопья', 'Макароны спагетти', 'Макароны рожки'], brands: ['Мистраль', 'Увелка', 'Макфа', 'Националь'], packs: ['800 г', '900 г'], price: 109 },
    { names: ['Сахар-песок', 'Соль поваренная', 'Мука пшеничная'], brands: ['Русский сахар', 'Макфа'], packs: ['1 кг', '2 кг'], price: 79 },
    { names: ['Масло подсолнечное', 'Масло оливковое'], brands: ['Слобода', 'Золотая семечка', 'Олейна'], packs: ['0,5 л', '1 л'], price: 149 },
  ] },
  { id: 'drinks', name: 'Напитки', vat: '22', lines: [
    { names: ['Вода минеральная газированная', 'Вода питьевая негазированная', 'Лимонад Тархун', 'Квас хлебный', 'Морс клюквенный'], brands: ['Святой источник', 'Ессентуки', 'Черноголовка', 'Очаковский'], packs: ['0,5 л', '1,5 л'], price: 59 },
    { names: ['Сок яблочный', 'Сок апельсиновый', 'Нектар персиковый', 'Сок томатный'], brands: ['Добрый', 'Я', 'Любимый'], packs: ['0,2 л', '1 л'], price: 59 },
    { names: ['Чай чёрный', 'Чай зелёный', 'Кофе молотый', 'Кофе растворимый'], brands: ['Гринфилд', 'Майский', 'Жокей', 'Московская кофейня на паяхъ'], packs: ['100 г', '250 г'], price: 189 },
  ] },
  { id: 'sweets', name: 'Кондитерские изделия', vat: '22', lines: [
    { names: ['Шоколад молочный', 'Шоколад горький 70%', 'Конфеты Мишка косолапый', 'Конфеты Белочка', 'Зефир ванильный', 'Мармелад фруктовый', 'Печенье овсяное'], brands: ['Красный Октябрь', 'Бабаевский', 'Рот Фронт', 'Коркунов'], packs: ['90 г', '200 г'], price: 99 },
  ] },
  { id: 'frozen', name: 'Заморозка', vat: '10', lines: [
    { names: ['Пельмени Сибирские', 'Вареники с картофелем', 'Блинчики с мясом', 'Мороженое пломбир', 'Овощная смесь'], brands: ['Сибирская коллекция', 'Цезарь', 'Чистая линия'], packs: ['400 г', '800 г'], price: 199 },
  ] },
  { id: 'canned', name: 'Консервы', vat: '10', lines: [
    { names: ['Горошек зелёный', 'Кукуруза сладкая', 'Тушёнка говяжья', 'Шпроты в масле', 'Сайра натуральная', 'Огурцы маринованные'], brands: ['Бондюэль', 'Глобус', 'Главпродукт', 'Дядя Ваня'], packs: ['340 г', '680 г'], price: 119 },
  ] },
  { id: 'household', name: 'Бытовая химия', vat: '22', lines: [
    { names: ['Средство для мытья посуды', 'Стиральный порошок', 'Мыло хозяйственное', 'Зубная паста', 'Шампунь', 'Туалетная бумага'], brands: ['Fairy', 'Миф', 'Невская косметика', 'Чистая линия', 'Zewa'], packs: ['1 шт', '3 шт'], price: 129 },
  ] },
  { id: 'baby', name: 'Детское питание', vat: '0', lines: [
    { names: ['Пюре яблочное', 'Пюре грушевое', 'Каша гречневая безмолочная'], brands: ['ФрутоНяня', 'Агуша', 'Бабушкино лукошко'], packs: ['90 г', '200 г'], price: 49 },
  ] },
];

/** Weighed goods sold loose, by PLU (the label scale prints weight barcodes with these). */
const WEIGHED: { name: string; price: number; group: string; vat: string }[] = [
  { name: 'Яблоки Голден', price: 149, group: 'produce', vat: '10' }, { name: 'Яблоки Гренни Смит', price: 169, group: 'produce', vat: '10' },
  { name: 'Бананы', price: 129, group: 'produce', vat: '10' }, { name: 'Апельсины', price: 159, group: 'produce', vat: '10' },
  { name: 'Мандарины', price: 189, group: 'produce', vat: '10' }, { name: 'Груши Конференция', price: 229, group: 'produce', vat: '10' },
  { name: 'Картофель', price: 49, group: 'produce', vat: '10' }, { name: 'Морковь', price: 45, group: 'produce', vat: '10' },
  { name: 'Лук репчатый', price: 39, group: 'produce', vat: '10' }, { name: 'Капуста белокочанная', price: 35, group: 'produce', vat: '10' },
  { name: 'Огурцы гладкие', price: 199, group: 'produce', vat: '10' }, { name: 'Помидоры сливовидные', price: 249, group: 'produce', vat: '10' },
  { name: 'Свёкла', price: 42, group: 'produce', vat: '10' }, { name: 'Чеснок', price: 399, group: 'produce', vat: '10' },
  { name: 'Лимоны', price: 219, group: 'produce', vat: '10' }, { name: 'Виноград кишмиш', price: 349, group: 'produce', vat: '10' },
  { name: 'Колбаса Докторская', price: 689, group: 'deli', vat: '10' }, { name: 'Колбаса Краковская', price: 749, group: 'deli', vat: '10' },
  { name: 'Сосиски молочные', price: 459, group: 'deli', vat: '10' }, { name: 'Сыр Пошехонский весовой', price: 799, group: 'deli', vat: '10' },
  { name: 'Сельдь слабосолёная', price: 399, group: 'deli', vat: '10' }, { name: 'Конфеты Ромашка весовые', price: 529, group: 'deli', vat: '22' },
  { name: 'Печенье Юбилейное весовое', price: 289, group: 'deli', vat: '22' }, { name: 'Орехи грецкие', price: 999, group: 'deli', vat: '10' },
];

const GROUP_SLUGS = [...GROUPS.map((g) => g.id), 'produce', 'deli'];

/** A stable id for a demo group, named by its slug ('dairy', 'produce'...). */
export function demoGroupId(slug: string): string {
  const n = GROUP_SLUGS.indexOf(slug);
  if (n < 0) throw new Error(`no demo group ${slug}`);
  return `019a0000-0000-7000-8001-${(n + 1).toString(16).padStart(12, '0')}`;
}

/** The demo's groups, with the retail markups an owner of such a shop would set (hundredths of a percent). */
export const DEMO_GROUPS = [
  ...GROUPS.map((g) => ({ id: demoGroupId(g.id), name: g.name, markup: 3000 })),
  { id: demoGroupId('produce'), name: 'Овощи и фрукты', markup: 4000 },
  { id: demoGroupId('deli'), name: 'Развес', markup: 3500 },
];

/** Goods under Честный ЗНАК in the demo: sold only by scanning the DataMatrix on each bottle. */
const MARKED = /^Вода /;

/** A stable id for a demo product, so the same demo shop is built every time. */
function demoId(n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `019a0000-0000-7000-8000-${hex}`;
}

/**
 * The demo shop's catalogue: every name × brand × pack of every group (about 600
 * items with Russian EAN-13 codes, prefix 460) and the weighed goods with PLUs 1–24.
 */
export function demoCatalog(): NewProduct[] {
  const out: NewProduct[] = [];
  let n = 0;
  for (const group of GROUPS) {
    for (const line of group.lines) {
      line.names.forEach((name, ni) => {
        line.brands.forEach((brand, bi) => {
          line.packs.forEach((pack, pi) => {
            n++;
            const rub = Math.round(line.price * (1 + pi * 0.8) * (1 + ((ni * 7 + bi * 3) % 10) / 20));
            out.push({
              id: demoId(n), name: `${name} ${brand} ${pack}`, groupId: demoGroupId(group.id), unit: 'pcs', vat: group.vat,
              article: `A-${String(n).padStart(5, '0')}`, plu: null, marked: MARKED.test(name), price: rub * 100 - 1,
              barcodes: [withCheckDigit(`460${String(7000000 + n * 37).padStart(9, '0')}`)],
            });
          });
        });
      });
    }
  }
  WEIGHED.forEach((w, i) => {
    n++;
    out.push({
      id: demoId(n), name: w.name, groupId: demoGroupId(w.group), unit: 'kg', vat: w.vat, article: `W-${String(i + 1).padStart(3, '0')}`,
      plu: String(i + 1), marked: false, price: w.price * 100 - 10, barcodes: [],
    });
  });
  return out;
}
