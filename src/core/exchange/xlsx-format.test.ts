import { describe, expect, it } from 'vitest';
import { cellFormatter } from './xlsx-format.js';

const show = (format: string, value: string, date1904 = false) => cellFormatter(format, date1904)(value);

describe('cellFormatter: a number cell as Russian Excel shows it', () => {
  it.each([
    ['0.00', '1.005', '1,01'], ['0.00', '1234.5', '1234,50'], ['#,##0.00', '1234567.891', '1234567,89'], ['0', '2.5', '3'], ['0', '-2.5', '-3'],
    ['0.00', '-0.001', '0,00'], ['0.000', '0.30000000000000004', '0,300'], ['0.00', '99.995', '100,00'], ['#,##0.00\\ "₽"', '45.9', '45,90'],
    ['[$-419]# ##0,00', '7', '7'],
  ])('%s shows %s as %s', (format, value, text) => {
    expect(show(format, value)).toBe(text);
  });

  it('shows General with up to 15 significant digits and every digit of a long integer', () => {
    expect(show('General', '0.30000000000000004')).toBe('0,3');
    expect(show('General', '4600070000373')).toBe('4600070000373');
    expect(show('General', '1E-3')).toBe('0,001');
    expect(show('0.00E+00', '4.6000700003730E+12')).toBe('4600070000373');
  });

  it('shows percents from the fraction, without a float', () => {
    expect(show('0%', '0.22')).toBe('22%');
    expect(show('0.00%', '0.055')).toBe('5,50%');
    expect(show('0%', '1')).toBe('100%');
  });

  it('shows dates in both date systems, with time when the format has it', () => {
    expect(show('dd.mm.yyyy', '46027')).toBe('05.01.2026');
    expect(show('m/d/yy h:mm', '46027.4375')).toBe('05.01.2026 10:30');
    expect(show('dd.mm.yyyy', '44565', true)).toBe('05.01.2026');
    expect(show('h:mm:ss', '0.5')).toBe('12:00:00');
  });
});
