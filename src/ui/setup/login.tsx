import { useEffect, useRef, useState } from 'react';
import { useApp } from '../app-context.js';
import { Button } from '../components/ui.js';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'C', '0', '⏎'];

/** PIN login: a keypad for touch screens, digits and Enter from the keyboard. */
export function Login({ shopName }: { shopName: string }) {
  const { conn, t, fail, setUser } = useApp();
  const [pin, setPin] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const submit = async (value: string) => {
    try {
      const { token, user } = await conn.call('auth.login', { pin: value });
      conn.token = token;
      setUser(user);
    } catch (err) {
      setPin('');
      fail(err);
      input.current?.focus();
    }
  };
  const press = (key: string) => {
    if (key === 'C') setPin('');
    else if (key === '⏎') void submit(pin);
    else setPin((p) => (p + key).slice(0, 8));
    input.current?.focus();
  };
  return (
    <main className="center-screen">
      <h1>{shopName}</h1>
      <form className="panel login" onSubmit={(e) => { e.preventDefault(); void submit(pin); }}>
        <h2>{t('login.title')}</h2>
        <input
          ref={input} className="pin" type="password" inputMode="numeric" autoComplete="off" aria-label={t('login.pin')} name="pin"
          value={pin} onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 8))}
        />
        <div className="keypad">
          {KEYS.map((k) => (
            <Button key={k} kind={k === '⏎' ? 'primary' : 'normal'} onClick={() => press(k)} aria-label={k === '⏎' ? t('login.enter') : k === 'C' ? t('login.clear') : k}>{k}</Button>
          ))}
        </div>
      </form>
    </main>
  );
}
