-- The open receipt's lines move into its one row: a scan then rewrites one row, not an index and a table.
ALTER TABLE `carts` ADD `lines` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
UPDATE `carts` SET `lines` = COALESCE((
  SELECT json_group_array(json_object('id', l.id, 'productId', l.product_id, 'barcode', l.barcode, 'qty', l.qty, 'price', l.price,
    'discountKind', l.discount_kind, 'discountValue', l.discount_value))
  FROM (SELECT * FROM `cart_lines` WHERE cart_id = carts.id ORDER BY position) l
), '[]');--> statement-breakpoint
DROP TABLE `cart_lines`;
