import { LavkaError } from '../../shared/contract/errors.js';
import type { Handlers } from '../rpc/context.js';
import type { Services } from '../services.js';
import { createShop, DEMO_SHOP, DEMO_USERS } from './shop.js';

type SetupHandlers = Pick<Handlers, 'setup.status' | 'setup.demo' | 'setup.create' | 'settings.setLang'>;

export function setupHandlers(s: Services): SetupHandlers {
  function requireEmpty() {
    if (s.settings.get('shop')) throw new LavkaError('conflict', 'errors.alreadySetUp');
  }
  return {
    'setup.status': () => {
      const shop = s.settings.get('shop');
      return { ready: shop !== null, shop, lang: s.settings.lang() };
    },
    'setup.demo': async () => {
      requireEmpty();
      await createShop(s, DEMO_SHOP, DEMO_USERS, true);
      // the demo sells on its simulators from the first receipt, with no restart
      await s.deviceManager.apply(s.settings.devices());
      return { ok: true as const };
    },
    'setup.create': async (input) => {
      requireEmpty();
      const { ownerName, ownerPin, ...shop } = input;
      await createShop(s, { ...shop, demo: false }, [{ name: ownerName, role: 'owner', pin: ownerPin }], false);
      return { ok: true as const };
    },
    'settings.setLang': (input) => {
      s.tx(() => s.settings.set('lang', input.lang));
      return { ok: true as const };
    },
  };
}
