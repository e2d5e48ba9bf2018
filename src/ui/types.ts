import type { CommandOutput } from '../shared/contract/commands.js';

export type Cart = NonNullable<CommandOutput<'cart.get'>>;
export type CartLine = Cart['lines'][number];
export type Product = CommandOutput<'catalog.search'>[number];
export type Sale = CommandOutput<'sale.get'>;
export type SaleSummary = CommandOutput<'sale.list'>[number];
export type Shift = CommandOutput<'shift.open'>;
export type ShiftReport = CommandOutput<'shift.xReport'>;
export type JournalEntry = CommandOutput<'journal.list'>[number];
