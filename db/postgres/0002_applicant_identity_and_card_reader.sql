-- 0002: applicants keep sex and date of birth from the card's basic 4 information; a card reading is
-- completed only by the holder of its reader key and records the request for use it was used for.

ALTER TABLE applicant_users ADD COLUMN sex character varying(8);
ALTER TABLE applicant_users ADD COLUMN date_of_birth date;

-- Readings made before this version have no key and can never be completed: mark them expired.
ALTER TABLE identity_verifications ADD COLUMN reader_key_hash character varying(64) NOT NULL DEFAULT '';
ALTER TABLE identity_verifications ALTER COLUMN reader_key_hash DROP DEFAULT;
UPDATE identity_verifications SET state = 'Expired' WHERE reader_key_hash = '';
ALTER TABLE identity_verifications ADD COLUMN application_id bigint;
ALTER TABLE identity_verifications ADD CONSTRAINT fk_identity_verifications_applications_application_id
    FOREIGN KEY (application_id) REFERENCES applications (id) ON DELETE RESTRICT;
CREATE INDEX ix_identity_verifications_application_id ON identity_verifications (application_id);
