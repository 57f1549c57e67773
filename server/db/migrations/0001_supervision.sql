CREATE TABLE `complaint_contacts` (
	`issue_id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`phone` text NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `inspections` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_id` text NOT NULL,
	`zone_ids` text NOT NULL,
	`summary` text NOT NULL,
	`started_at` integer NOT NULL,
	`recorded_at` integer NOT NULL,
	`inspector_id` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `inspections_started` ON `inspections` (`started_at`);--> statement-breakpoint
CREATE INDEX `issues_zone_reported` ON `issues` (`zone_id`,`reported_at`);