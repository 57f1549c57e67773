-- The ledger's hash chain (server/domain/ledgerChain.ts). Rows stored before it get their hash when the database is
-- next opened (sealLedger); the update trigger lets an empty hash be set once and nothing else be changed.
ALTER TABLE `events` ADD `hash` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE TRIGGER `events_append_only_update` BEFORE UPDATE ON `events` WHEN OLD.`hash` <> '' OR length(NEW.`hash`) <> 64 BEGIN SELECT RAISE(ABORT, '台账只能追加：已保存的事件记录不能修改'); END;
--> statement-breakpoint
CREATE TRIGGER `events_append_only_delete` BEFORE DELETE ON `events` BEGIN SELECT RAISE(ABORT, '台账只能追加：已保存的事件记录不能删除'); END;
--> statement-breakpoint
CREATE TRIGGER `events_chained_insert` BEFORE INSERT ON `events` WHEN length(NEW.`hash`) <> 64 BEGIN SELECT RAISE(ABORT, '台账事件必须带链式哈希：请经 ledgerQueries.insertEvent 写入'); END;
