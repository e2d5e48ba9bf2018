/**
 * Massa-K "Протокол 100" (Мк.2.790.237РЭ; r5 2018): the binary protocol of their MK, ТВ
 * and 4D scales over RS-232, USB (virtual COM) and Ethernet / Wi-Fi (TCP 5001).
 *
 *   F8 55 CE | Len (uint16 LE) | Command | data … | CRC (uint16 LE)
 *
 * Len counts Command and data; the CRC covers the same bytes. The CRC is the routine of
 * the protocol's appendix 7.1: CCITT polynomial 0x1021, start 0, computed per byte as
 * crc = t(crc >> 8) ^ (crc << 8) ^ byte. That is not the table-driven CRC-16/XMODEM
 * (the byte enters after the division, not before), and sources differ on it; we follow
 * the appendix, which a public driver checks against a real scale's answer
 * (body 24 0F 00 00 00 01 01 00 00 00 00 00 00 → CRC bytes 7D 42).
 *
 *   CMD_GET_MASSA  0x23, no data
 *   CMD_ACK_MASSA  0x24: Weight int32 LE (signed, in divisions), Division (0: 0.1 g,
 *                  1: 1 g, 2: 10 g, 3: 100 g, 4: 1 kg), Stable, Net, Zero (0/1), and on
 *                  newer firmware Tare int32 LE (Len 9 or 13)
 *   CMD_ERROR      0x28: one error code byte (0x08: load over the maximum)
 *   CMD_NACK       0xF0: the command is not supported
 */

export const MASSAK_HEADER = Uint8Array.of(0xf8, 0x55, 0xce);

export const MassakCmd = {
  getMassa: 0x23,
  ackMassa: 0x24,
  error: 0x28,
  nack: 0xf0,
} as const;

/** Error codes of CMD_ERROR, as the protocol names them. */
export const MASSAK_ERRORS: Record<number, { ru: string; en: string }> = {
  0x07: { ru: 'команда не поддерживается', en: 'command not supported' },
  0x08: { ru: 'нагрузка на весовом устройстве превышает НПВ', en: 'load over the maximum capacity' },
  0x09: { ru: 'весовое устройство не в режиме взвешивания', en: 'not in weighing mode' },
  0x0a: { ru: 'ошибка входных данных', en: 'input data error' },
  0x0b: { ru: 'ошибка сохранения данных', en: 'data save error' },
  0x10: { ru: 'интерфейс WiFi не поддерживается', en: 'Wi-Fi interface not supported' },
  0x11: { ru: 'интерфейс Ethernet не поддерживается', en: 'Ethernet interface not supported' },
  0x15: { ru: 'установка >0< невозможна', en: 'cannot set zero' },
  0x17: { ru: 'нет связи с модулем взвешивающим', en: 'no link to the weighing module' },
  0x18: { ru: 'установлена нагрузка на платформу при включении', en: 'load on the platform at power-on' },
  0x19: { ru: 'весовое устройство неисправно', en: 'the weighing device is faulty' },
  0xf0: { ru: 'неизвестная ошибка', en: 'unknown error' },
};

export const MASSAK_OVERLOAD = 0x08;

/** Appendix 7.1's CRC over Command and data. */
export function massakCrc(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    let acc = 0;
    let temp = crc & 0xff00;
    for (let bit = 0; bit < 8; bit++) {
      acc = ((temp ^ acc) & 0x8000 ? (acc << 1) ^ 0x1021 : acc << 1) & 0xffff;
      temp = (temp << 1) & 0xffff;
    }
    crc = (acc ^ (crc << 8) ^ byte) & 0xffff;
  }
  return crc;
}

/** A whole frame around a body (Command and data). */
export function encodeMassakFrame(body: Uint8Array): Uint8Array {
  const crc = massakCrc(body);
  return Uint8Array.of(...MASSAK_HEADER, body.length & 0xff, body.length >> 8, ...body, crc & 0xff, crc >> 8);
}

export type MassakAnswer =
  | { kind: 'massa'; weight: number; division: number; stable: boolean; net: boolean; zero: boolean; tare: number | null }
  | { kind: 'error'; code: number }
  | { kind: 'nack' }
  | { kind: 'invalid'; why: string };

const int32le = (b: Uint8Array, at: number) => new DataView(b.buffer, b.byteOffset, b.byteLength).getInt32(at, true);

/** Reads a body whose CRC was already checked. */
export function parseMassakBody(body: Uint8Array): MassakAnswer {
  switch (body[0]) {
    case MassakCmd.ackMassa:
      if (body.length !== 9 && body.length !== 13) return { kind: 'invalid', why: `CMD_ACK_MASSA with ${body.length} bytes` };
      return {
        kind: 'massa',
        weight: int32le(body, 1),
        division: body[5] ?? 0,
        stable: body[6] === 1,
        net: body[7] === 1,
        zero: body[8] === 1,
        tare: body.length === 13 ? int32le(body, 9) : null,
      };
    case MassakCmd.error:
      return body.length === 2 ? { kind: 'error', code: body[1] ?? 0 } : { kind: 'invalid', why: `CMD_ERROR with ${body.length} bytes` };
    case MassakCmd.nack:
      return { kind: 'nack' };
    default:
      return { kind: 'invalid', why: `command 0x${(body[0] ?? 0).toString(16).padStart(2, '0')}` };
  }
}

/** The device side of CMD_ACK_MASSA (the simulator answers with it); Tare included, as newer firmware sends. */
export function ackMassaBody(a: { weight: number; division: number; stable: boolean; net: boolean; zero: boolean; tare: number }): Uint8Array {
  const body = new Uint8Array(13);
  const view = new DataView(body.buffer);
  body[0] = MassakCmd.ackMassa;
  view.setInt32(1, a.weight, true);
  body[5] = a.division;
  body[6] = a.stable ? 1 : 0;
  body[7] = a.net ? 1 : 0;
  body[8] = a.zero ? 1 : 0;
  view.setInt32(9, a.tare, true);
  return body;
}
