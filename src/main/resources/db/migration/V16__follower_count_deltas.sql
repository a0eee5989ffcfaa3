-- Follows of a user with many followers are counted here, one row each, instead of on the user's
-- row: an UPDATE of that one hot row would make every concurrent follower of theirs wait for the
-- previous one's commit. The followers-count folding job adds them to users.followers_count every
-- few seconds and deletes them (docs/feed.md, "Counters on hot rows").
CREATE TABLE follower_count_deltas (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    delta smallint NOT NULL CHECK (delta IN (-1, 1))
);
