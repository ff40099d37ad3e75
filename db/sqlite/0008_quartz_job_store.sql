-- On SQLite the apps keep Quartz's jobs in memory (the RAM store: one machine, see src/Rasens.Data/Jobs/README.md),
-- so there is nothing to create. The script exists so that both engines' schema histories read alike; PostgreSQL's
-- 0008 creates the clustered job store's tables.
SELECT 1;
