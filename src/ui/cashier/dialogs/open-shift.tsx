import { uuidv7 } from '../../../shared/ids.js';
import { useApp } from '../../app-context.js';
import { Button, Field } from '../../components/ui.js';
import { useAmount } from '../../components/use-money-input.js';
import type { Shift } from '../../types.js';

/** Shown in place of the till while no shift is open (not a modal: the cashier may still log out). */
export function OpenShiftPanel({ onOpened }: { onOpened(shift: Shift): void }) {
  const { conn, t, fail } = useApp();
  const float = useAmount('0');
  const submit = async () => {
    if (float.kopecks === null) return;
    try {
      onOpened(await conn.call('shift.open', { id: uuidv7(), float: float.kopecks }));
    } catch (err) {
      fail(err);
    }
  };
  return (
    <form className="panel" data-testid="open-shift" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h2>{t('shift.none')}</h2>
      <Field label={t('shift.float')} inputMode="decimal" value={float.text} onChange={(e) => float.setText(e.target.value)} name="float" autoFocus />
      <div className="actions">
        <Button type="submit" kind="primary" hotkey="Enter" disabled={float.kopecks === null}>{t('shift.open')}</Button>
      </div>
    </form>
  );
}
