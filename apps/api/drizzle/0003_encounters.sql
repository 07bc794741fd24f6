CREATE TABLE `activities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text,
	`name` text NOT NULL,
	`default_duration_minutes` integer NOT NULL,
	`recurring` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `activities_key_unique` ON `activities` (`key`);--> statement-breakpoint
CREATE TABLE `consents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`participant_id` integer NOT NULL,
	`purpose` text NOT NULL,
	`given_on` text NOT NULL,
	`expires_on` text NOT NULL,
	`withdrawn_on` text,
	`language` text NOT NULL,
	`explained_by_id` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`explained_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `consents_participant_idx` ON `consents` (`participant_id`,`purpose`);--> statement-breakpoint
CREATE TABLE `encounter_attendees` (
	`encounter_id` integer NOT NULL,
	`participant_id` integer NOT NULL,
	PRIMARY KEY(`encounter_id`, `participant_id`),
	FOREIGN KEY (`encounter_id`) REFERENCES `encounters`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `attendees_participant_idx` ON `encounter_attendees` (`participant_id`);--> statement-breakpoint
CREATE TABLE `encounter_staff` (
	`encounter_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	PRIMARY KEY(`encounter_id`, `user_id`),
	FOREIGN KEY (`encounter_id`) REFERENCES `encounters`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE TABLE `encounters` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`centre_id` integer NOT NULL,
	`activity_id` integer NOT NULL,
	`group_id` integer,
	`date` text NOT NULL,
	`start_time` text NOT NULL,
	`duration_minutes` integer NOT NULL,
	`newcomers` integer DEFAULT 0 NOT NULL,
	`host` integer DEFAULT 0 NOT NULL,
	`volunteers` integer DEFAULT 0 NOT NULL,
	`other` integer DEFAULT 0 NOT NULL,
	`author_id` integer NOT NULL,
	`client_request_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`centre_id`) REFERENCES `centres`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`group_id`) REFERENCES `recurring_groups`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `encounters_idempotency_idx` ON `encounters` (`centre_id`,`client_request_id`);--> statement-breakpoint
CREATE INDEX `encounters_centre_date_idx` ON `encounters` (`centre_id`,`date`);--> statement-breakpoint
CREATE TABLE `follow_up_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`follow_up_id` integer NOT NULL,
	`attempted_on` text NOT NULL,
	`outcome` text NOT NULL,
	`note` text,
	`by_id` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`follow_up_id`) REFERENCES `follow_ups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `follow_ups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`participant_id` integer NOT NULL,
	`assignee_id` integer NOT NULL,
	`due_on` text NOT NULL,
	`reason` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`outcome` text,
	`closed_on` text,
	`created_by_id` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`assignee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `follow_ups_participant_idx` ON `follow_ups` (`participant_id`);--> statement-breakpoint
CREATE INDEX `follow_ups_assignee_idx` ON `follow_ups` (`assignee_id`,`status`);--> statement-breakpoint
CREATE TABLE `group_members` (
	`group_id` integer NOT NULL,
	`participant_id` integer NOT NULL,
	PRIMARY KEY(`group_id`, `participant_id`),
	FOREIGN KEY (`group_id`) REFERENCES `recurring_groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `participant_transfers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`participant_id` integer NOT NULL,
	`from_centre_id` integer NOT NULL,
	`to_centre_id` integer NOT NULL,
	`reason` text NOT NULL,
	`by_id` integer NOT NULL,
	`on` text NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `participants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`centre_id` integer NOT NULL,
	`alias` text,
	`languages` text DEFAULT '[]' NOT NULL,
	`household_size` integer,
	`district` text DEFAULT '' NOT NULL,
	`moved_in_at` text,
	`contact_preference` text DEFAULT 'in_person' NOT NULL,
	`notes` text,
	`created_by_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`centre_id`) REFERENCES `centres`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `participants_code_unique` ON `participants` (`code`);--> statement-breakpoint
CREATE INDEX `participants_centre_idx` ON `participants` (`centre_id`,`alias`);--> statement-breakpoint
CREATE TABLE `recurring_groups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`centre_id` integer NOT NULL,
	`activity_id` integer NOT NULL,
	`name` text NOT NULL,
	`weekdays` text NOT NULL,
	`start_time` text NOT NULL,
	`duration_minutes` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`centre_id`) REFERENCES `centres`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `groups_centre_idx` ON `recurring_groups` (`centre_id`);--> statement-breakpoint
CREATE TABLE `referrals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`participant_id` integer NOT NULL,
	`service` text NOT NULL,
	`referred_on` text NOT NULL,
	`note` text,
	`by_id` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `referrals_participant_idx` ON `referrals` (`participant_id`);--> statement-breakpoint
-- Built-in activity catalogue (BRIEF §4); admins add custom ones.
INSERT INTO `activities` (`key`, `name`, `default_duration_minutes`, `recurring`) VALUES
  ('open_cafe', 'Offenes Café', 120, 1),
  ('language_cafe', 'Sprachcafé', 90, 1),
  ('counselling', 'Beratung', 45, 0),
  ('accompaniment', 'Begleitung zu Behörden', 120, 0),
  ('sport', 'Sport', 90, 1),
  ('excursion', 'Ausflug', 240, 0),
  ('womens_group', 'Frauengruppe', 120, 1),
  ('homework_help', 'Hausaufgabenhilfe', 90, 1),
  ('parents_cafe', 'Elterncafé', 90, 1);
