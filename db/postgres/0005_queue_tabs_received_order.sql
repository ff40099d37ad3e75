-- 0005 (issue 5, performance): the All and Overdue tabs list cases in received order too. Without an index that
-- holds that order they sorted every case (All) or every overdue case (Overdue) per page: about half a second at
-- a million cases on either engine (./bench.sh). With these, a page reads 21 entries in order and stops.
CREATE INDEX ix_applications_submitted_at_id ON applications (submitted_at, id);
CREATE INDEX ix_applications_stage_submitted_at_id ON applications (stage, submitted_at, id);
