/**
 * FFD values (appendix 2 of the FNS order) and how they land in Shtrih-M
 * fields. Kept as data: VAT rates change by law (22 % from 2026, 5 %/7 % for
 * some simplified-tax payers) and the registrar's tax groups are programmed
 * per shop in its table 6, so the mapping is a setting, not code.
 */

/** Tag 1054 "признак расчета": the FF46 operation type byte uses the same numbers. */
export const ReceiptType = {
  sale: 1,
  saleReturn: 2,
  purchase: 3,
  purchaseReturn: 4,
} as const;
export type ReceiptKind = keyof typeof ReceiptType;

/** Tag 1055 "применяемая система налогообложения": one bit, same bits as the FF45 byte. */
export const TAX_SYSTEM_BIT = {
  osn: 0,
  usn_income: 1,
  usn_income_outcome: 2,
  envd: 3,
  esn: 4,
  patent: 5,
} as const;
export type TaxSystemCode = keyof typeof TAX_SYSTEM_BIT;

/**
 * Tag 1199 "ставка НДС" value → the registrar tax group (1..6) it is programmed
 * in. FF46 takes the group as a one-bit mask; FF45's six tax slots follow the
 * same order. The default is the factory layout: 1 main rate, 2 10 %, 3 0 %,
 * 4 no VAT, 5 main calculated rate, 6 10/110.
 */
export type TaxGroupTable = Readonly<Record<number, number>>;
export const DEFAULT_TAX_GROUPS: TaxGroupTable = {
  1: 1, // main rate (22 % since 2026)
  2: 2, // 10 %
  3: 5, // main calculated rate (22/122)
  4: 6, // 10/110
  5: 3, // 0 %
  6: 4, // not subject to VAT
};

export function taxGroupMask(group: number): number {
  if (!Number.isInteger(group) || group < 1 || group > 8) throw new RangeError(`tax group ${group} out of 1..8`);
  return 1 << (group - 1);
}

/** Tag 1214 "признак способа расчета": 4 = full payment on handover, the ordinary shop sale. */
export const PAYMENT_METHOD_FULL = 4;
/** Tag 1212 "признак предмета расчета": 1 = goods. */
export const SUBJECT_GOODS = 1;

/** Fiscal document form codes (tag of the STLV), as FF0A reports them. */
export const DocType = {
  registration: 1,
  openShift: 2,
  receipt: 3,
  bso: 4,
  closeShift: 5,
  closeFn: 6,
  reregistration: 11,
  stateReport: 21,
  correction: 31,
  bsoCorrection: 41,
} as const;

/** Registrar modes (low nibble of the mode byte), appendix 1. */
export const Mode = {
  dataOut: 1,
  shiftOpen: 2,
  shiftExpired: 3,
  shiftClosed: 4,
  documentOpen: 8,
} as const;

/** Submodes: paper and printing phases. */
export const Submode = {
  ready: 0,
  paperOutPassive: 1,
  paperOutActive: 2,
  awaitingContinue: 3,
  printingReport: 4,
  printing: 5,
} as const;
