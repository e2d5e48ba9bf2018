import { describe, expect, it } from 'vitest';
import { ERROR_CODES, describeError } from './error-codes.js';
import { ShtrihDeviceError, ShtrihLinkError } from './errors.js';

describe('error codes', () => {
  it('every code has a Russian and an English message', () => {
    expect(ERROR_CODES.size).toBeGreaterThan(100);
    for (const [code, info] of ERROR_CODES) {
      expect(code).toBeGreaterThan(0);
      expect(code).toBeLessThan(256);
      expect(info.ru).toMatch(/[а-яА-ЯёЁ]/);
      expect(info.en).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  it('maps the codes a cashier meets', () => {
    expect(describeError(0x6b).en).toBe('Receipt paper is out');
    expect(describeError(0x4e)).toMatchObject({ source: 'kkt', ru: 'Смена превысила 24 часа, закройте смену' });
    expect(describeError(0x16).source).toBe('fn');
    expect(describeError(0x4f).ru).toBe('Неверный пароль');
    expect(describeError(0x45).en).toMatch(/less than the receipt total/);
  });

  it('an unknown code still reads as an error with its number', () => {
    expect(describeError(0xfe)).toEqual({ source: 'kkt', ru: 'Неизвестная ошибка ККТ 0xfe', en: 'Unknown registrar error 0xfe' });
  });

  it('device errors name the command and carry both languages', () => {
    const e = new ShtrihDeviceError(0xff46, 0x4e);
    expect(e.message).toBe('FF46h: Shift exceeded 24 hours: close the shift (0x4e)');
    expect(e.ru).toMatch(/24 часа/);
    expect(e.errorCode).toBe(0x4e);
  });

  it('link errors say whether the command may have run', () => {
    const e = new ShtrihLinkError('answer-lost', 0xff45, true, 'x');
    expect(e.mayHaveExecuted).toBe(true);
    expect(e.ru).toMatch(/неизвестен/);
    expect(new ShtrihLinkError('no-connection', 0x10, false, 'x').ru).toMatch(/Нет связи/);
  });
});
