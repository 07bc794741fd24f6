-- What several API instances on one database share (decision 0003). SQLite runs one process,
-- which keeps both in memory.
--
-- Rate-limit counters (src/db/pg-rate-limit.ts). Unlogged: not written to the WAL or
-- replicated; after a crash the table is empty, which only restarts the counters' windows.
CREATE UNLOGGED TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"count" integer NOT NULL,
	"window_start_ms" bigint NOT NULL,
	"ttl_ms" bigint NOT NULL
);
--> statement-breakpoint
-- Daily jobs (retention, applicant purge) done per day, so the instance whose timer fires
-- second skips the day (src/db/pg-lock.ts).
CREATE TABLE "job_runs" (
	"job" text NOT NULL,
	"day" text NOT NULL,
	"instance" text NOT NULL,
	"finished_at" text DEFAULT (to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL,
	PRIMARY KEY ("job", "day")
);
