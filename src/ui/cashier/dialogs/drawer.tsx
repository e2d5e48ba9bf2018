import { useState } from 'react';
import { useApp } from '../../app-context.js';
import { Button, Dialog, Field } from '../../components/ui.js';

export function DrawerDialog({ onClose }: { onClose(): void }) {
  const { conn, t, fail, approve } = useApp();
  const [reason, setReason] = useState('');
  const submit = async () => {
    if (!reason.trim()) return;
    try {
      await approve((override) => conn.call('drawer.open', { reason: reason.trim(), ...(override ? { override } : {}) }));
      onClose();
    } catch (err) {
      fail(err);
    }
  };
  return (
    <Dialog title={t('till.drawer')} onClose={onClose} onSubmit={() => void submit()} testId="drawer-dialog">
      <Field label={t('drawer.reason')} value={reason} onChange={(e) => setReason(e.target.value)} name="reason" />
      <div className="actions"><Button type="submit" kind="primary" hotkey="Enter" disabled={!reason.trim()}>{t('common.ok')}</Button></div>
    </Dialog>
  );
}
