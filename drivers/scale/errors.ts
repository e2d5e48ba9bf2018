import { ScaleError, type ScaleFailure } from '../../src/core/ports/scale.js';

const TEXTS: Record<ScaleFailure, { ru: string; en: string }> = {
  'no-connection': { ru: 'Весы не отвечают: проверьте кабель, питание, порт и скорость', en: 'The scale does not answer: check the cable, power, port and speed' },
  'bad-answer': { ru: 'Весы отвечают непонятно: проверьте протокол и скорость обмена', en: 'The scale answers in a way we cannot read: check the protocol and speed' },
  'not-ready': { ru: 'Весы не готовы к взвешиванию', en: 'The scale is not ready to weigh' },
  overload: { ru: 'Перегрузка весов: снимите лишний груз', en: 'The scale is overloaded: take some load off' },
  unstable: { ru: 'Вес не успокоился: подождите и взвесьте снова', en: 'The weight did not settle: wait and weigh again' },
  negative: { ru: 'Вес меньше нуля: обнулите весы', en: 'The weight is below zero: zero the scale' },
  zero: { ru: 'На весах ничего нет', en: 'Nothing is on the scale' },
};

/**
 * The failure's standard texts. `detail` (what the line or the scale said) goes into the
 * English message; `ruReason`, the scale's own reason where it gives one, into both.
 */
export function scaleError(failure: ScaleFailure, detail?: string, ruReason?: string): ScaleError {
  const t = TEXTS[failure];
  return new ScaleError(failure, ruReason ? `${t.ru}: ${ruReason}` : t.ru, detail ? `${t.en} (${detail})` : t.en);
}
