import { useEffect, useState } from 'react';
import { useApp } from '../app-context.js';

/** The one line at the bottom where the till says what happened or what went wrong. */
export function NoticeBar() {
  const { notice } = useApp();
  const [shown, setShown] = useState(notice);
  useEffect(() => {
    setShown(notice);
    if (!notice) return;
    const timer = setTimeout(() => setShown(null), notice.kind === 'error' ? 8000 : 3000);
    return () => clearTimeout(timer);
  }, [notice]);
  if (!shown) return null;
  return (
    <div className={`notice notice-${shown.kind}`} role={shown.kind === 'error' ? 'alert' : 'status'} data-testid="notice">
      {shown.text}
    </div>
  );
}
