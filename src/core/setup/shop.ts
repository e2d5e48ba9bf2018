import type { Services } from '../services.js';
import { uuidv7 } from '../../shared/ids.js';
import type { Role } from '../../shared/roles.js';
import { hashPin, newSalt } from '../users/pin.js';
import { DEFAULT_VAT_RATES, productWriter, writeVatRates } from '../catalog/write.js';
import { DEMO_GROUPS, demoCatalog } from './demo-catalog.js';
import type { z } from 'zod';
import type { ShopInfo } from '../../shared/contract/schemas.js';

export interface NewUser {
  name: string;
  role: Role;
  pin: string;
}

export const DEMO_USERS: NewUser[] = [
  { name: 'Анна Соколова', role: 'owner', pin: '0000' },
  { name: 'Игорь Петров', role: 'manager', pin: '2222' },
  { name: 'Мария Иванова', role: 'senior', pin: '3333' },
  { name: 'Светлана Кузнецова', role: 'cashier', pin: '1111' },
];

export const DEMO_SHOP: z.output<typeof ShopInfo> = {
  name: 'Лавка «У дома»', inn: '7701234567', address: 'г. Москва, ул. Тверская, д. 1', taxSystem: 'osn', demo: true,
};

/** Writes a new shop into an empty ledger: settings, VAT table, users, and for the demo its catalogue. */
export async function createShop(s: Services, shop: z.output<typeof ShopInfo>, people: NewUser[], withDemoCatalog: boolean): Promise<void> {
  const salt = newSalt();
  const hashes = await Promise.all(people.map((u) => hashPin(u.pin, salt)));
  if (new Set(hashes).size !== hashes.length) throw new Error('two users share a PIN');
  s.tx(() => {
    s.settings.set('shopSalt', salt);
    s.settings.set('shop', shop);
    writeVatRates(s.db, DEFAULT_VAT_RATES);
    s.catalog.forgetVat();
    const insertUser = s.db.prepare('INSERT INTO users (id, name, role, pin_hash) VALUES (?, ?, ?, ?)');
    people.forEach((u, i) => insertUser.run(uuidv7(), u.name, u.role, hashes[i]));
    if (withDemoCatalog) {
      const insertGroup = s.db.prepare('INSERT INTO product_groups (id, parent_id, name, markup) VALUES (?, NULL, ?, ?)');
      for (const g of DEMO_GROUPS) insertGroup.run(g.id, g.name, g.markup);
      const write = productWriter(s.db);
      for (const p of demoCatalog()) write(p);
    }
    s.journal.append({ type: 'shop.created', userId: null, payload: { name: shop.name, inn: shop.inn, demo: shop.demo } });
  });
}
