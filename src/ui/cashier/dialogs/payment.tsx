import { useMemo, useState } from 'react';
import { uuidv7 } from '../../../shared/ids.js';
import { useApp } from '../../app-context.js';
import { Button, Dialog, Field } from '../../components/ui.js';
import { useAmount } from '../../components/use-money-input.js';
import type { Sale } from '../../types.js';

export type PayMode = 'cash' | 'card' | 'mixed';

/** Cash (tendered → change), card (confirmed by the cashier until a terminal is attached), or both. */
export function PaymentDialog({ mode, total, onPaid, onClose }: { mode: PayMode; total: number; onPaid(sale: Sale): void; onClose(): void }) {
  const { conn, t, money, fail } = useApp();
  // One id per payment attempt: pressing Enter twice or retrying after a timeout never sells twice.
  const saleId = useMemo(() => uuidv7(), []);
  const cash = useAmount('');
  const card = useAmount('');
  const [busy, setBusy] = useState(false);
  const cardTyped = mode === 'mixed' && card.text.trim() !== '';
  const cardAmount = mode === 'card' ? total : mode === 'mixed' ? splitCardPart(total, cardTyped ? card.kopecks : null, cash.kopecks) : 0;
  const cashDue = total - cardAmount;
  const tendered = mode === 'card' ? 0 : cash.text.trim() === '' ? cashDue : (cash.kopecks ?? 0);
  const change = tendered - cashDue;
  const cardUnreadable = cardTyped && card.kopecks === null;
  const valid = !cardUnreadable && cardAmount >= 0 && cardAmount <= total && change >= 0 && (mode !== 'mixed' || cardAmount > 0);
  const splitUnset = mode === 'mixed' && !cardTyped && cardAmount === 0;
  const submit = async () => {
    if (!valid || busy) return;
    setBusy(true);
    const payments: { kind: 'cash' | 'card'; amount: number }[] = [];
    if (cardAmount > 0) payments.push({ kind: 'card', amount: cardAmount });
    if (tendered > 0 || payments.length === 0) payments.push({ kind: 'cash', amount: tendered });
    try {
      onPaid(await conn.call('sale.complete', { id: saleId, payments }));
    } catch (err) {
      fail(err);
      setBusy(false);
    }
  };
  return (
    <Dialog title={t('pay.title')} onClose={onClose} onSubmit={() => void submit()} testId="payment-dialog">
      <div className="due"><span>{t('pay.due')}</span><b data-testid="due">{money(total)}</b></div>
      {mode === 'mixed' && <Field label={t('pay.card')} inputMode="decimal" placeholder={cardAmount > 0 ? money(cardAmount) : ''} value={card.text} onChange={(e) => card.setText(e.target.value)} name="card" />}
      {mode !== 'card' && <Field label={t('pay.cash')} inputMode="decimal" placeholder={money(cashDue)} value={cash.text} onChange={(e) => cash.setText(e.target.value)} name="cash" />}
      {mode === 'card' && <p>{t('pay.cardConfirm')}</p>}
      {splitUnset && <p className="muted" data-testid="split-hint">{t('pay.splitHint')}</p>}
      {mode !== 'card' && !splitUnset && (
        <div className={`due ${change < 0 ? 'bad' : ''}`}>
          <span>{change < 0 ? t('pay.missing') : t('pay.change')}</span>
          <b data-testid="change">{money(Math.abs(change))}</b>
        </div>
      )}
      <div className="actions">
        <Button onClick={onClose} hotkey="Esc">{t('common.cancel')}</Button>
        <Button type="submit" kind="primary" hotkey="Enter" disabled={!valid || busy} {...(mode === 'card' ? { 'data-autofocus': true } : {})}>{t('pay.complete')}</Button>
      </div>
    </Dialog>
  );
}

/**
 * The card part of a split payment: what the cashier typed for the card, or, when only the cash
 * handed over was typed and it falls short of the total, the rest of the total (the usual split:
 * "500 in cash, the rest by card"). 0 while neither says how to split (or the card's amount does not read).
 */
function splitCardPart(total: number, typedCard: number | null, cash: number | null): number {
  if (typedCard !== null) return typedCard;
  if (cash !== null && cash > 0 && cash < total) return total - cash;
  return 0;
}
