import { useApp } from '../../app-context.js';
import { Button, Dialog, Field } from '../../components/ui.js';
import { useQuantity } from '../../components/use-money-input.js';

/**
 * Quantity for a line or a product: kilograms (or litres) for weighed goods, whole pieces otherwise.
 * Where the scale could not weigh, it says why and offers to weigh again.
 */
export function QuantityDialog({ name, unit, current, onDone, onClose, scaleProblem, onWeigh }: {
  name: string; unit: 'pcs' | 'kg' | 'l'; current: number | null; onDone(milli: number): void; onClose(): void;
  scaleProblem?: string | null; onWeigh?: () => void;
}) {
  const { t } = useApp();
  const qty = useQuantity(current === null ? '' : String(current / 1000).replace('.', ','));
  const valid = qty.milli !== null && qty.milli > 0 && (unit !== 'pcs' || qty.milli % 1000 === 0);
  return (
    <Dialog title={t('qty.title', { name })} onClose={onClose} onSubmit={() => valid && qty.milli !== null && onDone(qty.milli)} testId="qty-dialog">
      <Field label={unit === 'pcs' ? t('qty.pieces') : t('qty.weight')} inputMode="decimal" value={qty.text} onChange={(e) => qty.setText(e.target.value)} name="qty" />
      {scaleProblem && <p className="bad" data-testid="scale-problem">{scaleProblem}</p>}
      <div className="actions">
        {onWeigh && <Button onClick={onWeigh} data-testid="weigh-again">{t('qty.weighAgain')}</Button>}
        <Button type="submit" kind="primary" hotkey="Enter" disabled={!valid}>{t('common.ok')}</Button>
      </div>
    </Dialog>
  );
}
