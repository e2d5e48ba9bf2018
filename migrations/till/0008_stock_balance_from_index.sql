-- A product's balance sums its index entries alone: qty joins (product_id, at). A best seller has a
-- stock move per sale (250,000 in a busy year), and each used to cost a read of the table's row: its card
-- took seconds cold on the main thread. A sale still touches one leaf of it a line.
DROP INDEX `stock_moves_product`;--> statement-breakpoint
CREATE INDEX `stock_moves_product` ON `stock_moves` (`product_id`,`at`,`qty`);