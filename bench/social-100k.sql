-- Social data set for measuring the feed and partner matching: 100,000 users, ~1,000,000 follows,
-- 300,000 activity posts, 1,000 groups with 50,000 memberships, 200 providers, 20,000 classes
-- and 200,000 bookings. Deterministic (setseed); popular users, authors and groups are drawn
-- with a power-law skew (random()^k), as in a real social app.
-- Run against a database the service has migrated:
--   psql "$DB" -v hash="'<bcrypt hash of the benchmark password>'" -f bench/social-100k.sql
\set ON_ERROR_STOP on
\timing on
SELECT setseed(0.42);

INSERT INTO users (email, password_hash, display_name, fitness_level, interests, city, latitude, longitude, created_at)
SELECT 'bench' || n || '@bench.fitsocial.app', :hash, 'Bench User ' || n,
       (ARRAY['BEGINNER', 'INTERMEDIATE', 'ADVANCED'])[1 + n % 3],
       ARRAY[(ARRAY['running','yoga','hiit','spinning','strength','boxing','pilates','swimming','dance','climbing','rowing','crossfit'])[1 + n % 12],
             (ARRAY['running','yoga','hiit','spinning','strength','boxing','pilates','swimming','dance','climbing','rowing','crossfit'])[1 + (n / 12) % 12]],
       c.name, c.lat + (random() - 0.5) * 0.3, c.lon + (random() - 0.5) * 0.4,
       now() - make_interval(days => n % 700)
FROM generate_series(1, 100000) AS n
JOIN (VALUES (0, 'Berlin', 52.52, 13.405), (1, 'Hamburg', 53.55, 9.99), (2, 'Munich', 48.14, 11.58),
             (3, 'Cologne', 50.94, 6.96), (4, 'Frankfurt', 50.11, 8.68), (5, 'Vienna', 48.21, 16.37),
             (6, 'Zurich', 47.37, 8.54), (7, 'Amsterdam', 52.37, 4.90), (8, 'Copenhagen', 55.68, 12.57),
             (9, 'Prague', 50.08, 14.44)) AS c(i, name, lat, lon) ON c.i = n % 10;

CREATE TEMP TABLE bench_users AS
SELECT id, row_number() OVER (ORDER BY id) AS n FROM users WHERE email LIKE '%@bench.fitsocial.app';
CREATE UNIQUE INDEX ON bench_users (n);

-- ten follows per user; followees skewed towards the first users (a few have many followers)
INSERT INTO follows (follower_id, following_id)
SELECT f.id, t.id
FROM (SELECT fn, 1 + floor(power(random(), 3) * 100000)::int AS tn
      FROM generate_series(1, 100000) AS fn, generate_series(1, 10) AS k) AS pick
JOIN bench_users f ON f.n = pick.fn
JOIN bench_users t ON t.n = pick.tn
WHERE t.id <> f.id
ON CONFLICT DO NOTHING;

UPDATE users u SET followers_count = c.n FROM (SELECT following_id, count(*) n FROM follows GROUP BY 1) c
WHERE u.id = c.following_id;
UPDATE users u SET following_count = c.n FROM (SELECT follower_id, count(*) n FROM follows GROUP BY 1) c
WHERE u.id = c.follower_id;

INSERT INTO groups (name, description, owner_id)
SELECT 'Bench Group ' || g, 'A benchmark group', (SELECT id FROM bench_users WHERE n = g)
FROM generate_series(1, 1000) AS g;

INSERT INTO group_members (group_id, user_id)
SELECT gr.id, u.id
FROM (SELECT 1 + floor(power(random(), 2) * 1000)::int AS g, 1 + floor(random() * 100000)::int AS un
      FROM generate_series(1, 50000)) AS pick
JOIN (SELECT id, row_number() OVER (ORDER BY id) AS g FROM groups WHERE name LIKE 'Bench Group %') gr ON gr.g = pick.g
JOIN bench_users u ON u.n = pick.un
ON CONFLICT DO NOTHING;
UPDATE groups g SET members_count = c.n FROM (SELECT group_id, count(*) n FROM group_members GROUP BY 1) c
WHERE g.id = c.group_id;

-- 300,000 posts over the last 60 days, authors skewed (active posters); one in ten in a group
INSERT INTO activities (author_id, type, text, group_id, duration_minutes, created_at)
SELECT u.id, (ARRAY['WORKOUT','CLASS_ATTENDED','ACHIEVEMENT','POST'])[1 + pick.a % 4], 'Bench activity ' || pick.a,
       CASE WHEN pick.a % 10 = 0 THEN (SELECT min(id) FROM groups) + (pick.a / 10) % 1000 END,
       20 + pick.a % 60, now() - make_interval(secs => (300000 - pick.a) * 17)
FROM (SELECT a, 1 + floor(power(random(), 2) * 100000)::int AS un FROM generate_series(1, 300000) AS a) AS pick
JOIN bench_users u ON u.n = pick.un
ORDER BY pick.a;

INSERT INTO providers (name, city)
SELECT 'Bench Studio ' || p, (ARRAY['Berlin','Hamburg','Munich','Cologne','Frankfurt','Vienna','Zurich','Amsterdam','Copenhagen','Prague'])[1 + p % 10]
FROM generate_series(1, 200) AS p;

INSERT INTO fitness_classes (provider_id, title, type, datetime, duration_minutes, capacity, booked_count, city)
SELECT p.id, 'Bench Class ' || c, (ARRAY['YOGA','HIIT','SPINNING','STRENGTH','BOXING','PILATES'])[1 + c % 6],
       date_trunc('hour', now()) + make_interval(hours => (c % 1440) - 720), 60, 30, 0, p.city
FROM generate_series(1, 20000) AS c
JOIN (SELECT id, city, row_number() OVER (ORDER BY id) AS k FROM providers WHERE name LIKE 'Bench Studio %') p
  ON p.k = 1 + c % 200;

INSERT INTO bookings (user_id, class_id, class_datetime)
SELECT u.id, fc.id, fc.datetime
FROM (SELECT 1 + floor(random() * 100000)::int AS un, 1 + floor(power(random(), 2) * 20000)::int AS cn
      FROM generate_series(1, 200000)) AS pick
JOIN bench_users u ON u.n = pick.un
JOIN (SELECT id, datetime, row_number() OVER (ORDER BY id) AS k FROM fitness_classes WHERE title LIKE 'Bench Class %') fc
  ON fc.k = pick.cn
ON CONFLICT DO NOTHING;
-- keep spotsLeft truthful (bookings beyond capacity are trimmed by the CHECK, so cap the count)
DELETE FROM bookings b USING (
    SELECT id, row_number() OVER (PARTITION BY class_id ORDER BY id) AS r FROM bookings) x
WHERE b.id = x.id AND x.r > 30;
UPDATE fitness_classes c SET booked_count = x.n FROM (SELECT class_id, count(*) n FROM bookings GROUP BY 1) x
WHERE c.id = x.class_id;

ANALYZE;
SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM follows) AS follows,
       (SELECT count(*) FROM activities) AS activities, (SELECT count(*) FROM group_members) AS memberships,
       (SELECT count(*) FROM bookings) AS bookings;
