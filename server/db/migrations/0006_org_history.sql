CREATE TABLE `org_history` (
	`kind` text NOT NULL,
	`entity_id` text NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text,
	`data` text NOT NULL,
	PRIMARY KEY(`kind`, `entity_id`, `valid_from`)
);
--> statement-breakpoint
ALTER TABLE `duty_checks` ADD `history` text;--> statement-breakpoint
CREATE TRIGGER `org_version_org_history_insert` AFTER INSERT ON `org_history` BEGIN UPDATE `org_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `org_version_org_history_update` AFTER UPDATE ON `org_history` BEGIN UPDATE `org_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `org_version_org_history_delete` AFTER DELETE ON `org_history` BEGIN UPDATE `org_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
