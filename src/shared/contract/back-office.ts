import { catalogAdminCommands } from './catalog-admin.js';
import { stockCommands } from './stock.js';
import { priceCommands } from './prices.js';
import { reportCommands } from './reports.js';
import { fileCommands } from './files.js';
import { tagCommands } from './tags.js';
import { exchangeCommands } from './exchange.js';

/** The owner's commands: catalogue, stock documents, prices and tags, reports. */
export const backOfficeCommands = {
  ...catalogAdminCommands,
  ...stockCommands,
  ...priceCommands,
  ...reportCommands,
  ...fileCommands,
  ...tagCommands,
  ...exchangeCommands,
};
