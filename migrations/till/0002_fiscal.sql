CREATE TABLE `fiscal_pending` (
	`sale_id` text PRIMARY KEY NOT NULL,
	`cart_id` text,
	`draft` text NOT NULL,
	`last_doc_before` integer NOT NULL,
	`started_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sale_fiscal` (
	`sale_id` text PRIMARY KEY NOT NULL,
	`doc_number` integer NOT NULL,
	`fiscal_sign` text NOT NULL,
	`fn_number` text NOT NULL,
	`fiscal_shift` integer,
	`receipt_number` integer,
	`at` text NOT NULL,
	`qr` text NOT NULL,
	FOREIGN KEY (`sale_id`) REFERENCES `sales`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TRIGGER sale_fiscal_no_update BEFORE UPDATE ON sale_fiscal BEGIN SELECT RAISE(ABORT, 'fiscal data is append-only'); END;--> statement-breakpoint
CREATE TRIGGER sale_fiscal_no_delete BEFORE DELETE ON sale_fiscal BEGIN SELECT RAISE(ABORT, 'fiscal data is append-only'); END;
