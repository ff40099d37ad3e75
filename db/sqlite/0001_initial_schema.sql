-- 0001: the whole model as of the foundation (DOMAIN §1-10). Generated from RasensDbContext once, then
-- forward-only: later changes are new numbered scripts. SchemaDriftTests prove scripts and model agree.

CREATE TABLE "applicant_users" (
    "id" TEXT NOT NULL CONSTRAINT "pk_applicant_users" PRIMARY KEY,
    "user_type" TEXT NOT NULL,
    "name_english" TEXT NOT NULL,
    "postal_code" TEXT NULL,
    "address" TEXT NULL,
    "organization_name" TEXT NULL,
    "preferred_culture" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "last_sign_in_at" TEXT NULL,
    "user_name" TEXT NULL,
    "normalized_user_name" TEXT NULL,
    "email" TEXT NULL,
    "normalized_email" TEXT NULL,
    "email_confirmed" INTEGER NOT NULL,
    "password_hash" TEXT NULL,
    "security_stamp" TEXT NULL,
    "concurrency_stamp" TEXT NULL,
    "phone_number" TEXT NULL,
    "phone_number_confirmed" INTEGER NOT NULL,
    "two_factor_enabled" INTEGER NOT NULL,
    "lockout_end" TEXT NULL,
    "lockout_enabled" INTEGER NOT NULL,
    "access_failed_count" INTEGER NOT NULL
);

CREATE TABLE "audit_journal" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_audit_journal" PRIMARY KEY AUTOINCREMENT,
    "at" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "actor_id" TEXT NULL,
    "actor_name" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "entity_type" TEXT NULL,
    "entity_id" TEXT NULL,
    "application_id" INTEGER NULL,
    "details" TEXT NULL,
    "remote_address" TEXT NULL
);

CREATE TABLE "email_outbox" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_email_outbox" PRIMARY KEY AUTOINCREMENT,
    "created_at" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "deduplication_key" TEXT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "culture" TEXT NOT NULL,
    "attachment_stored_name" TEXT NULL,
    "attachment_file_name" TEXT NULL,
    "attempts" INTEGER NOT NULL,
    "next_attempt_at" TEXT NOT NULL,
    "leased_until" TEXT NULL,
    "leased_by" TEXT NULL,
    "sent_at" TEXT NULL,
    "last_error" TEXT NULL,
    "failed_at" TEXT NULL
);

CREATE TABLE "event_cursors" (
    "consumer" TEXT NOT NULL CONSTRAINT "pk_event_cursors" PRIMARY KEY,
    "last_event_id" INTEGER NOT NULL,
    "updated_at" TEXT NOT NULL
);

CREATE TABLE "general_notices" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_general_notices" PRIMARY KEY AUTOINCREMENT,
    "title_ja" TEXT NOT NULL,
    "title_en" TEXT NOT NULL,
    "body_ja" TEXT NOT NULL,
    "body_en" TEXT NOT NULL,
    "important" INTEGER NOT NULL,
    "published_at" TEXT NOT NULL,
    "expires_at" TEXT NULL,
    "author_id" TEXT NULL
);

CREATE TABLE "notification_contents" (
    "code" TEXT NOT NULL CONSTRAINT "pk_notification_contents" PRIMARY KEY,
    "classification" TEXT NOT NULL,
    "name_ja" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL
);

CREATE TABLE "number_sequences" (
    "scope" TEXT NOT NULL CONSTRAINT "pk_number_sequences" PRIMARY KEY,
    "last_value" INTEGER NOT NULL
);

CREATE TABLE "offices" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_offices" PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name_ja" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "number_prefix" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL
);

CREATE TABLE "procedures" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_procedures" PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "workflow" TEXT NULL,
    "requires_usage_request" TEXT NULL,
    "number_category" TEXT NOT NULL,
    "reception_starts_at" TEXT NOT NULL,
    "reception_ends_at" TEXT NULL,
    "can_be_favourite" INTEGER NOT NULL,
    "deadline_working_days" INTEGER NOT NULL,
    "form_version" INTEGER NOT NULL,
    "sort_order" INTEGER NOT NULL
);

CREATE TABLE "search_synonyms" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_search_synonyms" PRIMARY KEY AUTOINCREMENT,
    "term" TEXT NOT NULL,
    "synonym" TEXT NOT NULL
);

CREATE TABLE "statuses_of_residence" (
    "code" TEXT NOT NULL CONSTRAINT "pk_statuses_of_residence" PRIMARY KEY,
    "name_ja" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "notification_classification" TEXT NULL,
    "notification_condition" TEXT NULL,
    "sort_order" INTEGER NOT NULL
);

CREATE TABLE "applicant_user_claim" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_applicant_user_claim" PRIMARY KEY AUTOINCREMENT,
    "user_id" TEXT NOT NULL,
    "claim_type" TEXT NULL,
    "claim_value" TEXT NULL,
    CONSTRAINT "fk_applicant_user_claim_applicant_users_user_id" FOREIGN KEY ("user_id") REFERENCES "applicant_users" ("id") ON DELETE CASCADE
);

CREATE TABLE "applicant_user_login" (
    "login_provider" TEXT NOT NULL,
    "provider_key" TEXT NOT NULL,
    "provider_display_name" TEXT NULL,
    "user_id" TEXT NOT NULL,
    CONSTRAINT "pk_applicant_user_login" PRIMARY KEY ("login_provider", "provider_key"),
    CONSTRAINT "fk_applicant_user_login_applicant_users_user_id" FOREIGN KEY ("user_id") REFERENCES "applicant_users" ("id") ON DELETE CASCADE
);

CREATE TABLE "applicant_user_token" (
    "user_id" TEXT NOT NULL,
    "login_provider" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "value" TEXT NULL,
    CONSTRAINT "pk_applicant_user_token" PRIMARY KEY ("user_id", "login_provider", "name"),
    CONSTRAINT "fk_applicant_user_token_applicant_users_user_id" FOREIGN KEY ("user_id") REFERENCES "applicant_users" ("id") ON DELETE CASCADE
);

CREATE TABLE "email_links" (
    "id" TEXT NOT NULL CONSTRAINT "pk_email_links" PRIMARY KEY,
    "purpose" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "applicant_id" TEXT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "expires_at" TEXT NOT NULL,
    "used_at" TEXT NULL,
    CONSTRAINT "fk_email_links_applicant_users_applicant_id" FOREIGN KEY ("applicant_id") REFERENCES "applicant_users" ("id") ON DELETE CASCADE
);

CREATE TABLE "identity_verifications" (
    "id" TEXT NOT NULL CONSTRAINT "pk_identity_verifications" PRIMARY KEY,
    "applicant_id" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "adapter" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "expires_at" TEXT NOT NULL,
    "completed_at" TEXT NULL,
    "name" TEXT NULL,
    "address" TEXT NULL,
    "date_of_birth" TEXT NULL,
    "sex" TEXT NULL,
    CONSTRAINT "fk_identity_verifications_applicant_users_applicant_id" FOREIGN KEY ("applicant_id") REFERENCES "applicant_users" ("id") ON DELETE CASCADE
);

CREATE TABLE "staff_users" (
    "id" TEXT NOT NULL CONSTRAINT "pk_staff_users" PRIMARY KEY,
    "display_name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "office_id" INTEGER NOT NULL,
    "is_active" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    "last_sign_in_at" TEXT NULL,
    "user_name" TEXT NULL,
    "normalized_user_name" TEXT NULL,
    "email" TEXT NULL,
    "normalized_email" TEXT NULL,
    "email_confirmed" INTEGER NOT NULL,
    "password_hash" TEXT NULL,
    "security_stamp" TEXT NULL,
    "concurrency_stamp" TEXT NULL,
    "phone_number" TEXT NULL,
    "phone_number_confirmed" INTEGER NOT NULL,
    "two_factor_enabled" INTEGER NOT NULL,
    "lockout_end" TEXT NULL,
    "lockout_enabled" INTEGER NOT NULL,
    "access_failed_count" INTEGER NOT NULL,
    CONSTRAINT "fk_staff_users_offices_office_id" FOREIGN KEY ("office_id") REFERENCES "offices" ("id") ON DELETE RESTRICT
);

CREATE TABLE "favourites" (
    "applicant_id" TEXT NOT NULL,
    "procedure_id" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "pk_favourites" PRIMARY KEY ("applicant_id", "procedure_id"),
    CONSTRAINT "fk_favourites_applicant_users_applicant_id" FOREIGN KEY ("applicant_id") REFERENCES "applicant_users" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_favourites_procedures_procedure_id" FOREIGN KEY ("procedure_id") REFERENCES "procedures" ("id") ON DELETE CASCADE
);

CREATE TABLE "procedure_texts" (
    "procedure_id" INTEGER NOT NULL,
    "culture" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "explanation" TEXT NOT NULL,
    "terms_of_use" TEXT NOT NULL,
    "contact_information" TEXT NOT NULL,
    CONSTRAINT "pk_procedure_texts" PRIMARY KEY ("procedure_id", "culture"),
    CONSTRAINT "fk_procedure_texts_procedures_procedure_id" FOREIGN KEY ("procedure_id") REFERENCES "procedures" ("id") ON DELETE CASCADE
);

CREATE TABLE "applications" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_applications" PRIMARY KEY AUTOINCREMENT,
    "reference_number" TEXT NOT NULL,
    "temporary_reception_number" TEXT NULL,
    "reception_number" TEXT NULL,
    "notification_receipt_number" TEXT NULL,
    "procedure_id" INTEGER NOT NULL,
    "workflow" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "applicant_id" TEXT NOT NULL,
    "office_id" INTEGER NOT NULL,
    "applicant_name" TEXT NOT NULL,
    "residence_card_number" TEXT NULL,
    "nationality" TEXT NULL,
    "date_of_birth" TEXT NULL,
    "status_of_residence_code" TEXT NULL,
    "simultaneous" INTEGER NOT NULL,
    "submitted_at" TEXT NOT NULL,
    "received_at" TEXT NULL,
    "decided_at" TEXT NULL,
    "completed_at" TEXT NULL,
    "status_changed_at" TEXT NOT NULL,
    "paused_duration" INTEGER NOT NULL,
    "assignee_id" TEXT NULL,
    "assignee_name" TEXT NULL,
    "assigned_at" TEXT NULL,
    "form_version" INTEGER NOT NULL,
    "payload" TEXT NOT NULL,
    "correction_round" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_applications_applicant_users_applicant_id" FOREIGN KEY ("applicant_id") REFERENCES "applicant_users" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_applications_offices_office_id" FOREIGN KEY ("office_id") REFERENCES "offices" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_applications_procedures_procedure_id" FOREIGN KEY ("procedure_id") REFERENCES "procedures" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_applications_staff_users_assignee_id" FOREIGN KEY ("assignee_id") REFERENCES "staff_users" ("id") ON DELETE RESTRICT
);

CREATE TABLE "certificates_of_eligibility" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_certificates_of_eligibility" PRIMARY KEY AUTOINCREMENT,
    "coe_number" TEXT NOT NULL,
    "applicant_id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "applicant_name" TEXT NOT NULL,
    "nationality" TEXT NULL,
    "date_of_birth" TEXT NULL,
    "status_of_residence_code" TEXT NOT NULL,
    "office_id" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "issued_at" TEXT NOT NULL,
    "expires_on" TEXT NOT NULL,
    "sent_at" TEXT NULL,
    "verification_code" TEXT NOT NULL,
    "issued_by_id" TEXT NOT NULL,
    "pdf_stored_name" TEXT NULL,
    "receipt_registered_at" TEXT NULL,
    "revoked_at" TEXT NULL,
    "revocation_reason" TEXT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_certificates_of_eligibility_applicant_users_applicant_id" FOREIGN KEY ("applicant_id") REFERENCES "applicant_users" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_certificates_of_eligibility_offices_office_id" FOREIGN KEY ("office_id") REFERENCES "offices" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_certificates_of_eligibility_staff_users_issued_by_id" FOREIGN KEY ("issued_by_id") REFERENCES "staff_users" ("id") ON DELETE RESTRICT
);

CREATE TABLE "staff_user_claim" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_staff_user_claim" PRIMARY KEY AUTOINCREMENT,
    "user_id" TEXT NOT NULL,
    "claim_type" TEXT NULL,
    "claim_value" TEXT NULL,
    CONSTRAINT "fk_staff_user_claim_staff_users_user_id" FOREIGN KEY ("user_id") REFERENCES "staff_users" ("id") ON DELETE CASCADE
);

CREATE TABLE "staff_user_login" (
    "login_provider" TEXT NOT NULL,
    "provider_key" TEXT NOT NULL,
    "provider_display_name" TEXT NULL,
    "user_id" TEXT NOT NULL,
    CONSTRAINT "pk_staff_user_login" PRIMARY KEY ("login_provider", "provider_key"),
    CONSTRAINT "fk_staff_user_login_staff_users_user_id" FOREIGN KEY ("user_id") REFERENCES "staff_users" ("id") ON DELETE CASCADE
);

CREATE TABLE "staff_user_token" (
    "user_id" TEXT NOT NULL,
    "login_provider" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "value" TEXT NULL,
    CONSTRAINT "pk_staff_user_token" PRIMARY KEY ("user_id", "login_provider", "name"),
    CONSTRAINT "fk_staff_user_token_staff_users_user_id" FOREIGN KEY ("user_id") REFERENCES "staff_users" ("id") ON DELETE CASCADE
);

CREATE TABLE "attachments" (
    "id" TEXT NOT NULL CONSTRAINT "pk_attachments" PRIMARY KEY,
    "application_id" INTEGER NULL,
    "owner_applicant_id" TEXT NOT NULL,
    "draft_id" TEXT NULL,
    "kind" TEXT NOT NULL,
    "original_file_name" TEXT NOT NULL,
    "stored_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "length" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "uploaded_at" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "superseded_at" TEXT NULL,
    CONSTRAINT "fk_attachments_applicant_users_owner_applicant_id" FOREIGN KEY ("owner_applicant_id") REFERENCES "applicant_users" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_attachments_applications_application_id" FOREIGN KEY ("application_id") REFERENCES "applications" ("id") ON DELETE RESTRICT
);

CREATE TABLE "correction_requests" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_correction_requests" PRIMARY KEY AUTOINCREMENT,
    "application_id" INTEGER NOT NULL,
    "round" INTEGER NOT NULL,
    "requested_by_id" TEXT NOT NULL,
    "requested_by_name" TEXT NOT NULL,
    "requested_at" TEXT NOT NULL,
    "note" TEXT NULL,
    "resolved_at" TEXT NULL,
    CONSTRAINT "fk_correction_requests_applications_application_id" FOREIGN KEY ("application_id") REFERENCES "applications" ("id") ON DELETE CASCADE
);

CREATE TABLE "event_outbox" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_event_outbox" PRIMARY KEY AUTOINCREMENT,
    "created_at" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "application_id" INTEGER NULL,
    "applicant_id" TEXT NULL,
    "office_id" INTEGER NULL,
    "payload" TEXT NOT NULL,
    CONSTRAINT "fk_event_outbox_applications_application_id" FOREIGN KEY ("application_id") REFERENCES "applications" ("id") ON DELETE RESTRICT
);

CREATE TABLE "internal_notes" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_internal_notes" PRIMARY KEY AUTOINCREMENT,
    "application_id" INTEGER NOT NULL,
    "author_id" TEXT NOT NULL,
    "author_name" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    CONSTRAINT "fk_internal_notes_applications_application_id" FOREIGN KEY ("application_id") REFERENCES "applications" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_internal_notes_staff_users_author_id" FOREIGN KEY ("author_id") REFERENCES "staff_users" ("id") ON DELETE RESTRICT
);

CREATE TABLE "status_history" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_status_history" PRIMARY KEY AUTOINCREMENT,
    "application_id" INTEGER NOT NULL,
    "from_status" TEXT NULL,
    "to_status" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "actor_name" TEXT NOT NULL,
    "at" TEXT NOT NULL,
    "reason" TEXT NULL,
    CONSTRAINT "fk_status_history_applications_application_id" FOREIGN KEY ("application_id") REFERENCES "applications" ("id") ON DELETE CASCADE
);

CREATE TABLE "coe_reminders" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_coe_reminders" PRIMARY KEY AUTOINCREMENT,
    "certificate_id" INTEGER NOT NULL,
    "due_on" TEXT NOT NULL,
    "queued_at" TEXT NOT NULL,
    "email_id" INTEGER NULL,
    CONSTRAINT "fk_coe_reminders_certificates_of_eligibility_certificate_id" FOREIGN KEY ("certificate_id") REFERENCES "certificates_of_eligibility" ("id") ON DELETE CASCADE
);

CREATE TABLE "correction_items" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_correction_items" PRIMARY KEY AUTOINCREMENT,
    "correction_request_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    CONSTRAINT "fk_correction_items_correction_requests_correction_request_id" FOREIGN KEY ("correction_request_id") REFERENCES "correction_requests" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_applicant_user_claim_user_id" ON "applicant_user_claim" ("user_id");

CREATE INDEX "ix_applicant_user_login_user_id" ON "applicant_user_login" ("user_id");

CREATE INDEX "ix_applicant_users_normalized_email" ON "applicant_users" ("normalized_email");

CREATE UNIQUE INDEX "ix_applicant_users_normalized_user_name" ON "applicant_users" ("normalized_user_name");

CREATE INDEX "ix_applications_applicant_id_submitted_at" ON "applications" ("applicant_id", "submitted_at");

CREATE INDEX "ix_applications_applicant_name" ON "applications" ("applicant_name");

CREATE INDEX "ix_applications_assignee_id_status" ON "applications" ("assignee_id", "status");

CREATE UNIQUE INDEX "ix_applications_notification_receipt_number" ON "applications" ("notification_receipt_number");

CREATE INDEX "ix_applications_office_id_status" ON "applications" ("office_id", "status");

CREATE INDEX "ix_applications_procedure_id_status" ON "applications" ("procedure_id", "status");

CREATE UNIQUE INDEX "ix_applications_reception_number" ON "applications" ("reception_number");

CREATE UNIQUE INDEX "ix_applications_reference_number" ON "applications" ("reference_number");

CREATE INDEX "ix_applications_residence_card_number" ON "applications" ("residence_card_number");

CREATE INDEX "ix_applications_status_submitted_at_id" ON "applications" ("status", "submitted_at", "id");

CREATE UNIQUE INDEX "ix_applications_temporary_reception_number" ON "applications" ("temporary_reception_number");

CREATE INDEX "ix_attachments_application_id" ON "attachments" ("application_id");

CREATE INDEX "ix_attachments_owner_applicant_id_draft_id" ON "attachments" ("owner_applicant_id", "draft_id");

CREATE UNIQUE INDEX "ix_attachments_stored_name" ON "attachments" ("stored_name");

CREATE INDEX "ix_audit_journal_actor_id_at" ON "audit_journal" ("actor_id", "at");

CREATE INDEX "ix_audit_journal_application_id_at" ON "audit_journal" ("application_id", "at");

CREATE INDEX "ix_audit_journal_at" ON "audit_journal" ("at");

CREATE INDEX "ix_certificates_of_eligibility_applicant_id_issued_at" ON "certificates_of_eligibility" ("applicant_id", "issued_at");

CREATE UNIQUE INDEX "ix_certificates_of_eligibility_coe_number" ON "certificates_of_eligibility" ("coe_number");

CREATE INDEX "ix_certificates_of_eligibility_issued_by_id" ON "certificates_of_eligibility" ("issued_by_id");

CREATE INDEX "ix_certificates_of_eligibility_office_id" ON "certificates_of_eligibility" ("office_id");

CREATE INDEX "ix_certificates_of_eligibility_status_sent_at" ON "certificates_of_eligibility" ("status", "sent_at");

CREATE UNIQUE INDEX "ix_coe_reminders_certificate_id_due_on" ON "coe_reminders" ("certificate_id", "due_on");

CREATE INDEX "ix_correction_items_correction_request_id" ON "correction_items" ("correction_request_id");

CREATE UNIQUE INDEX "ix_correction_requests_application_id_round" ON "correction_requests" ("application_id", "round");

CREATE INDEX "ix_email_links_applicant_id" ON "email_links" ("applicant_id");

CREATE UNIQUE INDEX "ix_email_links_token_hash" ON "email_links" ("token_hash");

CREATE UNIQUE INDEX "ix_email_outbox_deduplication_key" ON "email_outbox" ("deduplication_key");

CREATE INDEX "ix_email_outbox_sent_at_next_attempt_at" ON "email_outbox" ("sent_at", "next_attempt_at");

CREATE INDEX "ix_event_outbox_applicant_id_id" ON "event_outbox" ("applicant_id", "id");

CREATE INDEX "ix_event_outbox_application_id" ON "event_outbox" ("application_id");

CREATE INDEX "ix_event_outbox_created_at" ON "event_outbox" ("created_at");

CREATE INDEX "ix_favourites_procedure_id" ON "favourites" ("procedure_id");

CREATE INDEX "ix_general_notices_published_at" ON "general_notices" ("published_at");

CREATE INDEX "ix_identity_verifications_applicant_id_created_at" ON "identity_verifications" ("applicant_id", "created_at");

CREATE INDEX "ix_internal_notes_application_id_created_at" ON "internal_notes" ("application_id", "created_at");

CREATE INDEX "ix_internal_notes_author_id" ON "internal_notes" ("author_id");

CREATE INDEX "ix_notification_contents_classification_sort_order" ON "notification_contents" ("classification", "sort_order");

CREATE UNIQUE INDEX "ix_offices_code" ON "offices" ("code");

CREATE UNIQUE INDEX "ix_procedures_code" ON "procedures" ("code");

CREATE UNIQUE INDEX "ix_procedures_kind" ON "procedures" ("kind");

CREATE UNIQUE INDEX "ix_search_synonyms_term_synonym" ON "search_synonyms" ("term", "synonym");

CREATE INDEX "ix_staff_user_claim_user_id" ON "staff_user_claim" ("user_id");

CREATE INDEX "ix_staff_user_login_user_id" ON "staff_user_login" ("user_id");

CREATE INDEX "ix_staff_users_normalized_email" ON "staff_users" ("normalized_email");

CREATE UNIQUE INDEX "ix_staff_users_normalized_user_name" ON "staff_users" ("normalized_user_name");

CREATE INDEX "ix_staff_users_office_id" ON "staff_users" ("office_id");

CREATE INDEX "ix_status_history_application_id_at" ON "status_history" ("application_id", "at");

