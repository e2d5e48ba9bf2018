import { useState } from 'react';
import { useApp } from '../../app-context.js';
import { Button, Dialog, Field } from '../../components/ui.js';
import type { CartLine } from '../../types.js';
import { useAmount } from '../../components/use-money-input.js';

type Spec = { kind: 'percent'; value: number } | { kind: 'amount'; value: number } | null;

/** A discount on the selected line or on the whole receipt, as a percent or an amount. */
export function DiscountDialog({ line, onDone, onClose }: { line: CartLine | null; onDone(lineId: string | null, spec: Spec): void; onClose(): void }) {
  const { t } = useApp();
  const [onLine, setOnLine] = useState(line !== null);
  const [kind, setKind] = useState<'percent' | 'amount'>('percent');
  const value = useAmount('');
  // parseRoubles reads "5" as 500: hundredths, which is also how the core takes a percent.
  const spec: Spec = value.kopecks === null || value.kopecks <= 0 ? null : kind === 'percent' ? { kind, value: value.kopecks } : { kind, value: value.kopecks };
  const target = onLine && line ? line.id : null;
  return (
    <Dialog title={t('discount.title')} onClose={onClose} onSubmit={() => spec && onDone(target, spec)} testId="discount-dialog">
      <div className="segmented">
        {line && <Button kind={onLine ? 'primary' : 'normal'} onClick={() => setOnLine(true)}>{t('discount.line', { name: line.name })}</Button>}
        <Button kind={!onLine ? 'primary' : 'normal'} onClick={() => setOnLine(false)}>{t('discount.receipt')}</Button>
      </div>
      <div className="segmented">
        <Button kind={kind === 'percent' ? 'primary' : 'normal'} onClick={() => setKind('percent')}>%</Button>
        <Button kind={kind === 'amount' ? 'primary' : 'normal'} onClick={() => setKind('amount')}>₽</Button>
      </div>
      <Field label={kind === 'percent' ? t('discount.percent') : t('discount.amount')} inputMode="decimal" value={value.text} onChange={(e) => value.setText(e.target.value)} name="discount" data-autofocus />
      <div className="actions">
        <Button onClick={() => onDone(target, null)}>{t('discount.remove')}</Button>
        <Button type="submit" kind="primary" hotkey="Enter" disabled={!spec}>{t('common.ok')}</Button>
      </div>
    </Dialog>
  );
}
