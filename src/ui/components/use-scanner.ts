import { useEffect, useRef } from 'react';
import { WedgeReader } from '../cashier/wedge.js';

/**
 * A keyboard-wedge scanner's burst, wherever the focus is and whatever the keyboard layout, goes to
 * `onScan` instead of the focused field. `blocked()` says when scans must be ignored (a dialog is open).
 */
export function useScanner(onScan: (code: string) => void, blocked: () => boolean = () => false): void {
  const wedge = useRef(new WedgeReader());
  const live = useRef({ onScan, blocked });
  live.current = { onScan, blocked };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (live.current.blocked()) {
        wedge.current.reset();
        return;
      }
      const scanned = wedge.current.key(e, e.timeStamp);
      if (scanned !== null) {
        e.preventDefault();
        e.stopPropagation();
        live.current.onScan(scanned);
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
