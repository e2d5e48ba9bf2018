import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { CommandError, type Connection } from './client/connection.js';
import { translate, formatMoney, formatQuantity, formatDateTime, type Lang } from '../shared/i18n/index.js';
import type { Role } from '../shared/roles.js';

export interface User {
  id: string;
  name: string;
  role: Role;
}

export interface Notice {
  text: string;
  kind: 'error' | 'info';
  id: number;
}

interface AppState {
  conn: Connection;
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: string, params?: Record<string, unknown>): string;
  money(kopecks: number): string;
  qty(qty: number, unit: 'pcs' | 'kg' | 'l'): string;
  when(iso: string): string;
  user: User | null;
  setUser(user: User | null): void;
  notice: Notice | null;
  notify(text: string, kind?: Notice['kind']): void;
  /** shows a command's error to the user, translated */
  fail(err: unknown): void;
  /**
   * Runs a command; when the core answers that a manager's approval would allow it,
   * asks for the PIN on the spot and runs it again with the override.
   */
  approve<T>(run: (override?: { pin: string }) => Promise<T>): Promise<T>;
  pinRequest: { role: Role; resolve(pin: string | null): void } | null;
}

const Ctx = createContext<AppState | null>(null);

export class Cancelled extends Error {}

export function errorText(t: AppState['t'], money: AppState['money'], err: unknown): string {
  if (err instanceof CommandError) {
    const d = { ...(err.body.details ?? {}) } as Record<string, unknown>;
    if (Array.isArray(d.issues)) d.fields = (d.issues as { path: string; message: string }[]).map((i) => `${i.path || '—'}: ${i.message}`).join('; ');
    if (typeof d.role === 'string') d.role = t(`role.${d.role}`);
    if (typeof d.device === 'string') d.device = t(`device.${d.device}`);
    if (typeof d.problem === 'string') d.problem = t(d.problem);
    for (const k of ['missing', 'available']) if (typeof d[k] === 'number') d[k] = money(d[k]);
    return t(err.body.message, d);
  }
  return err instanceof Error ? err.message : String(err);
}

export function AppProvider({ conn, initialLang, children }: { conn: Connection; initialLang: Lang; children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [user, setUser] = useState<User | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [pinRequest, setPinRequest] = useState<AppState['pinRequest']>(null);
  const counter = useRef(0);

  const t = useCallback((key: string, params?: Record<string, unknown>) => translate(lang, key, params), [lang]);
  const money = useCallback((k: number) => formatMoney(lang, k), [lang]);
  const notify = useCallback((text: string, kind: Notice['kind'] = 'info') => setNotice({ text, kind, id: ++counter.current }), []);
  const fail = useCallback((err: unknown) => {
    if (err instanceof Cancelled) return;
    notify(errorText(t, money, err), 'error');
  }, [notify, t, money]);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    document.documentElement.lang = next;
    if (user) conn.call('settings.setLang', { lang: next }).catch(() => undefined);
  }, [conn, user]);

  const approve = useCallback(async <T,>(run: (override?: { pin: string }) => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      if (!(err instanceof CommandError) || err.body.code !== 'forbidden' || err.body.details?.overridable !== true) throw err;
      const role = (err.body.details.role as Role | undefined) ?? 'manager';
      const pin = await new Promise<string | null>((resolve) => setPinRequest({ role, resolve }));
      setPinRequest(null);
      if (!pin) throw new Cancelled();
      return run({ pin });
    }
  }, []);

  const value = useMemo<AppState>(() => ({
    conn, lang, setLang, t, money, qty: (q, u) => formatQuantity(lang, q, u), when: (iso) => formatDateTime(lang, iso),
    user, setUser, notice, notify, fail, approve, pinRequest,
  }), [conn, lang, setLang, t, money, user, notice, notify, fail, approve, pinRequest]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useApp(): AppState {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('useApp outside AppProvider');
  return ctx;
}
