-- 0002: applicants keep sex and date of birth from the card's basic 4 information; a card reading is
-- completed only by the holder of its reader key and records the request for use it was used for.

ALTER TABLE "applicant_users" ADD COLUMN "sex" TEXT NULL;
ALTER TABLE "applicant_users" ADD COLUMN "date_of_birth" TEXT NULL;

-- SQLite cannot add a NOT NULL column without a default: rebuild the table (it holds only unfinished readings).
CREATE TABLE "identity_verifications_new" (
    "id" TEXT NOT NULL CONSTRAINT "pk_identity_verifications" PRIMARY KEY,
    "applicant_id" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "adapter" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "expires_at" TEXT NOT NULL,
    "completed_at" TEXT NULL,
    "reader_key_hash" TEXT NOT NULL,
    "application_id" INTEGER NULL,
    "name" TEXT NULL,
    "address" TEXT NULL,
    "date_of_birth" TEXT NULL,
    "sex" TEXT NULL,
    CONSTRAINT "fk_identity_verifications_applicant_users_applicant_id" FOREIGN KEY ("applicant_id") REFERENCES "applicant_users" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_identity_verifications_applications_application_id" FOREIGN KEY ("application_id") REFERENCES "applications" ("id") ON DELETE RESTRICT
);

INSERT INTO "identity_verifications_new" ("id", "applicant_id", "purpose", "state", "adapter", "created_at", "expires_at", "completed_at", "reader_key_hash", "name", "address", "date_of_birth", "sex")
SELECT "id", "applicant_id", "purpose", 'Expired', "adapter", "created_at", "expires_at", "completed_at", '', "name", "address", "date_of_birth", "sex"
FROM "identity_verifications";

DROP TABLE "identity_verifications";
ALTER TABLE "identity_verifications_new" RENAME TO "identity_verifications";

CREATE INDEX "ix_identity_verifications_applicant_id_created_at" ON "identity_verifications" ("applicant_id", "created_at");
CREATE INDEX "ix_identity_verifications_application_id" ON "identity_verifications" ("application_id");
