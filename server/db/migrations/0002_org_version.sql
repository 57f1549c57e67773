CREATE TABLE `org_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `org_version` (`id`, `version`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `org_version_zones_insert` AFTER INSERT ON `zones` BEGIN UPDATE `org_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `org_version_zones_update` AFTER UPDATE ON `zones` WHEN (OLD.`id`, OLD.`number`, OLD.`name`, OLD.`chief_person_id`, OLD.`lead_unit_id`) IS NOT (NEW.`id`, NEW.`number`, NEW.`name`, NEW.`chief_person_id`, NEW.`lead_unit_id`) BEGIN UPDATE `org_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `org_version_zones_delete` AFTER DELETE ON `zones` BEGIN UPDATE `org_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `org_version_units_insert` AFTER INSERT ON `units` BEGIN UPDATE `org_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `org_version_units_update` AFTER UPDATE ON `units` WHEN (OLD.`id`, OLD.`name`, OLD.`zone_id`) IS NOT (NEW.`id`, NEW.`name`, NEW.`zone_id`) BEGIN UPDATE `org_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `org_version_units_delete` AFTER DELETE ON `units` BEGIN UPDATE `org_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `org_version_grid_cells_insert` AFTER INSERT ON `grid_cells` BEGIN UPDATE `org_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `org_version_grid_cells_update` AFTER UPDATE ON `grid_cells` WHEN (OLD.`id`, OLD.`unit_id`, OLD.`zone_id`, OLD.`name`, OLD.`person_name`) IS NOT (NEW.`id`, NEW.`unit_id`, NEW.`zone_id`, NEW.`name`, NEW.`person_name`) BEGIN UPDATE `org_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `org_version_grid_cells_delete` AFTER DELETE ON `grid_cells` BEGIN UPDATE `org_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `org_version_duties_insert` AFTER INSERT ON `duties` BEGIN UPDATE `org_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `org_version_duties_update` AFTER UPDATE ON `duties` WHEN (OLD.`id`, OLD.`category`, OLD.`title`, OLD.`description`, OLD.`cadence`, OLD.`due_time`, OLD.`due_weekday`, OLD.`working_days_only`, OLD.`sort_order`) IS NOT (NEW.`id`, NEW.`category`, NEW.`title`, NEW.`description`, NEW.`cadence`, NEW.`due_time`, NEW.`due_weekday`, NEW.`working_days_only`, NEW.`sort_order`) BEGIN UPDATE `org_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `org_version_duties_delete` AFTER DELETE ON `duties` BEGIN UPDATE `org_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `org_version_duty_units_insert` AFTER INSERT ON `duty_units` BEGIN UPDATE `org_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `org_version_duty_units_update` AFTER UPDATE ON `duty_units` WHEN (OLD.`duty_id`, OLD.`unit_id`) IS NOT (NEW.`duty_id`, NEW.`unit_id`) BEGIN UPDATE `org_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `org_version_duty_units_delete` AFTER DELETE ON `duty_units` BEGIN UPDATE `org_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
