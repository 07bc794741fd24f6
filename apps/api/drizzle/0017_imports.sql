-- Import from spreadsheets (issue 16 part 1): a centre's saved column mapping per kind, and the
-- keys of rows already imported, so that importing the same file again changes nothing. A key
-- goes with its participant when that person is erased (the key is a hash of their row).
CREATE TABLE `import_mappings` (
	`centre_id` integer NOT NULL,
	`kind` text NOT NULL,
	`mapping` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_by_id` integer,
	PRIMARY KEY(`centre_id`, `kind`),
	FOREIGN KEY (`centre_id`) REFERENCES `centres`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `imported_rows` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`centre_id` integer NOT NULL,
	`kind` text NOT NULL,
	`row_key` text NOT NULL,
	`participant_id` integer,
	`encounter_id` integer,
	`imported_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`imported_by_id` integer,
	FOREIGN KEY (`centre_id`) REFERENCES `centres`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`encounter_id`) REFERENCES `encounters`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`imported_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `imported_rows_key_unique` ON `imported_rows` (`centre_id`,`kind`,`row_key`);
