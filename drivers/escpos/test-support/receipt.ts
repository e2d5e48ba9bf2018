import type { PrintDoc } from '../../../src/core/ports/devices.js';

/** A receipt as the core lays it out (see src/core/receipts/layout.ts), for driver tests. */
export const MILK_RECEIPT: PrintDoc = {
  items: [
    { kind: 'text', text: 'ИП Петрова «Лавка у дома»', align: 'center', bold: true },
    { kind: 'text', text: 'г. Тверь, ул. Советская, 5', align: 'center' },
    { kind: 'text', text: 'ИНН 690000000000', align: 'center' },
    { kind: 'rule' },
    { kind: 'text', text: 'КАССОВЫЙ ЧЕК / ПРИХОД', align: 'center', bold: true },
    { kind: 'pair', left: 'Чек № 12', right: '05.03.2025 14:07' },
    { kind: 'rule' },
    { kind: 'text', text: '1. Молоко 2,5% Простоквашино' },
    { kind: 'pair', left: '  2 шт x 89.90', right: '=179.80' },
    { kind: 'pair', left: '  НДС 10%', right: '16.35' },
    { kind: 'text', text: '2. Хлеб «Бородинский» нарезка' },
    { kind: 'pair', left: '  1 шт x 54.00', right: '=54.00' },
    { kind: 'rule' },
    { kind: 'pair', left: 'ИТОГ', right: '=233.80', bold: true },
    { kind: 'text', text: 'ИТОГ =233.80', double: true, align: 'center' },
    { kind: 'pair', left: 'НАЛИЧНЫМИ', right: '=250.00' },
    { kind: 'pair', left: 'СДАЧА', right: '=16.20' },
    { kind: 'barcode', symbology: 'code128', data: 'R000000012' },
    { kind: 'qr', data: 't=20250305T1407&s=233.80&fn=7380440700000000&i=12&fp=1234567890&n=1' },
    { kind: 'text', text: 'СПАСИБО ЗА ПОКУПКУ!', align: 'center' },
    { kind: 'feed', lines: 3 },
    { kind: 'cut' },
  ],
};

/** What MILK_RECEIPT prints on 32 columns, line by line (trailing spaces are not ink). */
export const MILK_RECEIPT_32 = [
  '   ИП Петрова "Лавка у дома"',
  '   г. Тверь, ул. Советская, 5',
  '        ИНН 690000000000',
  '--------------------------------',
  '     КАССОВЫЙ ЧЕК / ПРИХОД',
  'Чек № 12        05.03.2025 14:07',
  '--------------------------------',
  '1. Молоко 2,5% Простоквашино',
  '  2 шт x 89.90           =179.80',
  '  НДС 10%                  16.35',
  '2. Хлеб "Бородинский" нарезка',
  '  1 шт x 54.00            =54.00',
  '--------------------------------',
  'ИТОГ                     =233.80',
  '  ИТОГ =233.80',
  'НАЛИЧНЫМИ                =250.00',
  'СДАЧА                     =16.20',
  // the encoder ends each symbol with LF: a real line feed on paper
  '[code128 R000000012]',
  '',
  '[qr t=20250305T1407&s=233.80&fn=7380440700000000&i=12&fp=1234567890&n=1]',
  '',
  '      СПАСИБО ЗА ПОКУПКУ!',
  '',
  '',
  '',
];
