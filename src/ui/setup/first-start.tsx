import { useState } from 'react';
import { useApp } from '../app-context.js';
import { Button, Field } from '../components/ui.js';

const TAX = ['osn', 'usn_income', 'usn_income_outcome', 'esn', 'patent'] as const;

/** An empty data folder: open the demo shop, or set up a real one. */
export function FirstStart({ onReady }: { onReady(): void }) {
  const { conn, t, fail } = useApp();
  const [real, setReal] = useState(false);
  const [form, setForm] = useState({ name: '', inn: '', address: '', taxSystem: 'usn_income' as (typeof TAX)[number], ownerName: '', ownerPin: '' });
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await fn();
      onReady();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  return (
    <main className="center-screen">
      <h1>{t('setup.welcome')}</h1>
      <p>{t('setup.choose')}</p>
      {!real ? (
        <div className="choice">
          <Button kind="primary" disabled={busy} onClick={() => void run(() => conn.call('setup.demo', {}))}>{t('setup.demo')}</Button>
          <small>{t('setup.demoHint')}</small>
          <Button disabled={busy} onClick={() => setReal(true)}>{t('setup.real')}</Button>
        </div>
      ) : (
        <form className="panel" onSubmit={(e) => { e.preventDefault(); void run(() => conn.call('setup.create', form)); }}>
          <Field label={t('setup.name')} value={form.name} onChange={set('name')} required />
          <Field label={t('setup.inn')} value={form.inn} onChange={set('inn')} inputMode="numeric" required />
          <Field label={t('setup.address')} value={form.address} onChange={set('address')} required />
          <label className="field">
            <span>{t('setup.taxSystem')}</span>
            <select value={form.taxSystem} onChange={set('taxSystem')}>
              {TAX.map((x) => <option key={x} value={x}>{t(`tax.${x}`)}</option>)}
            </select>
          </label>
          <Field label={t('setup.ownerName')} value={form.ownerName} onChange={set('ownerName')} required />
          <Field label={t('setup.ownerPin')} value={form.ownerPin} onChange={set('ownerPin')} type="password" inputMode="numeric" required />
          <div className="actions">
            <Button onClick={() => setReal(false)}>{t('common.back')}</Button>
            <Button type="submit" kind="primary" disabled={busy}>{t('setup.create')}</Button>
          </div>
        </form>
      )}
    </main>
  );
}
