CREATE TABLE `public_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`code_hash` text NOT NULL,
	`kind` text NOT NULL,
	`category` text NOT NULL,
	`zone_id` text,
	`place` text NOT NULL,
	`description` text NOT NULL,
	`photo_ids` text NOT NULL,
	`reporter_name` text,
	`reporter_phone` text,
	`submitted_at` integer NOT NULL,
	`state` text NOT NULL,
	`handled_by` text,
	`handled_at` integer,
	`reject_reason` text,
	`issue_id` text,
	`photos_published` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `public_reports_code_hash_unique` ON `public_reports` (`code_hash`);--> statement-breakpoint
CREATE INDEX `public_reports_state` ON `public_reports` (`state`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `public_reports_issue` ON `public_reports` (`issue_id`);--> statement-breakpoint
CREATE TABLE `satisfaction_answers` (
	`id` text PRIMARY KEY NOT NULL,
	`issue_id` text NOT NULL,
	`report_id` text,
	`answer` text NOT NULL,
	`comment` text NOT NULL,
	`via` text NOT NULL,
	`recorded_by` text,
	`answered_at` integer NOT NULL,
	`review_outcome` text,
	`review_note` text,
	`reviewed_by` text,
	`reviewed_at` integer,
	`reissued_issue_id` text
);
--> statement-breakpoint
CREATE INDEX `satisfaction_issue` ON `satisfaction_answers` (`issue_id`,`answered_at`);--> statement-breakpoint
CREATE INDEX `satisfaction_answered` ON `satisfaction_answers` (`answered_at`);