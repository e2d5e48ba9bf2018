import { useEffect, useState } from 'react';
import { useApp } from '../../app-context.js';
import { Button, Dialog, Paper } from '../../components/ui.js';

/** The receipt as printed; shows the change big after a cash sale, and can print again. */
export function ReceiptDialog({ saleId, change, title, onClose }: { saleId: string | null; change: number | null; title: string; onClose(): void }) {
  const { conn, t, money, fail, notify } = useApp();
  const [lines, setLines] = useState<string[]>([]);
  useEffect(() => {
    conn.call('sale.receipt', saleId ? { id: saleId } : {}).then((r) => setLines(r.lines), fail);
  }, [conn, saleId, fail]);
  const reprint = async () => {
    try {
      const r = await conn.call('sale.receipt', saleId ? { id: saleId, print: true } : { print: true });
      if (r.printerError) notify(t('till.printerTrouble', { problem: t(r.printerError) }), 'error');
      else notify(t('receipt.printed'));
    } catch (err) {
      fail(err);
    }
  };
  return (
    <Dialog title={title} onClose={onClose} onSubmit={onClose} wide testId="receipt-dialog">
      {change !== null && change > 0 && <div className="due change"><span>{t('pay.change')}</span><b data-testid="receipt-change">{money(change)}</b></div>}
      <Paper lines={lines} testId="receipt-paper" />
      <div className="actions">
        <Button onClick={() => void reprint()}>{t('receipt.print')}</Button>
        <Button type="submit" kind="primary" hotkey="Enter" data-autofocus>{t('common.ok')}</Button>
      </div>
    </Dialog>
  );
}
