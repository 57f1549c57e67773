CREATE TABLE `calendar_days` (
	`date` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`set_by` text NOT NULL,
	`set_at` integer NOT NULL,
	`seq` integer NOT NULL
);
