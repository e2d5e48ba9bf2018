import { catalogAdminCommands } from './catalog-admin.js';
import { stockCommands } from './stock.js';
import { priceCommands } from './prices.js';
import { reportCommands } from './reports.js';
import { fileCommands } from './files.js';
import { tagCommands } from './tags.js';
import { exchangeCommands } from './exchange.js';
import { deviceCommands } from './devices.js';

/** The owner's commands: catalogue, stock documents, prices and tags, reports, devices. */
export const backOfficeCommands = {
  ...catalogAdminCommands,
  ...stockCommands,
  ...priceCommands,
  ...reportCommands,
  ...fileCommands,
  ...tagCommands,
  ...exchangeCommands,
  ...deviceCommands,
};
