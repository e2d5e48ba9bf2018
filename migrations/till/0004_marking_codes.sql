ALTER TABLE `sale_lines` ADD `marking_code` text;--> statement-breakpoint
CREATE INDEX `sale_lines_marking` ON `sale_lines` (`marking_code`);