import { useState } from 'react';
import { useApp } from '../app-context.js';
import { Button, Dialog, Field } from './ui.js';

/** A manager types their PIN on the spot to approve an action beyond the cashier's role. */
export function OverrideDialog() {
  const { pinRequest, t } = useApp();
  const [pin, setPin] = useState('');
  if (!pinRequest) return null;
  const done = (value: string | null) => {
    setPin('');
    pinRequest.resolve(value);
  };
  return (
    <Dialog title={t('override.title')} onClose={() => done(null)} onSubmit={() => done(pin)} testId="override-dialog">
      <p>{t('override.why', { role: t(`role.${pinRequest.role}`) })}</p>
      <Field label={t('override.pin')} type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))} name="override-pin" />
      <div className="actions">
        <Button onClick={() => done(null)} hotkey="Esc">{t('common.cancel')}</Button>
        <Button type="submit" kind="primary" hotkey="Enter">{t('common.confirm')}</Button>
      </div>
    </Dialog>
  );
}
