CREATE TABLE `centre_needs` (
	`centre_id` integer PRIMARY KEY NOT NULL,
	`need` integer NOT NULL,
	`placeholder` integer DEFAULT false NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`centre_id`) REFERENCES `centres`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `cost_assumptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pay_group` text NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text,
	`annual_cost_euros` integer NOT NULL,
	`overhead_bp` integer DEFAULT 2000 NOT NULL,
	`city_own` integer DEFAULT false NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `cost_assumptions_pay_group_idx` ON `cost_assumptions` (`pay_group`,`valid_from`);--> statement-breakpoint
CREATE TABLE `post_allocations` (
	`post_id` integer NOT NULL,
	`centre_id` integer NOT NULL,
	`share_milli` integer NOT NULL,
	PRIMARY KEY(`post_id`, `centre_id`),
	FOREIGN KEY (`post_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`centre_id`) REFERENCES `centres`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `post_allocations_centre_idx` ON `post_allocations` (`centre_id`);--> statement-breakpoint
CREATE TABLE `post_assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`post_id` integer NOT NULL,
	`person_name` text NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text,
	`percent` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`post_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `post_assignments_post_idx` ON `post_assignments` (`post_id`);--> statement-breakpoint
CREATE TABLE `post_status_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`post_id` integer NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`effective_on` text NOT NULL,
	`reason` text NOT NULL,
	`actor_id` integer,
	`actor_email` text,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`post_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `post_status_changes_post_idx` ON `post_status_changes` (`post_id`);--> statement-breakpoint
CREATE TABLE `posts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`title` text NOT NULL,
	`role_type` text NOT NULL,
	`fte_milli` integer NOT NULL,
	`pay_group` text NOT NULL,
	`employer` text NOT NULL,
	`operator_id` integer,
	`funding_mode` text NOT NULL,
	`budget_year_from` integer NOT NULL,
	`budget_year_to` integer,
	`fixed_term_end` text,
	`kw` integer DEFAULT false NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'proposed' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`operator_id`) REFERENCES `operators`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `posts_code_unique` ON `posts` (`code`);--> statement-breakpoint
CREATE TABLE `scenario_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scenario_id` integer NOT NULL,
	`post_id` integer NOT NULL,
	`fte_milli` integer NOT NULL,
	FOREIGN KEY (`scenario_id`) REFERENCES `scenarios`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`post_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scenario_lines_unique` ON `scenario_lines` (`scenario_id`,`post_id`);--> statement-breakpoint
CREATE TABLE `scenarios` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`source_ref` text DEFAULT '' NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`seeded` integer DEFAULT false NOT NULL,
	`copied_from_id` integer,
	`created_by_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scenarios_name_unique` ON `scenarios` (`name`);