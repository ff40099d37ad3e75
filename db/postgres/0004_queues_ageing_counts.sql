-- 0004 (issue 5): the examiner's stage of each case, its working-day deadline, the indexes the queues read,
-- and the case counts the queue tabs sum (kept by every save, never recounted per request).
ALTER TABLE applications ADD COLUMN stage character varying(16) NOT NULL DEFAULT 'Active';
ALTER TABLE applications ADD COLUMN due_at timestamp with time zone;
UPDATE applications SET stage = CASE
    WHEN status IN ('Completed', 'CompletedNotPermitted', 'Withdrawn') THEN 'Closed'
    WHEN status IN ('InReturnProcess', 'RegistrationError') THEN 'Waiting'
    ELSE 'Active' END;
CREATE INDEX ix_applications_stage_assignee_id_submitted_at_id ON applications (stage, assignee_id, submitted_at, id);
CREATE INDEX ix_applications_stage_due_at_id ON applications (stage, due_at, id);

CREATE TABLE case_counts (
    status character varying(32) NOT NULL,
    workflow character varying(16) NOT NULL,
    assignee_key character varying(36) NOT NULL,
    count bigint NOT NULL,
    CONSTRAINT pk_case_counts PRIMARY KEY (status, workflow, assignee_key)
);
INSERT INTO case_counts (status, workflow, assignee_key, count)
SELECT status, workflow, COALESCE(assignee_id::text, ''), COUNT(*) FROM applications
GROUP BY status, workflow, COALESCE(assignee_id::text, '');
