CREATE TABLE `barcodes` (
	`code` text PRIMARY KEY NOT NULL,
	`product_id` text NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `barcodes_product` ON `barcodes` (`product_id`);--> statement-breakpoint
CREATE TABLE `cart_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`cart_id` text NOT NULL,
	`position` integer NOT NULL,
	`product_id` text NOT NULL,
	`barcode` text,
	`qty` integer NOT NULL,
	`price` integer NOT NULL,
	`discount_kind` text,
	`discount_value` integer,
	FOREIGN KEY (`cart_id`) REFERENCES `carts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `cart_lines_cart` ON `cart_lines` (`cart_id`,`position`);--> statement-breakpoint
CREATE TABLE `carts` (
	`id` text PRIMARY KEY NOT NULL,
	`shift_id` text NOT NULL,
	`opened_at` text NOT NULL,
	`user_id` text NOT NULL,
	`discount_kind` text,
	`discount_value` integer,
	FOREIGN KEY (`shift_id`) REFERENCES `shifts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `cash_moves` (
	`id` text PRIMARY KEY NOT NULL,
	`shift_id` text NOT NULL,
	`kind` text NOT NULL,
	`amount` integer NOT NULL,
	`reason` text NOT NULL,
	`at` text NOT NULL,
	`user_id` text NOT NULL,
	FOREIGN KEY (`shift_id`) REFERENCES `shifts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `cash_moves_shift` ON `cash_moves` (`shift_id`);--> statement-breakpoint
CREATE TABLE `journal` (
	`id` text PRIMARY KEY NOT NULL,
	`till_id` text NOT NULL,
	`seq` integer NOT NULL,
	`type` text NOT NULL,
	`payload` text NOT NULL,
	`at` text NOT NULL,
	`user_id` text,
	`approved_by` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `journal_till_seq` ON `journal` (`till_id`,`seq`);--> statement-breakpoint
CREATE INDEX `journal_type` ON `journal` (`type`);--> statement-breakpoint
CREATE TABLE `product_groups` (
	`id` text PRIMARY KEY NOT NULL,
	`parent_id` text,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `products` (
	`rid` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`name` text NOT NULL,
	`search_name` text NOT NULL,
	`group_id` text,
	`unit` text NOT NULL,
	`vat` text NOT NULL,
	`article` text,
	`plu` text,
	`marked` integer DEFAULT false NOT NULL,
	`price` integer NOT NULL,
	`archived` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `product_groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`vat`) REFERENCES `vat_rates`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `products_id_unique` ON `products` (`id`);--> statement-breakpoint
CREATE INDEX `products_search_name` ON `products` (`search_name`);--> statement-breakpoint
CREATE UNIQUE INDEX `products_plu` ON `products` (`plu`);--> statement-breakpoint
CREATE INDEX `products_article` ON `products` (`article`);--> statement-breakpoint
CREATE TABLE `sale_lines` (
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
	PRIMARY KEY(`sale_id`, `line_no`),
	FOREIGN KEY (`sale_id`) REFERENCES `sales`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sale_payments` (
	`sale_id` text NOT NULL,
	`kind` text NOT NULL,
	`amount` integer NOT NULL,
	PRIMARY KEY(`sale_id`, `kind`),
	FOREIGN KEY (`sale_id`) REFERENCES `sales`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sales` (
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
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sales_number` ON `sales` (`number`);--> statement-breakpoint
CREATE INDEX `sales_shift` ON `sales` (`shift_id`);--> statement-breakpoint
CREATE INDEX `sales_at` ON `sales` (`at`);--> statement-breakpoint
CREATE INDEX `sales_ref` ON `sales` (`ref_sale_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `shift_closures` (
	`shift_id` text PRIMARY KEY NOT NULL,
	`closed_at` text NOT NULL,
	`closed_by` text NOT NULL,
	`counted` integer NOT NULL,
	`expected` integer NOT NULL,
	FOREIGN KEY (`shift_id`) REFERENCES `shifts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `shifts` (
	`id` text PRIMARY KEY NOT NULL,
	`number` integer NOT NULL,
	`opened_at` text NOT NULL,
	`opened_by` text NOT NULL,
	`float` integer NOT NULL,
	FOREIGN KEY (`opened_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shifts_number` ON `shifts` (`number`);--> statement-breakpoint
CREATE TABLE `stock_moves` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`product_id` text NOT NULL,
	`qty` integer NOT NULL,
	`doc_type` text NOT NULL,
	`doc_id` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `stock_moves_product` ON `stock_moves` (`product_id`,`at`);--> statement-breakpoint
CREATE INDEX `stock_moves_doc` ON `stock_moves` (`doc_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`pin_hash` text NOT NULL,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_pin_hash` ON `users` (`pin_hash`);--> statement-breakpoint
CREATE TABLE `vat_rates` (
	`code` text PRIMARY KEY NOT NULL,
	`percent` integer,
	`label` text NOT NULL,
	`tag1199` integer NOT NULL
);
