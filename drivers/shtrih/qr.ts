/**
 * The receipt QR string the tax service's app checks (FFD appendix 2):
 * t=YYYYMMDDTHHMM&s=RUB.KK&fn=...&i=...&fp=...&n=... . Date and time are the
 * fiscal storage's wall-clock fields; i and fp carry no leading zeros.
 */
export interface QrInput {
  at: Date;
  total: number;
  fnNumber: string;
  fiscalDocNumber: number;
  fiscalSign: number;
  /** tag 1054: 1 sale, 2 sale return, 3 purchase, 4 purchase return */
  receiptType: number;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

export function receiptQrString(q: QrInput): string {
  if (!Number.isSafeInteger(q.total) || q.total < 0) throw new RangeError(`bad total ${q.total}`);
  const d = q.at;
  const t = `${d.getFullYear()}${pad2(d.getMonth() + 1)}${pad2(d.getDate())}T${pad2(d.getHours())}${pad2(d.getMinutes())}`;
  const s = `${Math.floor(q.total / 100)}.${pad2(q.total % 100)}`;
  return `t=${t}&s=${s}&fn=${q.fnNumber}&i=${q.fiscalDocNumber}&fp=${q.fiscalSign}&n=${q.receiptType}`;
}
