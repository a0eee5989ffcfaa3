-- Every row a version-tagged or cached representation is read from carries a version, raised by
-- each write that changes what the representation shows (counters and read copies included).
-- The writer states the new version to the shared version store after commit; HTTP validators
-- and cache entries are "the representation at version N" (docs/caching.md).
ALTER TABLE providers ADD COLUMN version bigint NOT NULL DEFAULT 0;
ALTER TABLE groups ADD COLUMN version bigint NOT NULL DEFAULT 0;
ALTER TABLE activities ADD COLUMN version bigint NOT NULL DEFAULT 0;
ALTER TABLE rating_aggregates ADD COLUMN version bigint NOT NULL DEFAULT 0;
