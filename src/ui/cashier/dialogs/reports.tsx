import { useState } from 'react';
import { useApp } from '../../app-context.js';
import { Button, Dialog, Paper } from '../../components/ui.js';
import { useAmount } from '../../components/use-money-input.js';
import type { ShiftReport } from '../../types.js';

/** X report at any time; Z: count the cash, see expected and discrepancy, close the shift. */
export function ReportsDialog({ onShiftClosed, onClose }: { onShiftClosed(): void; onClose(): void }) {
  const { conn, t, money, fail } = useApp();
  const [report, setReport] = useState<ShiftReport | null>(null);
  const [closing, setClosing] = useState<ShiftReport | null>(null);
  const counted = useAmount('');
  const x = async () => {
    try {
      setReport(await conn.call('shift.xReport', {}));
    } catch (err) {
      fail(err);
    }
  };
  const startZ = async () => {
    try {
      setClosing(await conn.call('shift.xReport', {}));
    } catch (err) {
      fail(err);
    }
  };
  const close = async () => {
    if (counted.kopecks === null) return;
    try {
      setReport(await conn.call('shift.close', { counted: counted.kopecks }));
      setClosing(null);
    } catch (err) {
      fail(err);
    }
  };
  const finish = () => {
    if (report?.kind === 'z') onShiftClosed();
    else onClose();
  };
  if (closing) {
    const discrepancy = counted.kopecks === null ? null : counted.kopecks - closing.expectedCash;
    return (
      <Dialog title={t('reports.z')} onClose={() => setClosing(null)} onSubmit={() => void close()} testId="z-dialog">
        <div className="due"><span>{t('reports.expected')}</span><b data-testid="expected">{money(closing.expectedCash)}</b></div>
        <label className="field">
          <span>{t('reports.counted')}</span>
          <input inputMode="decimal" value={counted.text} onChange={(e) => counted.setText(e.target.value)} name="counted" />
        </label>
        {discrepancy !== null && (
          <div className={`due ${discrepancy !== 0 ? 'bad' : ''}`}><span>{t('reports.discrepancy')}</span><b data-testid="discrepancy">{money(discrepancy)}</b></div>
        )}
        <div className="actions">
          <Button type="submit" kind="danger" hotkey="Enter" disabled={counted.kopecks === null}>{t('reports.closeShift')}</Button>
        </div>
      </Dialog>
    );
  }
  return (
    <Dialog title={t('reports.title')} onClose={finish} onSubmit={finish} wide testId="reports-dialog">
      {report ? <Paper lines={report.text} testId="report-paper" /> : (
        <div className="actions column">
          <Button onClick={() => void x()} hotkey="X">{t('reports.x')}</Button>
          <Button kind="danger" onClick={() => void startZ()} hotkey="Z">{t('reports.z')}</Button>
        </div>
      )}
      {report && <div className="actions"><Button type="submit" kind="primary" hotkey="Enter" autoFocus>{t('common.ok')}</Button></div>}
    </Dialog>
  );
}
