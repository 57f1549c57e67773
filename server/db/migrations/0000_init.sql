CREATE TABLE `devices` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `devices_token_hash_unique` ON `devices` (`token_hash`);--> statement-breakpoint
CREATE TABLE `duties` (
	`id` text PRIMARY KEY NOT NULL,
	`category` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`cadence` text NOT NULL,
	`due_time` text NOT NULL,
	`due_weekday` integer DEFAULT 5 NOT NULL,
	`working_days_only` integer NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `duty_checks` (
	`unit_id` text NOT NULL,
	`duty_id` text NOT NULL,
	`period_key` text NOT NULL,
	`checked` integer NOT NULL,
	`checked_at` integer,
	`checked_by` text,
	`last_at` integer NOT NULL,
	`last_event_id` text NOT NULL,
	PRIMARY KEY(`unit_id`, `duty_id`, `period_key`)
);
--> statement-breakpoint
CREATE INDEX `duty_checks_period` ON `duty_checks` (`period_key`);--> statement-breakpoint
CREATE TABLE `duty_units` (
	`duty_id` text NOT NULL,
	`unit_id` text NOT NULL,
	PRIMARY KEY(`duty_id`, `unit_id`),
	FOREIGN KEY (`duty_id`) REFERENCES `duties`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `enrol_codes` (
	`code_hash` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`kind` text NOT NULL,
	`unit_id` text NOT NULL,
	`zone_id` text NOT NULL,
	`actor_id` text NOT NULL,
	`device_id` text NOT NULL,
	`client_time` integer NOT NULL,
	`received_at` integer NOT NULL,
	`effective_at` integer NOT NULL,
	`clock_skewed` integer DEFAULT false NOT NULL,
	`payload` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_id_unique` ON `events` (`id`);--> statement-breakpoint
CREATE INDEX `events_unit_seq` ON `events` (`unit_id`,`seq`);--> statement-breakpoint
CREATE INDEX `events_zone_seq` ON `events` (`zone_id`,`seq`);--> statement-breakpoint
CREATE TABLE `grid_cells` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_id` text NOT NULL,
	`zone_id` text NOT NULL,
	`name` text NOT NULL,
	`person_name` text NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`zone_id`) REFERENCES `zones`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `grid_cells_unit` ON `grid_cells` (`unit_id`);--> statement-breakpoint
CREATE TABLE `issues` (
	`id` text PRIMARY KEY NOT NULL,
	`category` text NOT NULL,
	`zone_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`grid_cell_id` text,
	`place` text NOT NULL,
	`description` text NOT NULL,
	`source` text NOT NULL,
	`inspection_id` text,
	`state` text NOT NULL,
	`photo_ids` text NOT NULL,
	`after_photo_ids` text NOT NULL,
	`rectify_note` text,
	`verify_note` text,
	`reject_reason` text,
	`reported_by` text NOT NULL,
	`reported_at` integer NOT NULL,
	`assigned_at` integer,
	`deadline_at` integer NOT NULL,
	`rectified_at` integer,
	`verified_at` integer,
	`closed_at` integer,
	`reopen_count` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `issues_unit` ON `issues` (`unit_id`);--> statement-breakpoint
CREATE INDEX `issues_zone` ON `issues` (`zone_id`);--> statement-breakpoint
CREATE INDEX `issues_state` ON `issues` (`state`);--> statement-breakpoint
CREATE TABLE `people` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`unit_id` text,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `photos` (
	`id` text PRIMARY KEY NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`uploaded_by` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `units` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`zone_id` text NOT NULL,
	FOREIGN KEY (`zone_id`) REFERENCES `zones`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `units_name_unique` ON `units` (`name`);--> statement-breakpoint
CREATE INDEX `units_zone` ON `units` (`zone_id`);--> statement-breakpoint
CREATE TABLE `zones` (
	`id` text PRIMARY KEY NOT NULL,
	`number` integer NOT NULL,
	`name` text NOT NULL,
	`chief_person_id` text,
	`lead_unit_id` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `zones_number_unique` ON `zones` (`number`);