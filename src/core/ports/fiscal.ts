/**
 * The fiscal registrar (54-FZ ККТ) as the core needs it. The Shtrih-M driver implements
 * it (drivers/shtrih/fiscal-port.ts); so does any other registrar we add.
 */

export interface FiscalLine {
  name: string;
  /** unit price as sold, kopecks */
  price: number;
  /** thousandths (1 piece = 1000) */
  qty: number;
  /** the line's sum after discounts, kopecks */
  total: number;
  /** FFD tag 1199 value of the line's VAT rate */
  vatTag: number;
  /** the scanned marking code of a marked item (one piece per line) */
  markingCode: string | null;
}

export type TaxSystem = 'osn' | 'usn_income' | 'usn_income_outcome' | 'esn' | 'patent';

export interface FiscalReceipt {
  kind: 'sale' | 'return';
  lines: FiscalLine[];
  cash: number;
  card: number;
  taxSystem: TaxSystem;
  cashier: { name: string; inn?: string };
}

/** What the registrar answers for a fiscalised receipt, kept with the sale. */
export interface FiscalDocument {
  fiscalDocNumber: number;
  fiscalSign: string;
  fnNumber: string;
  fiscalShift: number | null;
  receiptNumber: number | null;
  /** the fiscal storage's own time of the receipt, ISO */
  at: string;
  /** the receipt's QR string t=…&s=…&fn=…&i=…&fp=…&n=… */
  qr: string;
}

export type FiscalFailure =
  /** the registrar refused: nothing was fiscalised */
  | 'refused'
  /** the shift is over 24 hours: a Z report first */
  | 'shift-expired'
  /** nothing answered: nothing was fiscalised */
  | 'no-connection'
  /** the receipt may or may not have been fiscalised: reconcile against the last document */
  | 'outcome-unknown';

export class FiscalError extends Error {
  constructor(
    readonly failure: FiscalFailure,
    /** for the cashier's screen, in Russian as the registrar's manuals speak */
    readonly ru: string,
    message: string,
  ) {
    super(message);
    this.name = 'FiscalError';
  }
}

export interface FiscalState {
  shiftOpen: boolean;
  shiftExpired: boolean;
  lastDocNumber: number;
  /** the registrar's own printer is out of paper (where it has one and says so) */
  paperOut?: boolean;
}

/** The last receipt in the fiscal storage, when the last document is one. */
export interface StoredReceipt {
  kind: 'sale' | 'return' | 'other';
  total: number;
  document: FiscalDocument;
}

export interface FiscalRegistrar {
  state(): Promise<FiscalState>;
  openShift(cashier: FiscalReceipt['cashier']): Promise<void>;
  closeShift(cashier: FiscalReceipt['cashier']): Promise<void>;
  fiscalise(receipt: FiscalReceipt): Promise<FiscalDocument>;
  lastReceipt(): Promise<StoredReceipt | null>;
  cashIn(amount: number): Promise<void>;
  cashOut(amount: number): Promise<void>;
  xReport(): Promise<void>;
}
