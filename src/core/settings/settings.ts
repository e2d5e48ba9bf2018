import { z } from 'zod';
import type { Db } from '../db/open.js';
import { ShopInfo, Lang } from '../../shared/contract/schemas.js';
import { DEFAULT_WEIGHT_LAYOUT, validateLayout, type WeightLayout } from '../../shared/barcode/weight.js';
import type { Role } from '../../shared/roles.js';
import { LavkaError } from '../../shared/contract/errors.js';
import { DEMO_DEVICES, DeviceSettings, NO_DEVICES } from '../../shared/contract/devices.js';

/** Largest discount each role may give, in hundredths of a percent of what it discounts. */
const DiscountLimits = z.object({ cashier: z.number().int(), senior: z.number().int(), manager: z.number().int(), owner: z.number().int() });
const DEFAULT_DISCOUNT_LIMITS = { cashier: 500, senior: 1000, manager: 5000, owner: 10_000 };

const WeightLayoutSchema = z.object({ template: z.string(), prefixes: z.array(z.string()) }).refine((l) => validateLayout(l) === null, {
  message: 'invalid weight barcode layout',
});

const schemas = {
  shop: ShopInfo,
  lang: Lang,
  shopSalt: z.string().min(16),
  tillId: z.uuid(),
  weightLayout: WeightLayoutSchema,
  discountLimits: DiscountLimits,
  devices: DeviceSettings,
};
type Key = keyof typeof schemas;
type Value<K extends Key> = z.output<(typeof schemas)[K]>;

/** Shop settings, validated on the way in and out, cached in memory. */
export class Settings {
  private readonly cache = new Map<Key, unknown>();
  private readonly read;
  private readonly upsert;

  constructor(db: Db) {
    this.read = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
    this.upsert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  }

  get<K extends Key>(key: K): Value<K> | null {
    if (this.cache.has(key)) return this.cache.get(key) as Value<K>;
    const row = this.read.get(key);
    const value = row ? (schemas[key].parse(JSON.parse(row.value)) as Value<K>) : null;
    if (value !== null) this.cache.set(key, value);
    return value;
  }

  set<K extends Key>(key: K, value: Value<K>): void {
    const checked = schemas[key].parse(value);
    this.upsert.run(key, JSON.stringify(checked));
    this.cache.set(key, checked);
  }

  shopSalt(): string {
    const salt = this.get('shopSalt');
    // a PIN typed in before the shop exists is the user's mistake, not an internal error
    if (!salt) throw new LavkaError('conflict', 'errors.notSetUp');
    return salt;
  }

  lang(): 'ru' | 'en' {
    return this.get('lang') ?? 'ru';
  }

  weightLayout(): WeightLayout {
    return this.get('weightLayout') ?? DEFAULT_WEIGHT_LAYOUT;
  }

  /** The devices as set up; until the owner saves any, the demo shop's simulators or none at all. */
  devices(): DeviceSettings {
    return this.get('devices') ?? (this.get('shop')?.demo ? DEMO_DEVICES : NO_DEVICES);
  }

  discountLimit(role: Role): number {
    return (this.get('discountLimits') ?? DEFAULT_DISCOUNT_LIMITS)[role];
  }
}
