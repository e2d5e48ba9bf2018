import { socatAvailable } from '../../transports/pty-pair.js';
import type { ShtrihRegistrarOptions } from '../../shtrih/registrar.js';
import type { ReceiptInput } from '../../shtrih/receipt.js';

/**
 * Serial tests need socat. On a developer's machine without it they are
 * skipped; in CI (CI=true) they run anyway and fail loudly on the missing tool.
 */
export const skipSerial = !(await socatAvailable()) && process.env.CI !== 'true';

/** Short link timings so a dead line costs about a second, still roomy for a loaded two-core box. */
export const FAST_DRIVER: ShtrihRegistrarOptions = {
  timings: { enqReplyMs: 400, ackMs: 400, interByteMs: 250, enqAttempts: 3, maxRounds: 12 },
  answerTimeouts: { query: 1_500, operation: 1_500, document: 2_000, report: 5_000 },
};

/** Five lines, four VAT rates, weighed and counted goods. */
export const FIVE_LINES: ReceiptInput = {
  lines: [
    { name: 'Молоко «Домик в деревне» 3,2% 1 л', price: 8_990, qty: 2_000, vat: 2 },
    { name: 'Сыр Российский, весовой', price: 79_900, qty: 350, vat: 2 },
    { name: 'Кофе молотый 250 г', price: 45_000, qty: 1_000, vat: 1 },
    { name: 'Детское пюре яблоко', price: 6_500, qty: 3_000, vat: 5 },
    { name: 'Пакет-майка', price: 500, qty: 1_000, vat: 6 },
  ],
  payments: { cash: 80_000, electronic: 40_000 },
  taxSystem: 'osn',
};
/** 17 980 + 27 965 + 45 000 + 19 500 + 500 */
export const FIVE_LINES_TOTAL = 110_945;
