ALTER TABLE `scorecards` ADD `seen_others_at` text;
--> statement-breakpoint
CREATE TABLE `scorecard_peeks` (
	`member_id` integer NOT NULL,
	`application_id` integer NOT NULL,
	`stage` text NOT NULL,
	`first_seen_at` text NOT NULL,
	PRIMARY KEY(`member_id`, `application_id`, `stage`),
	FOREIGN KEY (`member_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade
);
