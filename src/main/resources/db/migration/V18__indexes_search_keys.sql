-- The name and city indexes follow the search keys (V17): prefix search in key order for users
-- and groups (the C collation lets LIKE 'abc%' and the keyset order use the index), equality for
-- cities.
DROP INDEX IF EXISTS idx_users_display_name_prefix;
DROP INDEX IF EXISTS idx_groups_name_prefix;
DROP INDEX IF EXISTS idx_fitness_classes_city_datetime;
DROP INDEX IF EXISTS idx_users_city;

CREATE INDEX idx_users_name_key ON users ((search_key(display_name) COLLATE "C"), id);
CREATE INDEX idx_groups_name_key ON groups ((search_key(name) COLLATE "C"), id);
CREATE INDEX idx_fitness_classes_city_key_datetime ON fitness_classes ((search_key(city)), datetime, id);
CREATE INDEX idx_users_city_key ON users ((search_key(city)), id);
