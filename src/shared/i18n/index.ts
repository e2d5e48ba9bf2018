import { ru, type MessageKey } from './ru.js';
import { en } from './en.js';
import { formatPlain } from '../money.js';

export type Lang = 'ru' | 'en';
export type { MessageKey };

const catalogues: Record<Lang, Record<MessageKey, string>> = { ru, en };

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(ru, key);
}

/** Looks a message up and fills its {placeholders}; an unknown key is shown as is. */
export function translate(lang: Lang, key: string, params: Record<string, unknown> = {}): string {
  const text = isMessageKey(key) ? catalogues[lang][key] : key;
  return text.replace(/\{(\w+)\}/g, (_m, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}

/** Kopecks as the locale writes money: "1 234,50 ₽" / "RUB 1,234.50". */
export function formatMoney(lang: Lang, kopecks: number): string {
  return new Intl.NumberFormat(lang === 'ru' ? 'ru-RU' : 'en-US', { style: 'currency', currency: 'RUB', minimumFractionDigits: 2 })
    .format(formatPlain(kopecks) as `${number}`);
}

/** Hundredths of a percent as the locale writes a share, to a tenth: "63,6 %" / "63.6 %". */
export function formatShare(lang: Lang, hundredths: number): string {
  const n = new Intl.NumberFormat(lang === 'ru' ? 'ru-RU' : 'en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(hundredths / 100);
  return `${n} %`;
}

/** Thousandths as a number without a unit (a total over pieces and kilograms alike): "1 234,5" in Russian. */
export function formatThousandths(lang: Lang, qty: number): string {
  return new Intl.NumberFormat(lang === 'ru' ? 'ru-RU' : 'en-US', { maximumFractionDigits: 3 }).format(qty / 1000);
}

/** Thousandths as a quantity: "1,250 кг" for weighed goods, "3" for pieces. */
export function formatQuantity(lang: Lang, qty: number, unit: 'pcs' | 'kg' | 'l'): string {
  const n = new Intl.NumberFormat(lang === 'ru' ? 'ru-RU' : 'en-US', { minimumFractionDigits: unit === 'pcs' ? 0 : 3, maximumFractionDigits: 3 }).format(qty / 1000);
  const units = lang === 'ru' ? { pcs: 'шт', kg: 'кг', l: 'л' } : { pcs: 'pcs', kg: 'kg', l: 'l' };
  return `${n} ${units[unit]}`;
}

/** A local calendar day given as YYYY-MM-DD, in the language's short form. */
export function formatDay(lang: Lang, day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', { dateStyle: 'short' }).format(new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

export function formatDateTime(lang: Lang, iso: string): string {
  return new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}
