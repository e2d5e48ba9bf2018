import { useEffect, useState } from 'react';
import { useApp } from './app-context.js';
import { Button } from './components/ui.js';
import { NoticeBar } from './components/notice-bar.js';
import { OverrideDialog } from './components/override-dialog.js';
import { FirstStart } from './setup/first-start.js';
import { Login } from './setup/login.js';
import { TillScreen } from './cashier/till-screen.js';
import { BackOffice } from './backoffice/back-office.js';
import { StocktakeCounter } from './backoffice/stocktake-tab.js';
import { roleAtLeast } from '../shared/roles.js';
import type { CommandOutput } from '../shared/contract/commands.js';

type Status = CommandOutput<'setup.status'>;

export function App() {
  const { conn, t, lang, setLang, user, setUser, fail } = useApp();
  const [status, setStatus] = useState<Status | null>(null);
  const [view, setView] = useState<'till' | 'office' | 'count'>('till');
  const refresh = () => conn.call('setup.status', {}).then(setStatus, fail);
  useEffect(() => {
    void refresh();
  }, []);

  const logout = async () => {
    await conn.call('auth.logout', {}).catch(() => undefined);
    conn.token = null;
    setUser(null);
    setView('till');
  };

  let body;
  if (!status) body = <main className="center-screen">{t('common.loading')}</main>;
  else if (!status.ready || !status.shop) body = <FirstStart onReady={() => void refresh()} />;
  else if (!user) body = <Login shopName={status.shop.name} />;
  else if (view === 'count') body = <StocktakeCounter onClose={() => setView(roleAtLeast(user.role, 'manager') ? 'office' : 'till')} />;
  else body = view === 'till' ? <TillScreen /> : <BackOffice onCount={() => setView('count')} />;

  return (
    <div className="app">
      <header className="topbar">
        <strong>{status?.shop?.name ?? t('app.title')}</strong>
        {user && <span data-testid="user">{user.name} · {t(`role.${user.role}`)}</span>}
        <span className="spacer" />
        {user && roleAtLeast(user.role, 'manager') && (
          <Button onClick={() => setView(view === 'office' ? 'till' : 'office')} data-testid="switch-view">
            {view === 'office' ? t('till.till') : t('till.backoffice')}
          </Button>
        )}
        {user && view !== 'count' && <Button onClick={() => setView('count')} data-testid="open-counter">{t('bo.count')}</Button>}
        <Button onClick={() => setLang(lang === 'ru' ? 'en' : 'ru')} aria-label="language" data-testid="lang">{lang === 'ru' ? 'EN' : 'RU'}</Button>
        {user && <Button onClick={() => void logout()} data-testid="logout">{t('till.logout')}</Button>}
      </header>
      {body}
      <OverrideDialog />
      <NoticeBar />
    </div>
  );
}
