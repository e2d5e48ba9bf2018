-- A completed sale writes fewer B-tree pages in its durable commit (the fsync grows with them):
-- documents keyed by their UUID are WITHOUT ROWID tables (the key is the table, no second tree),
-- indexes on columns most rows leave empty are partial, stock moves number themselves without
-- AUTOINCREMENT (no sqlite_sequence write), and the journal is keyed by its sequence number.
-- Each table is rebuilt with its rows carried over; its append-only triggers go with the old
-- table and are created again. foreign_keys is off while migrations run (migrate.ts).
CREATE TABLE `__new_sales` (
	`id` text PRIMARY KEY NOT NULL,
	`number` integer NOT NULL,
	`kind` text NOT NULL,
	`ref_sale_id` text,
	`shift_id` text NOT NULL,
	`at` text NOT NULL,
	`user_id` text NOT NULL,
	`approved_by` text,
	`subtotal` integer NOT NULL,
	`discount` integer NOT NULL,
	`total` integer NOT NULL,
	`tendered` integer NOT NULL,
	`change` integer NOT NULL,
	FOREIGN KEY (`ref_sale_id`) REFERENCES `sales`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`shift_id`) REFERENCES `shifts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_sales` (`id`, `number`, `kind`, `ref_sale_id`, `shift_id`, `at`, `user_id`, `approved_by`, `subtotal`, `discount`, `total`, `tendered`, `change`)
  SELECT `id`, `number`, `kind`, `ref_sale_id`, `shift_id`, `at`, `user_id`, `approved_by`, `subtotal`, `discount`, `total`, `tendered`, `change` FROM `sales`;--> statement-breakpoint
DROP TABLE `sales`;--> statement-breakpoint
ALTER TABLE `__new_sales` RENAME TO `sales`;--> statement-breakpoint
CREATE UNIQUE INDEX `sales_number` ON `sales` (`number`);--> statement-breakpoint
CREATE INDEX `sales_shift` ON `sales` (`shift_id`);--> statement-breakpoint
CREATE INDEX `sales_at` ON `sales` (`at`);--> statement-breakpoint
CREATE INDEX `sales_ref` ON `sales` (`ref_sale_id`) WHERE `ref_sale_id` IS NOT NULL;--> statement-breakpoint
CREATE TRIGGER sales_no_update BEFORE UPDATE ON sales BEGIN SELECT RAISE(ABORT, 'sales are append-only'); END;--> statement-breakpoint
CREATE TRIGGER sales_no_delete BEFORE DELETE ON sales BEGIN SELECT RAISE(ABORT, 'sales are append-only'); END;--> statement-breakpoint
CREATE TABLE `__new_sale_lines` (
	`sale_id` text NOT NULL,
	`line_no` integer NOT NULL,
	`product_id` text NOT NULL,
	`name` text NOT NULL,
	`barcode` text,
	`unit` text NOT NULL,
	`price` integer NOT NULL,
	`qty` integer NOT NULL,
	`discount` integer NOT NULL,
	`total` integer NOT NULL,
	`vat` text NOT NULL,
	`vat_amount` integer NOT NULL,
	`ref_line_no` integer,
	`marking_code` text,
	PRIMARY KEY(`sale_id`, `line_no`),
	FOREIGN KEY (`sale_id`) REFERENCES `sales`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_sale_lines` (`sale_id`, `line_no`, `product_id`, `name`, `barcode`, `unit`, `price`, `qty`, `discount`, `total`, `vat`, `vat_amount`, `ref_line_no`, `marking_code`)
  SELECT `sale_id`, `line_no`, `product_id`, `name`, `barcode`, `unit`, `price`, `qty`, `discount`, `total`, `vat`, `vat_amount`, `ref_line_no`, `marking_code` FROM `sale_lines`;--> statement-breakpoint
DROP TABLE `sale_lines`;--> statement-breakpoint
ALTER TABLE `__new_sale_lines` RENAME TO `sale_lines`;--> statement-breakpoint
CREATE INDEX `sale_lines_marking` ON `sale_lines` (`marking_code`) WHERE `marking_code` IS NOT NULL;--> statement-breakpoint
CREATE TRIGGER sale_lines_no_update BEFORE UPDATE ON sale_lines BEGIN SELECT RAISE(ABORT, 'sale lines are append-only'); END;--> statement-breakpoint
CREATE TRIGGER sale_lines_no_delete BEFORE DELETE ON sale_lines BEGIN SELECT RAISE(ABORT, 'sale lines are append-only'); END;--> statement-breakpoint
CREATE TABLE `__new_sale_payments` (
	`sale_id` text NOT NULL,
	`kind` text NOT NULL,
	`amount` integer NOT NULL,
	PRIMARY KEY(`sale_id`, `kind`),
	FOREIGN KEY (`sale_id`) REFERENCES `sales`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_sale_payments` (`sale_id`, `kind`, `amount`) SELECT `sale_id`, `kind`, `amount` FROM `sale_payments`;--> statement-breakpoint
DROP TABLE `sale_payments`;--> statement-breakpoint
ALTER TABLE `__new_sale_payments` RENAME TO `sale_payments`;--> statement-breakpoint
CREATE TRIGGER sale_payments_no_update BEFORE UPDATE ON sale_payments BEGIN SELECT RAISE(ABORT, 'payments are append-only'); END;--> statement-breakpoint
CREATE TRIGGER sale_payments_no_delete BEFORE DELETE ON sale_payments BEGIN SELECT RAISE(ABORT, 'payments are append-only'); END;--> statement-breakpoint
CREATE TABLE `__new_sale_fiscal` (
	`sale_id` text PRIMARY KEY NOT NULL,
	`doc_number` integer NOT NULL,
	`fiscal_sign` text NOT NULL,
	`fn_number` text NOT NULL,
	`fiscal_shift` integer,
	`receipt_number` integer,
	`at` text NOT NULL,
	`qr` text NOT NULL,
	FOREIGN KEY (`sale_id`) REFERENCES `sales`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_sale_fiscal` (`sale_id`, `doc_number`, `fiscal_sign`, `fn_number`, `fiscal_shift`, `receipt_number`, `at`, `qr`)
  SELECT `sale_id`, `doc_number`, `fiscal_sign`, `fn_number`, `fiscal_shift`, `receipt_number`, `at`, `qr` FROM `sale_fiscal`;--> statement-breakpoint
DROP TABLE `sale_fiscal`;--> statement-breakpoint
ALTER TABLE `__new_sale_fiscal` RENAME TO `sale_fiscal`;--> statement-breakpoint
CREATE TRIGGER sale_fiscal_no_update BEFORE UPDATE ON sale_fiscal BEGIN SELECT RAISE(ABORT, 'fiscal data is append-only'); END;--> statement-breakpoint
CREATE TRIGGER sale_fiscal_no_delete BEFORE DELETE ON sale_fiscal BEGIN SELECT RAISE(ABORT, 'fiscal data is append-only'); END;--> statement-breakpoint
CREATE TABLE `__new_stock_moves` (
	`id` integer PRIMARY KEY NOT NULL,
	`product_id` text NOT NULL,
	`qty` integer NOT NULL,
	`doc_type` text NOT NULL,
	`doc_id` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_stock_moves` (`id`, `product_id`, `qty`, `doc_type`, `doc_id`, `at`) SELECT `id`, `product_id`, `qty`, `doc_type`, `doc_id`, `at` FROM `stock_moves`;--> statement-breakpoint
DROP TABLE `stock_moves`;--> statement-breakpoint
ALTER TABLE `__new_stock_moves` RENAME TO `stock_moves`;--> statement-breakpoint
CREATE INDEX `stock_moves_product` ON `stock_moves` (`product_id`,`at`);--> statement-breakpoint
CREATE INDEX `stock_moves_doc` ON `stock_moves` (`doc_id`);--> statement-breakpoint
CREATE TRIGGER stock_moves_no_update BEFORE UPDATE ON stock_moves BEGIN SELECT RAISE(ABORT, 'stock moves are append-only'); END;--> statement-breakpoint
CREATE TRIGGER stock_moves_no_delete BEFORE DELETE ON stock_moves BEGIN SELECT RAISE(ABORT, 'stock moves are append-only'); END;--> statement-breakpoint
CREATE TABLE `__new_journal` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`till_id` text NOT NULL,
	`type` text NOT NULL,
	`payload` text NOT NULL,
	`at` text NOT NULL,
	`user_id` text,
	`approved_by` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_journal` (`seq`, `id`, `till_id`, `type`, `payload`, `at`, `user_id`, `approved_by`, `prev_hash`, `hash`)
  SELECT `seq`, `id`, `till_id`, `type`, `payload`, `at`, `user_id`, `approved_by`, `prev_hash`, `hash` FROM `journal`;--> statement-breakpoint
DROP TABLE `journal`;--> statement-breakpoint
ALTER TABLE `__new_journal` RENAME TO `journal`;--> statement-breakpoint
CREATE UNIQUE INDEX `journal_id_unique` ON `journal` (`id`);--> statement-breakpoint
CREATE INDEX `journal_type` ON `journal` (`type`);--> statement-breakpoint
CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END;--> statement-breakpoint
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END;
