-- Single sign-on with OpenID Connect (issue 16 part 3): the provider's subject on users and the
-- one-row configuration (issuer, client, groups mapping, require-SSO).
ALTER TABLE `users` ADD `oidc_issuer` text;--> statement-breakpoint
ALTER TABLE `users` ADD `oidc_subject` text;--> statement-breakpoint
CREATE UNIQUE INDEX `users_oidc_subject_unique` ON `users` (`oidc_issuer`,`oidc_subject`);--> statement-breakpoint
CREATE TABLE `oidc_config` (
	`id` integer PRIMARY KEY NOT NULL,
	`enabled` integer DEFAULT false NOT NULL,
	`issuer` text NOT NULL,
	`client_id` text NOT NULL,
	`client_secret` text,
	`groups_claim` text NOT NULL,
	`require_sso` integer DEFAULT false NOT NULL,
	`mappings` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_by_id` integer,
	FOREIGN KEY (`updated_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
