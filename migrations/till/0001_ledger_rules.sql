-- The ledger is append-only: these tables refuse UPDATE and DELETE at the database level.
CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END;--> statement-breakpoint
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END;--> statement-breakpoint
CREATE TRIGGER sales_no_update BEFORE UPDATE ON sales BEGIN SELECT RAISE(ABORT, 'sales are append-only'); END;--> statement-breakpoint
CREATE TRIGGER sales_no_delete BEFORE DELETE ON sales BEGIN SELECT RAISE(ABORT, 'sales are append-only'); END;--> statement-breakpoint
CREATE TRIGGER sale_lines_no_update BEFORE UPDATE ON sale_lines BEGIN SELECT RAISE(ABORT, 'sale lines are append-only'); END;--> statement-breakpoint
CREATE TRIGGER sale_lines_no_delete BEFORE DELETE ON sale_lines BEGIN SELECT RAISE(ABORT, 'sale lines are append-only'); END;--> statement-breakpoint
CREATE TRIGGER sale_payments_no_update BEFORE UPDATE ON sale_payments BEGIN SELECT RAISE(ABORT, 'payments are append-only'); END;--> statement-breakpoint
CREATE TRIGGER sale_payments_no_delete BEFORE DELETE ON sale_payments BEGIN SELECT RAISE(ABORT, 'payments are append-only'); END;--> statement-breakpoint
CREATE TRIGGER shifts_no_update BEFORE UPDATE ON shifts BEGIN SELECT RAISE(ABORT, 'shifts are append-only'); END;--> statement-breakpoint
CREATE TRIGGER shifts_no_delete BEFORE DELETE ON shifts BEGIN SELECT RAISE(ABORT, 'shifts are append-only'); END;--> statement-breakpoint
CREATE TRIGGER shift_closures_no_update BEFORE UPDATE ON shift_closures BEGIN SELECT RAISE(ABORT, 'shift closures are append-only'); END;--> statement-breakpoint
CREATE TRIGGER shift_closures_no_delete BEFORE DELETE ON shift_closures BEGIN SELECT RAISE(ABORT, 'shift closures are append-only'); END;--> statement-breakpoint
CREATE TRIGGER cash_moves_no_update BEFORE UPDATE ON cash_moves BEGIN SELECT RAISE(ABORT, 'cash moves are append-only'); END;--> statement-breakpoint
CREATE TRIGGER cash_moves_no_delete BEFORE DELETE ON cash_moves BEGIN SELECT RAISE(ABORT, 'cash moves are append-only'); END;--> statement-breakpoint
CREATE TRIGGER stock_moves_no_update BEFORE UPDATE ON stock_moves BEGIN SELECT RAISE(ABORT, 'stock moves are append-only'); END;--> statement-breakpoint
CREATE TRIGGER stock_moves_no_delete BEFORE DELETE ON stock_moves BEGIN SELECT RAISE(ABORT, 'stock moves are append-only'); END;--> statement-breakpoint
-- Word-prefix search over product names (already lower-cased with ё folded to е).
CREATE VIRTUAL TABLE products_fts USING fts5(search_name, content='products', content_rowid='rid', tokenize='unicode61 remove_diacritics 0');--> statement-breakpoint
CREATE TRIGGER products_fts_insert AFTER INSERT ON products BEGIN
  INSERT INTO products_fts(rowid, search_name) VALUES (new.rid, new.search_name);
END;--> statement-breakpoint
CREATE TRIGGER products_fts_delete AFTER DELETE ON products BEGIN
  INSERT INTO products_fts(products_fts, rowid, search_name) VALUES ('delete', old.rid, old.search_name);
END;--> statement-breakpoint
CREATE TRIGGER products_fts_update AFTER UPDATE OF search_name ON products BEGIN
  INSERT INTO products_fts(products_fts, rowid, search_name) VALUES ('delete', old.rid, old.search_name);
  INSERT INTO products_fts(rowid, search_name) VALUES (new.rid, new.search_name);
END;
