CREATE TABLE `bulletins` (
	`id` text PRIMARY KEY NOT NULL,
	`issue_number` integer NOT NULL,
	`period_from` text NOT NULL,
	`period_to` text NOT NULL,
	`issued_at` integer NOT NULL,
	`issued_by` text NOT NULL,
	`checkpoint_seq` integer NOT NULL,
	`checkpoint_hash` text,
	`content` text NOT NULL,
	`content_hash` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bulletins_issue_number_unique` ON `bulletins` (`issue_number`);--> statement-breakpoint
CREATE INDEX `events_kind_at` ON `events` (`kind`,`effective_at`) WHERE kind not in ('duty.checked', 'duty.unchecked');--> statement-breakpoint
-- An issued bulletin never changes: refuse updates and deletions outright.
CREATE TRIGGER `bulletins_no_update` BEFORE UPDATE ON `bulletins` BEGIN SELECT RAISE(ABORT, '已签发的通报不能修改'); END;
--> statement-breakpoint
CREATE TRIGGER `bulletins_no_delete` BEFORE DELETE ON `bulletins` BEGIN SELECT RAISE(ABORT, '已签发的通报不能删除'); END;
