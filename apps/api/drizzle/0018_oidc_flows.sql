-- Single sign-ins under way (state, nonce, PKCE verifier) move from process memory into the
-- database, so the provider's callback may arrive at any instance. Taken once, 10 minutes.
CREATE TABLE `oidc_flows` (
	`id` text PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`nonce` text NOT NULL,
	`code_verifier` text NOT NULL,
	`return_to` text NOT NULL,
	`issuer` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `oidc_flows_created_idx` ON `oidc_flows` (`created_at`);
