CREATE TABLE `applicant_self_disclosures` (
	`application_id` integer PRIMARY KEY NOT NULL,
	`migration_background` text NOT NULL,
	`consent_given_at` text NOT NULL,
	`consent_text_version` text NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `application_documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`application_id` integer NOT NULL,
	`filename` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`data` blob NOT NULL,
	`uploaded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `application_documents_app_idx` ON `application_documents` (`application_id`);--> statement-breakpoint
CREATE TABLE `applications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`vacancy_id` integer NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`email` text,
	`phone` text,
	`received_on` text NOT NULL,
	`severely_disabled` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'received' NOT NULL,
	`status_reason` text,
	`rejection_sent_on` text,
	`rejection_received_on` text,
	`legal_hold` integer DEFAULT false NOT NULL,
	`legal_hold_reason` text,
	`talent_pool_until` text,
	`purged_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`vacancy_id`) REFERENCES `vacancies`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `applications_vacancy_idx` ON `applications` (`vacancy_id`);--> statement-breakpoint
CREATE INDEX `applications_email_idx` ON `applications` (`email`);--> statement-breakpoint
CREATE TABLE `criteria` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`set_id` integer NOT NULL,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`label` text NOT NULL,
	`evidence_type` text NOT NULL,
	`weight` integer NOT NULL,
	`scale` text NOT NULL,
	`group_key` text,
	`rank` integer,
	`notes` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`set_id`) REFERENCES `criteria_sets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `criteria_set_idx` ON `criteria` (`set_id`);--> statement-breakpoint
CREATE TABLE `criteria_sets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`vacancy_id` integer NOT NULL,
	`version` integer NOT NULL,
	`reason` text NOT NULL,
	`frozen_at` text,
	`created_by_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`vacancy_id`) REFERENCES `vacancies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `criteria_sets_version_unique` ON `criteria_sets` (`vacancy_id`,`version`);--> statement-breakpoint
CREATE TABLE `participations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`vacancy_id` integer NOT NULL,
	`body` text NOT NULL,
	`requested_on` text NOT NULL,
	`response` text NOT NULL,
	`responded_on` text,
	`notes` text DEFAULT '' NOT NULL,
	`recorded_by_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`vacancy_id`) REFERENCES `vacancies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `participations_vacancy_idx` ON `participations` (`vacancy_id`);--> statement-breakpoint
CREATE TABLE `scorecards` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`vacancy_id` integer NOT NULL,
	`application_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`stage` text NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	`ratings` text NOT NULL,
	`recommendation` text,
	`notes` text DEFAULT '' NOT NULL,
	`submitted_at` text,
	`correction_reason` text,
	`superseded_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`vacancy_id`) REFERENCES `vacancies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scorecards_unique` ON `scorecards` (`application_id`,`member_id`,`stage`,`revision`);--> statement-breakpoint
CREATE INDEX `scorecards_vacancy_idx` ON `scorecards` (`vacancy_id`);--> statement-breakpoint
CREATE TABLE `screening_results` (
	`application_id` integer NOT NULL,
	`criterion_id` integer NOT NULL,
	`result` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`assessed_by_id` integer,
	`assessed_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`application_id`, `criterion_id`),
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`criterion_id`) REFERENCES `criteria`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`assessed_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `selection_rankings` (
	`vacancy_id` integer NOT NULL,
	`application_id` integer NOT NULL,
	`rank` integer,
	`reason` text NOT NULL,
	PRIMARY KEY(`vacancy_id`, `application_id`),
	FOREIGN KEY (`vacancy_id`) REFERENCES `vacancies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `vacancies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`advert_text` text NOT NULL,
	`channel` text NOT NULL,
	`internal_only` integer DEFAULT false NOT NULL,
	`encouragement_line` integer DEFAULT true NOT NULL,
	`published_on` text,
	`deadline` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`abort_reason` text,
	`decided_at` text,
	`decided_by_id` integer,
	`created_by_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`decided_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `vacancy_members` (
	`vacancy_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`body` text,
	PRIMARY KEY(`vacancy_id`, `user_id`, `kind`),
	FOREIGN KEY (`vacancy_id`) REFERENCES `vacancies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `vacancy_members_user_idx` ON `vacancy_members` (`user_id`);--> statement-breakpoint
CREATE TABLE `vacancy_posts` (
	`vacancy_id` integer NOT NULL,
	`post_id` integer NOT NULL,
	PRIMARY KEY(`vacancy_id`, `post_id`),
	FOREIGN KEY (`vacancy_id`) REFERENCES `vacancies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`post_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE restrict
);
