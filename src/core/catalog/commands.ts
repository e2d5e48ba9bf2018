import { LavkaError } from '../../shared/contract/errors.js';
import type { Handlers } from '../rpc/context.js';
import type { Services } from '../services.js';

export function catalogHandlers(s: Services): Pick<Handlers, 'catalog.lookup' | 'catalog.search'> {
  return {
    'catalog.lookup': (input) => {
      const found = s.catalog.lookup(input.code);
      if (!found) throw new LavkaError('not_found', 'errors.unknownBarcode', { code: input.code });
      return { product: found.product, qty: found.qty };
    },
    'catalog.search': (input) => s.catalog.search(input.query, input.limit),
  };
}
