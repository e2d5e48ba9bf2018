import type { EventBus } from '../../core/events.js';
import type { CustomerDisplay } from '../../core/ports/customer-display.js';
import type { EventPayload } from '../../shared/contract/events.js';
import { poleCart, poleSale, type PoleLines } from '../../shared/pole-text.js';

/**
 * Feeds the pole display from the till's events: the last item and the total while the
 * receipt is open, the total and the change once it is paid. Scans come faster than a
 * 9600-baud display draws, so only the newest text is sent once the last write is done;
 * a display that fails says so on the status board and the till sells on.
 */
export function feedPoleDisplay(events: EventBus, display: () => CustomerDisplay | null): () => void {
  let next: ((width: number) => PoleLines) | null = null;
  let busy = false;
  // the paid receipt empties the cart at once: the total and the change stay up until the next scan
  let paid = false;
  const pump = async () => {
    if (busy) return;
    busy = true;
    try {
      while (next) {
        const text = next;
        next = null;
        const d = display();
        if (d) await d.show(text(d.width)).catch(() => undefined);
      }
    } finally {
      busy = false;
    }
  };
  return events.on((name, payload) => {
    if (name === 'cart.changed') {
      const { cart } = payload as EventPayload<'cart.changed'>;
      if (paid && !cart) return;
      paid = false;
      next = (width) => poleCart(cart, width);
    } else if (name === 'sale.completed') {
      const sale = payload as EventPayload<'sale.completed'>;
      paid = true;
      next = (width) => poleSale(sale.total, sale.change, width);
    } else {
      return;
    }
    void pump();
  });
}
