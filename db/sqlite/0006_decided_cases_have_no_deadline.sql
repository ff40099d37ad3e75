-- 0006 (issue 5): the working-day deadline runs until the decision. An approved case waiting for hand-over
-- (Awaiting Issuance) is no longer overdue work; cases saved from now on get no deadline once decided, and
-- this clears the ones stored before.
UPDATE "applications" SET "due_at" = NULL WHERE "decided_at" IS NOT NULL;
