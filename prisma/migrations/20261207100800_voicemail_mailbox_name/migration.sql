-- Issue 16: a voicemail keeps the name of its mailbox (group or agent), so a message left for a
-- group or agent deleted since (a call still running an older flow version) is kept under the
-- organisation with that name instead of being refused by the foreign key.
ALTER TABLE "Voicemail" ADD COLUMN "mailboxName" TEXT;

UPDATE "Voicemail" v SET "mailboxName" = g."name" FROM "QueueGroup" g WHERE v."groupId" = g."id";
UPDATE "Voicemail" v SET "mailboxName" = a."name" FROM "Agent" a WHERE v."agentId" = a."id";
