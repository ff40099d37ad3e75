-- 0007 (issue 11): each e-mail's delivery state (queued, sending, sent, deferred, bounced, failed), the server's
-- last reply, the case it was caused by, resends to a corrected address, and the history of every attempt.
ALTER TABLE "email_outbox" ADD COLUMN "state" TEXT NOT NULL DEFAULT 'Queued';
ALTER TABLE "email_outbox" ADD COLUMN "last_reply" TEXT NULL;
ALTER TABLE "email_outbox" ADD COLUMN "bounced_at" TEXT NULL;
ALTER TABLE "email_outbox" ADD COLUMN "application_id" INTEGER NULL;
ALTER TABLE "email_outbox" ADD COLUMN "resend_of" INTEGER NULL;
ALTER TABLE "email_outbox" ADD COLUMN "resent_as" INTEGER NULL;

-- Sent rows are Sent, given-up rows Failed, everything else waits as before.
UPDATE "email_outbox" SET "state" = CASE
    WHEN "sent_at" IS NOT NULL THEN 'Sent'
    WHEN "failed_at" IS NOT NULL THEN 'Failed'
    ELSE 'Queued' END;

-- Older e-mails name their case only in the deduplication key: "<template>:<case id>:<version>" for staff
-- decisions, "received:<reference number>" / "receipt-number:<reference number>" for submissions.
UPDATE "email_outbox" SET "application_id" = (
    SELECT a."id" FROM "applications" a
    WHERE a."id" = CAST(substr("email_outbox"."deduplication_key", length("email_outbox"."template") + 2,
        instr(substr("email_outbox"."deduplication_key", length("email_outbox"."template") + 2), ':') - 1) AS INTEGER))
WHERE "template" IN ('case-received', 'case-returned', 'case-approved', 'case-denied', 'case-completed', 'notification-registered', 'notification-error')
  AND "deduplication_key" LIKE "template" || ':%:%';
UPDATE "email_outbox" SET "application_id" = (
    SELECT a."id" FROM "applications" a
    WHERE a."reference_number" = substr("email_outbox"."deduplication_key", instr("email_outbox"."deduplication_key", ':') + 1))
WHERE "template" IN ('application-received', 'notification-receipt-number') AND "deduplication_key" LIKE '%:%';

DROP INDEX "ix_email_outbox_sent_at_next_attempt_at";
CREATE INDEX "ix_email_outbox_state_next_attempt_at" ON "email_outbox" ("state", "next_attempt_at");
CREATE INDEX "ix_email_outbox_application_id" ON "email_outbox" ("application_id");
CREATE UNIQUE INDEX "ix_email_outbox_resend_of" ON "email_outbox" ("resend_of");

CREATE TABLE "email_attempts" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_email_attempts" PRIMARY KEY AUTOINCREMENT,
    "email_id" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "started_at" TEXT NOT NULL,
    "finished_at" TEXT NULL,
    "outcome" TEXT NULL,
    "reply" TEXT NULL,
    "instance" TEXT NULL,
    CONSTRAINT "fk_email_attempts_email_outbox_email_id" FOREIGN KEY ("email_id") REFERENCES "email_outbox" ("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "ix_email_attempts_email_id_number" ON "email_attempts" ("email_id", "number");
