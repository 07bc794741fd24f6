-- Single sign-ins under way, as SQLite migration 0018: state, nonce and PKCE verifier in the
-- database, so the provider's callback may arrive at any instance. Taken once, 10 minutes.
CREATE TABLE "oidc_flows" (
	"id" text PRIMARY KEY NOT NULL,
	"state" text NOT NULL,
	"nonce" text NOT NULL,
	"code_verifier" text NOT NULL,
	"return_to" text NOT NULL,
	"issuer" text NOT NULL,
	"created_at" text DEFAULT (to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX "oidc_flows_created_idx" ON "oidc_flows" USING btree ("created_at");
