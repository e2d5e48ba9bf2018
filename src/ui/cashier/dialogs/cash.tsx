import { useMemo, useState } from 'react';
import { uuidv7 } from '../../../shared/ids.js';
import { useApp } from '../../app-context.js';
import { Button, Dialog, Field } from '../../components/ui.js';
import { useAmount } from '../../components/use-money-input.js';

export function CashDialog({ onClose }: { onClose(): void }) {
  const { conn, t, money, fail, notify } = useApp();
  const [kind, setKind] = useState<'in' | 'out'>('in');
  const amount = useAmount('');
  const [reason, setReason] = useState('');
  const id = useMemo(() => uuidv7(), []);
  const valid = amount.kopecks !== null && amount.kopecks > 0 && reason.trim() !== '';
  const submit = async () => {
    if (!valid || amount.kopecks === null) return;
    try {
      const r = await conn.call('cash.move', { id, kind, amount: amount.kopecks, reason: reason.trim() });
      notify(t('cash.done', { amount: money(r.expectedCash) }));
      onClose();
    } catch (err) {
      fail(err);
    }
  };
  return (
    <Dialog title={t('cash.title')} onClose={onClose} onSubmit={() => void submit()} testId="cash-dialog">
      <div className="segmented">
        <Button kind={kind === 'in' ? 'primary' : 'normal'} onClick={() => setKind('in')}>{t('cash.in')}</Button>
        <Button kind={kind === 'out' ? 'primary' : 'normal'} onClick={() => setKind('out')}>{t('cash.out')}</Button>
      </div>
      <Field label={t('cash.amount')} inputMode="decimal" value={amount.text} onChange={(e) => amount.setText(e.target.value)} name="amount" data-autofocus />
      <Field label={t('cash.reason')} value={reason} onChange={(e) => setReason(e.target.value)} name="reason" />
      <div className="actions">
        <Button type="submit" kind="primary" hotkey="Enter" disabled={!valid}>{t('common.ok')}</Button>
      </div>
    </Dialog>
  );
}
