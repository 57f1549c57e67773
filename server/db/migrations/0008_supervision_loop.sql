CREATE TABLE `inspection_teams` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`members` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inspection_teams_name_unique` ON `inspection_teams` (`name`);--> statement-breakpoint
CREATE TABLE `nudges` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_id` text NOT NULL,
	`sent_by` text NOT NULL,
	`message` text NOT NULL,
	`sent_at` integer NOT NULL,
	`read_at` integer,
	`read_by` text
);
--> statement-breakpoint
CREATE INDEX `nudges_unit` ON `nudges` (`unit_id`);--> statement-breakpoint
CREATE TABLE `photo_holders` (
	`photo_id` text NOT NULL,
	`person_id` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`photo_id`, `person_id`)
);
--> statement-breakpoint
ALTER TABLE `inspections` ADD `team_id` text;--> statement-breakpoint
ALTER TABLE `inspections` ADD `kind` text;--> statement-breakpoint
ALTER TABLE `inspections` ADD `draw_seed` integer;--> statement-breakpoint
-- Every photo's first uploader holds it, as before this table; nudges already in the ledger are projected.
INSERT INTO `photo_holders` (`photo_id`, `person_id`, `at`) SELECT `id`, `uploaded_by`, `created_at` FROM `photos`;--> statement-breakpoint
INSERT INTO `nudges` (`id`, `unit_id`, `sent_by`, `message`, `sent_at`, `read_at`, `read_by`)
  SELECT `id`, `unit_id`, `actor_id`, json_extract(`payload`, '$.message'), `effective_at`, NULL, NULL FROM `events` WHERE `kind` = 'nudge.sent';
