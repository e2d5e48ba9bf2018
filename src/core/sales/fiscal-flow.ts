import type { Db } from '../db/open.js';
import type { CartStore } from './cart.js';
import type { SaleDraft, SalesLedger, SaleView } from './ledger.js';
import type { Settings } from '../settings/settings.js';
import type { Catalog } from '../catalog/catalog.js';
import { FiscalError, type FiscalDocument, type FiscalReceipt, type FiscalRegistrar } from '../ports/fiscal.js';
import { LavkaError } from '../../shared/contract/errors.js';

interface PendingRow {
  sale_id: string;
  cart_id: string | null;
  draft: string;
  last_doc_before: number;
}

/**
 * The two-phase fiscal sale: the document is made durable as pending, the registrar
 * fiscalises it, and the completed sale with the registrar's answer replaces the pending
 * row in one transaction. A pending row left by a crash (power lost between the
 * registrar's close and our write) is settled at start-up against the registrar's last
 * document, so a sale is never fiscalised twice and never lost.
 */
export class FiscalFlow {
  private readonly insertPending;
  private readonly deletePending;
  private readonly pendingRows;

  constructor(
    db: Db,
    private readonly tx: <T>(fn: () => T) => T,
    private readonly checkpoint: () => void,
    /** read at each use: saving the device settings may replace the registrar */
    private readonly registrar: () => FiscalRegistrar | null,
    private readonly ledger: SalesLedger,
    private readonly carts: CartStore,
    private readonly settings: Settings,
    private readonly catalog: Catalog,
    private readonly clock: () => Date,
  ) {
    this.insertPending = db.prepare('INSERT INTO fiscal_pending (sale_id, cart_id, draft, last_doc_before, started_at) VALUES (?, ?, ?, ?, ?)');
    this.deletePending = db.prepare('DELETE FROM fiscal_pending WHERE sale_id = ?');
    this.pendingRows = db.prepare<[], PendingRow>('SELECT sale_id, cart_id, draft, last_doc_before FROM fiscal_pending ORDER BY started_at');
  }

  /** While a document's fate is unknown, the open receipt must not change under it. */
  assertIdle(): void {
    if (this.pendingRows.all().length > 0) throw new LavkaError('conflict', 'errors.fiscalPending');
  }

  /** Runs a registrar command that is not a receipt (shift, cash move, report); nothing when none is attached. */
  async command(run: (registrar: FiscalRegistrar) => Promise<void>): Promise<void> {
    const registrar = this.registrar();
    if (registrar) await this.ask(() => run(registrar));
  }

  /**
   * Fiscalises (when a registrar is attached) and writes the completed document. Returns it,
   * or null when reconciling a crash's leftovers completed it instead.
   */
  async record(draft: SaleDraft, cartId: string | null, cashier: string): Promise<SaleView | null> {
    const registrar = this.registrar();
    if (!registrar) return this.write(draft, cartId, null);
    await this.reconcile();
    // a retry of a document whose outcome was unknown: reconciling may just have completed it
    if (this.ledger.has(draft.id)) return null;
    const state = await this.ask(() => registrar.state());
    if (state.shiftExpired) throw new LavkaError('conflict', 'errors.shiftOver24h');
    if (!state.shiftOpen) await this.ask(() => registrar.openShift({ name: cashier }));
    this.tx(() => this.insertPending.run(draft.id, cartId, JSON.stringify(draft), state.lastDocNumber, this.clock().toISOString()));
    // the pending document must be on disk before the registrar may fiscalise it
    this.checkpoint();
    let doc: FiscalDocument;
    try {
      doc = await registrar.fiscalise(this.receiptFor(draft, cashier));
    } catch (err) {
      if (err instanceof FiscalError && err.failure === 'outcome-unknown') {
        throw new LavkaError('conflict', 'errors.fiscalUnknown', { problem: err.ru });
      }
      this.tx(() => this.deletePending.run(draft.id));
      throw this.refusal(err);
    }
    return this.write(draft, cartId, doc);
  }

  /** Settles documents left pending by a crash. Returns how many became completed sales. */
  async reconcile(): Promise<number> {
    const pending = this.pendingRows.all();
    const registrar = this.registrar();
    if (pending.length === 0 || !registrar) return 0;
    let completed = 0;
    for (const row of pending) {
      const draft = JSON.parse(row.draft) as SaleDraft;
      const last = await this.ask(() => registrar.lastReceipt());
      const went = last !== null && last.document.fiscalDocNumber > row.last_doc_before && last.kind === draft.kind && last.total === draft.total;
      if (went) {
        this.write({ ...draft, note: { ...draft.note, reconciled: true } }, row.cart_id, last.document);
        completed++;
      } else {
        // never fiscalised: the open receipt is still there to be paid again
        this.tx(() => this.deletePending.run(row.sale_id));
      }
    }
    return completed;
  }

  private write(draft: SaleDraft, cartId: string | null, doc: FiscalDocument | null): SaleView {
    return this.tx(() => {
      const sale = this.ledger.write(draft, doc);
      this.deletePending.run(draft.id);
      // the receipt it was paid from, if it is still open
      if (cartId) this.carts.discard(cartId);
      return sale;
    });
  }

  private receiptFor(draft: SaleDraft, cashier: string): FiscalReceipt {
    const tags = this.catalog.vatTags();
    const shop = this.settings.get('shop');
    return {
      kind: draft.kind,
      lines: draft.lines.map((l) => ({
        name: l.name, price: l.price, qty: l.qty, total: l.total, vatTag: tags.get(l.vat) ?? 6, markingCode: l.markingCode,
      })),
      cash: draft.cash,
      card: draft.card,
      taxSystem: shop?.taxSystem ?? 'osn',
      cashier: { name: cashier },
    };
  }

  /** A registrar call outside a receipt: its failure is a clear refusal, nothing to reconcile. */
  private async ask<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      throw this.refusal(err);
    }
  }

  private refusal(err: unknown): unknown {
    if (!(err instanceof FiscalError)) return err;
    if (err.failure === 'shift-expired') return new LavkaError('conflict', 'errors.shiftOver24h', { problem: err.ru });
    if (err.failure === 'no-connection') return new LavkaError('rejected', 'errors.fiscalOffline', { problem: err.ru });
    return new LavkaError('rejected', 'errors.fiscalRefused', { problem: err.ru });
  }
}
