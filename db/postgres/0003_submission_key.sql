-- 0003: a case remembers the form entry it came from, so a resent Apply finds it instead of making another.
ALTER TABLE applications ADD COLUMN submission_key uuid;
CREATE UNIQUE INDEX ix_applications_submission_key ON applications (submission_key);
