CREATE TABLE `cost_history` (
	`product_id` text NOT NULL,
	`at` text NOT NULL,
	`doc_id` text NOT NULL,
	`cost` integer NOT NULL,
	PRIMARY KEY(`product_id`, `at`, `doc_id`),
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `doc_drafts` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`header` text DEFAULT '{}' NOT NULL,
	`lines` text DEFAULT '[]' NOT NULL,
	`user_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `price_applied` (
	`doc_id` text PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`doc_id`) REFERENCES `price_docs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `price_doc_lines` (
	`doc_id` text NOT NULL,
	`product_id` text NOT NULL,
	`old_price` integer NOT NULL,
	`new_price` integer NOT NULL,
	PRIMARY KEY(`doc_id`, `product_id`),
	FOREIGN KEY (`doc_id`) REFERENCES `price_docs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `price_doc_lines_product` ON `price_doc_lines` (`product_id`);--> statement-breakpoint
CREATE TABLE `price_docs` (
	`id` text PRIMARY KEY NOT NULL,
	`number` integer NOT NULL,
	`effective_at` text NOT NULL,
	`created_at` text NOT NULL,
	`user_id` text NOT NULL,
	`approved_by` text,
	`source_doc_id` text,
	`note` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `price_docs_number_unique` ON `price_docs` (`number`);--> statement-breakpoint
CREATE INDEX `price_docs_effective` ON `price_docs` (`effective_at`);--> statement-breakpoint
CREATE TABLE `stock_doc_lines` (
	`doc_id` text NOT NULL,
	`line_no` integer NOT NULL,
	`product_id` text NOT NULL,
	`qty` integer NOT NULL,
	`cost` integer NOT NULL,
	`price` integer NOT NULL,
	`vat` text,
	`book_qty` integer,
	`counted_qty` integer,
	PRIMARY KEY(`doc_id`, `line_no`),
	FOREIGN KEY (`doc_id`) REFERENCES `stock_docs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `stock_doc_lines_product` ON `stock_doc_lines` (`product_id`);--> statement-breakpoint
CREATE TABLE `stock_docs` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`number` integer NOT NULL,
	`at` text NOT NULL,
	`user_id` text NOT NULL,
	`approved_by` text,
	`supplier_id` text,
	`ext_number` text,
	`ext_date` text,
	`counterpart` text,
	`reason` text,
	`ref_doc_id` text,
	`note` text,
	`cost_total` integer NOT NULL,
	`retail_total` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ref_doc_id`) REFERENCES `stock_docs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stock_docs_number` ON `stock_docs` (`kind`,`number`);--> statement-breakpoint
CREATE INDEX `stock_docs_at` ON `stock_docs` (`at`);--> statement-breakpoint
CREATE INDEX `stock_docs_ref` ON `stock_docs` (`ref_doc_id`);--> statement-breakpoint
CREATE TABLE `stocktake_counts` (
	`id` text PRIMARY KEY NOT NULL,
	`stocktake_id` text NOT NULL,
	`product_id` text NOT NULL,
	`qty` integer NOT NULL,
	`user_id` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`stocktake_id`) REFERENCES `stocktakes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `stocktake_counts_product` ON `stocktake_counts` (`stocktake_id`,`product_id`);--> statement-breakpoint
CREATE TABLE `stocktakes` (
	`id` text PRIMARY KEY NOT NULL,
	`number` integer NOT NULL,
	`group_id` text,
	`started_at` text NOT NULL,
	`user_id` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`doc_id` text,
	FOREIGN KEY (`group_id`) REFERENCES `product_groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `suppliers` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`inn` text,
	`import_mapping` text
);
--> statement-breakpoint
DROP INDEX `products_search_name`;--> statement-breakpoint
ALTER TABLE `products` ADD `kind` text DEFAULT 'goods' NOT NULL;--> statement-breakpoint
ALTER TABLE `products` ADD `cost` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `products` ADD `min_stock` integer;--> statement-breakpoint
ALTER TABLE `products` ADD `max_stock` integer;--> statement-breakpoint
ALTER TABLE `products` ADD `ext_id` text;--> statement-breakpoint
ALTER TABLE `products` ADD `updated_at` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `products_ext` ON `products` (`ext_id`);--> statement-breakpoint
CREATE INDEX `products_updated` ON `products` (`updated_at`);--> statement-breakpoint
CREATE INDEX `products_listing` ON `products` (`archived`,`search_name`);--> statement-breakpoint
CREATE INDEX `products_group` ON `products` (`group_id`,`archived`);--> statement-breakpoint
ALTER TABLE `product_groups` ADD `markup` integer;--> statement-breakpoint
ALTER TABLE `product_groups` ADD `ext_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `product_groups_ext` ON `product_groups` (`ext_id`);--> statement-breakpoint
CREATE TRIGGER stock_docs_no_update BEFORE UPDATE ON stock_docs BEGIN SELECT RAISE(ABORT, 'stock documents are append-only'); END;--> statement-breakpoint
CREATE TRIGGER stock_docs_no_delete BEFORE DELETE ON stock_docs BEGIN SELECT RAISE(ABORT, 'stock documents are append-only'); END;--> statement-breakpoint
CREATE TRIGGER stock_doc_lines_no_update BEFORE UPDATE ON stock_doc_lines BEGIN SELECT RAISE(ABORT, 'stock document lines are append-only'); END;--> statement-breakpoint
CREATE TRIGGER stock_doc_lines_no_delete BEFORE DELETE ON stock_doc_lines BEGIN SELECT RAISE(ABORT, 'stock document lines are append-only'); END;--> statement-breakpoint
CREATE TRIGGER cost_history_no_update BEFORE UPDATE ON cost_history BEGIN SELECT RAISE(ABORT, 'cost history are append-only'); END;--> statement-breakpoint
CREATE TRIGGER cost_history_no_delete BEFORE DELETE ON cost_history BEGIN SELECT RAISE(ABORT, 'cost history are append-only'); END;--> statement-breakpoint
CREATE TRIGGER stocktake_counts_no_update BEFORE UPDATE ON stocktake_counts BEGIN SELECT RAISE(ABORT, 'stocktake counts are append-only'); END;--> statement-breakpoint
CREATE TRIGGER stocktake_counts_no_delete BEFORE DELETE ON stocktake_counts BEGIN SELECT RAISE(ABORT, 'stocktake counts are append-only'); END;--> statement-breakpoint
CREATE TRIGGER price_docs_no_update BEFORE UPDATE ON price_docs BEGIN SELECT RAISE(ABORT, 'price documents are append-only'); END;--> statement-breakpoint
CREATE TRIGGER price_docs_no_delete BEFORE DELETE ON price_docs BEGIN SELECT RAISE(ABORT, 'price documents are append-only'); END;--> statement-breakpoint
CREATE TRIGGER price_doc_lines_no_update BEFORE UPDATE ON price_doc_lines BEGIN SELECT RAISE(ABORT, 'price document lines are append-only'); END;--> statement-breakpoint
CREATE TRIGGER price_doc_lines_no_delete BEFORE DELETE ON price_doc_lines BEGIN SELECT RAISE(ABORT, 'price document lines are append-only'); END;--> statement-breakpoint
CREATE TRIGGER price_applied_no_update BEFORE UPDATE ON price_applied BEGIN SELECT RAISE(ABORT, 'applied prices are append-only'); END;--> statement-breakpoint
CREATE TRIGGER price_applied_no_delete BEFORE DELETE ON price_applied BEGIN SELECT RAISE(ABORT, 'applied prices are append-only'); END;
