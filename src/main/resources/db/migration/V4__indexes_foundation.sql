-- Performance indexes of identity, classes and reviews. Every index here is named idx_* and
-- can be dropped for a baseline benchmark without breaking correctness; uniqueness constraints
-- (users.email, bookings(user_id, class_id), reviews(user_id, class_id)) stay with their tables.

-- users(email) unique is uq_users_email (V1).
CREATE INDEX idx_users_created_at ON users (created_at);
-- display-name prefix search, ordered by name then id: C collation makes LIKE 'x%' and the order index-friendly
CREATE INDEX idx_users_display_name_prefix ON users ((lower(display_name) COLLATE "C"), id);

CREATE INDEX idx_refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX idx_refresh_tokens_user ON refresh_tokens (user_id);

-- class listings: time range scans ordered by (datetime, id)
CREATE INDEX idx_fitness_classes_datetime ON fitness_classes (datetime, id);
-- one provider's classes, also in time order
CREATE INDEX idx_fitness_classes_provider_datetime ON fitness_classes (provider_id, datetime, id);
CREATE INDEX idx_fitness_classes_city_datetime ON fitness_classes ((lower(city)), datetime, id);

CREATE INDEX idx_providers_owner ON providers (owner_id);

-- "my bookings" ordered by class time
CREATE INDEX idx_bookings_user_class_datetime ON bookings (user_id, class_datetime, id);
CREATE INDEX idx_bookings_class ON bookings (class_id);

-- review listings, newest first
CREATE INDEX idx_reviews_class_created ON reviews (class_id, created_at DESC, id DESC);
CREATE INDEX idx_reviews_provider_created ON reviews (provider_id, created_at DESC, id DESC);
