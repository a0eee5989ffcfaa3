-- Subjects whose reviews changed since their aggregate was last computed. Review writes add a
-- row (in their own transaction); the rating aggregation job takes them all and recomputes
-- exactly those aggregates, so untouched ones keep their computed_at.
CREATE TABLE rating_changes (
    subject_type  varchar(10)  NOT NULL,
    subject_id    bigint       NOT NULL,
    changed_at    timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (subject_type, subject_id),
    CONSTRAINT ck_rating_changes_subject CHECK (subject_type IN ('CLASS', 'PROVIDER'))
);
