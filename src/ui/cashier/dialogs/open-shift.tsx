import { uuidv7 } from '../../../shared/ids.js';
import { useApp } from '../../app-context.js';
import { Button, Dialog, Field } from '../../components/ui.js';
import { useAmount } from '../use-money-input.js';
import type { Shift } from '../../types.js';

export function OpenShiftDialog({ onOpened, onClose }: { onOpened(shift: Shift): void; onClose(): void }) {
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
    <Dialog title={t('shift.open')} onClose={onClose} onSubmit={() => void submit()} testId="open-shift">
      <Field label={t('shift.float')} inputMode="decimal" value={float.text} onChange={(e) => float.setText(e.target.value)} name="float" />
      <div className="actions">
        <Button type="submit" kind="primary" hotkey="Enter" disabled={float.kopecks === null}>{t('shift.open')}</Button>
      </div>
    </Dialog>
  );
}
