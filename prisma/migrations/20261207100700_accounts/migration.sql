-- Issue 16 (accounts): a user whose password was generated (the first admin) is asked to choose
-- their own; a phone's registration keeps the address its REGISTER came from.
ALTER TABLE "user" ADD COLUMN "mustChangePassword" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "SipRegistration" ADD COLUMN "source" TEXT;
