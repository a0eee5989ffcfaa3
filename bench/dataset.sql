-- The reference data sets of the benchmark (S, M, L), generated in PostgreSQL. Deterministic for
-- a seed; popular users, classes, authors and groups are drawn with a power-law skew
-- (random()^k, Zipf-like), as in a real social app. Counters (followers, bookings, members,
-- unread messages) and rating aggregates are written consistent with the rows. Precomputed
-- feed timelines are left cold (Redis is not touched): the first feed read of a user builds them.
--
-- Run against an empty database the service has migrated (bench/generate.sh does all this):
--   psql "$DB" -v hash="'<bcrypt hash>'" -v users=2000 -v providers=50 -v classes=2000 \
--        -v bookings=20000 -v follows=20000 -v posts=10000 -v groups=100 -v memberships=5000 \
--        -v conversations=2000 -v messages=20000 -v reviews=3000 -v seed=0.42 -f bench/dataset.sql
\set ON_ERROR_STOP on
\timing on
SELECT setseed(:seed);

\echo '[1/9] users'
INSERT INTO users (email, password_hash, display_name, fitness_level, interests, city, latitude, longitude, created_at)
SELECT 'bench' || n || '@bench.fitsocial.app', :hash, 'Bench User ' || n,
       (ARRAY['BEGINNER', 'INTERMEDIATE', 'ADVANCED'])[1 + n % 3],
       ARRAY[(ARRAY['running','yoga','hiit','spinning','strength','boxing','pilates','swimming','dance','climbing','rowing','crossfit'])[1 + n % 12],
             (ARRAY['running','yoga','hiit','spinning','strength','boxing','pilates','swimming','dance','climbing','rowing','crossfit'])[1 + (n / 12) % 12]],
       c.name, c.lat + (random() - 0.5) * 0.3, c.lon + (random() - 0.5) * 0.4,
       now() - make_interval(days => n % 700)
FROM generate_series(1, :users) AS n
JOIN (VALUES (0, 'Berlin', 52.52, 13.405), (1, 'Hamburg', 53.55, 9.99), (2, 'Munich', 48.14, 11.58),
             (3, 'Cologne', 50.94, 6.96), (4, 'Frankfurt', 50.11, 8.68), (5, 'Vienna', 48.21, 16.37),
             (6, 'Zurich', 47.37, 8.54), (7, 'Amsterdam', 52.37, 4.90), (8, 'Copenhagen', 55.68, 12.57),
             (9, 'Prague', 50.08, 14.44)) AS c(i, name, lat, lon) ON c.i = n % 10;

CREATE TEMP TABLE bench_users AS
SELECT id, row_number() OVER (ORDER BY id) AS n FROM users WHERE email LIKE '%@bench.fitsocial.app';
CREATE UNIQUE INDEX ON bench_users (n);
-- temporary tables are never analysed automatically: without statistics the planner joins them
-- with nested loops, which on the M data set turns minutes into hours
ANALYZE bench_users;

\echo '[2/9] follows'
INSERT INTO follows (follower_id, following_id)
SELECT f.id, t.id
FROM (SELECT 1 + floor(random() * :users)::int AS fn, 1 + floor(power(random(), 3) * :users)::int AS tn
      FROM generate_series(1, :follows)) AS pick
JOIN bench_users f ON f.n = pick.fn
JOIN bench_users t ON t.n = pick.tn
WHERE t.id <> f.id
ON CONFLICT DO NOTHING;
UPDATE users u SET followers_count = c.n FROM (SELECT following_id, count(*) n FROM follows GROUP BY 1) c
WHERE u.id = c.following_id;
UPDATE users u SET following_count = c.n FROM (SELECT follower_id, count(*) n FROM follows GROUP BY 1) c
WHERE u.id = c.follower_id;

\echo '[3/9] groups and memberships'
INSERT INTO groups (name, description, owner_id)
SELECT 'Bench Group ' || g, 'A benchmark group', (SELECT id FROM bench_users WHERE n = 1 + (g - 1) % :users)
FROM generate_series(1, :groups) AS g;
CREATE TEMP TABLE bench_groups AS
SELECT id, row_number() OVER (ORDER BY id) AS g FROM groups WHERE name LIKE 'Bench Group %';
ANALYZE bench_groups;
INSERT INTO group_members (group_id, user_id)
SELECT gr.id, u.id
FROM (SELECT 1 + floor(power(random(), 2) * :groups)::int AS g, 1 + floor(random() * :users)::int AS un
      FROM generate_series(1, :memberships)) AS pick
JOIN bench_groups gr ON gr.g = pick.g
JOIN bench_users u ON u.n = pick.un
ON CONFLICT DO NOTHING;
UPDATE groups g SET members_count = c.n FROM (SELECT group_id, count(*) n FROM group_members GROUP BY 1) c
WHERE g.id = c.group_id;

\echo '[4/9] activity posts'
INSERT INTO activities (author_id, type, text, group_id, duration_minutes, created_at)
SELECT u.id, (ARRAY['WORKOUT','CLASS_ATTENDED','ACHIEVEMENT','POST'])[1 + pick.a % 4], 'Bench activity ' || pick.a,
       CASE WHEN pick.a % 10 = 0 THEN (SELECT id FROM bench_groups WHERE g = 1 + (pick.a / 10) % :groups) END,
       20 + pick.a % 60, now() - make_interval(secs => (:posts - pick.a) * 17)
FROM (SELECT a, 1 + floor(power(random(), 2) * :users)::int AS un FROM generate_series(1, :posts) AS a) AS pick
JOIN bench_users u ON u.n = pick.un
ORDER BY pick.a;

\echo '[5/9] providers and classes (60 days either side of now)'
INSERT INTO providers (name, city)
SELECT 'Bench Studio ' || p, (ARRAY['Berlin','Hamburg','Munich','Cologne','Frankfurt','Vienna','Zurich','Amsterdam','Copenhagen','Prague'])[1 + p % 10]
FROM generate_series(1, :providers) AS p;
CREATE TEMP TABLE bench_providers AS
SELECT id, city, row_number() OVER (ORDER BY id) AS k FROM providers WHERE name LIKE 'Bench Studio %';
ANALYZE bench_providers;
INSERT INTO fitness_classes (provider_id, title, type, datetime, duration_minutes, capacity, booked_count, city)
SELECT p.id, 'Bench Class ' || c, (ARRAY['YOGA','HIIT','SPINNING','STRENGTH','BOXING','PILATES'])[1 + c % 6],
       date_trunc('hour', now()) + make_interval(mins => ((c * 7919) % 172800) - 86400), 60, 30, 0, p.city
FROM generate_series(1, :classes) AS c
JOIN bench_providers p ON p.k = 1 + c % :providers;
CREATE TEMP TABLE bench_classes AS
SELECT id, provider_id, datetime, row_number() OVER (ORDER BY id) AS k FROM fitness_classes WHERE title LIKE 'Bench Class %';
CREATE UNIQUE INDEX ON bench_classes (k);
CREATE UNIQUE INDEX ON bench_classes (id);
ANALYZE bench_classes;

\echo '[6/9] bookings'
INSERT INTO bookings (user_id, class_id, class_datetime)
SELECT u.id, fc.id, fc.datetime
FROM (SELECT 1 + floor(random() * :users)::int AS un, 1 + floor(power(random(), 2) * :classes)::int AS cn
      FROM generate_series(1, :bookings)) AS pick
JOIN bench_users u ON u.n = pick.un
JOIN bench_classes fc ON fc.k = pick.cn
ON CONFLICT DO NOTHING;
-- capacity is 30: popular classes keep their first 30 bookings
DELETE FROM bookings b USING (
    SELECT id, row_number() OVER (PARTITION BY class_id ORDER BY id) AS r FROM bookings) x
WHERE b.id = x.id AND x.r > 30;
UPDATE fitness_classes c SET booked_count = x.n FROM (SELECT class_id, count(*) n FROM bookings GROUP BY 1) x
WHERE c.id = x.class_id;

\echo '[7/9] reviews of attended (past) classes, and their aggregates'
INSERT INTO reviews (user_id, class_id, provider_id, rating, text, created_at, updated_at)
SELECT b.user_id, b.class_id, c.provider_id, 1 + floor(power(random(), 0.5) * 5)::int % 5 + 0, 'Bench review',
       b.class_datetime + interval '2 hours', b.class_datetime + interval '2 hours'
FROM bookings b JOIN bench_classes c ON c.id = b.class_id
WHERE b.class_datetime < now()
ORDER BY b.id
LIMIT :reviews
ON CONFLICT DO NOTHING;
INSERT INTO rating_aggregates (subject_type, subject_id, average, count, count_1, count_2, count_3, count_4, count_5, computed_at)
SELECT 'CLASS', class_id, round(avg(rating), 2), count(*),
       count(*) FILTER (WHERE rating = 1), count(*) FILTER (WHERE rating = 2), count(*) FILTER (WHERE rating = 3),
       count(*) FILTER (WHERE rating = 4), count(*) FILTER (WHERE rating = 5), now()
FROM reviews GROUP BY class_id
ON CONFLICT (subject_type, subject_id) DO NOTHING;
INSERT INTO rating_aggregates (subject_type, subject_id, average, count, count_1, count_2, count_3, count_4, count_5, computed_at)
SELECT 'PROVIDER', provider_id, round(avg(rating), 2), count(*),
       count(*) FILTER (WHERE rating = 1), count(*) FILTER (WHERE rating = 2), count(*) FILTER (WHERE rating = 3),
       count(*) FILTER (WHERE rating = 4), count(*) FILTER (WHERE rating = 5), now()
FROM reviews GROUP BY provider_id
ON CONFLICT (subject_type, subject_id) DO NOTHING;
UPDATE fitness_classes c SET rating_average = a.average, rating_count = a.count
FROM rating_aggregates a WHERE a.subject_type = 'CLASS' AND a.subject_id = c.id;
UPDATE providers p SET rating_average = a.average, rating_count = a.count
FROM rating_aggregates a WHERE a.subject_type = 'PROVIDER' AND a.subject_id = p.id;

\echo '[8/9] conversations and messages'
INSERT INTO conversations (direct_key)
SELECT DISTINCT least(a.id, b.id) || ':' || greatest(a.id, b.id)
FROM (SELECT 1 + floor(power(random(), 2) * :users)::int AS an, 1 + floor(random() * :users)::int AS bn
      FROM generate_series(1, :conversations)) AS pick
JOIN bench_users a ON a.n = pick.an
JOIN bench_users b ON b.n = pick.bn
WHERE a.id <> b.id
ON CONFLICT DO NOTHING;
INSERT INTO conversation_participants (conversation_id, user_id)
SELECT c.id, split_part(c.direct_key, ':', k)::bigint
FROM conversations c, generate_series(1, 2) AS k
WHERE c.direct_key IS NOT NULL
ON CONFLICT DO NOTHING;
CREATE TEMP TABLE bench_conversations AS
SELECT id, split_part(direct_key, ':', 1)::bigint AS a, split_part(direct_key, ':', 2)::bigint AS b,
       row_number() OVER (ORDER BY id) AS k
FROM conversations WHERE direct_key IS NOT NULL;
CREATE UNIQUE INDEX ON bench_conversations (k);
ANALYZE bench_conversations;
INSERT INTO messages (conversation_id, sender_id, body, sent_at)
SELECT c.id, CASE WHEN pick.m % 2 = 0 THEN c.a ELSE c.b END, 'Bench message ' || pick.m,
       now() - make_interval(secs => (:messages - pick.m) * 13)
FROM (SELECT m, 1 + floor(power(random(), 2) * (SELECT count(*) FROM bench_conversations))::int AS ck
      FROM generate_series(1, :messages) AS m) AS pick
JOIN bench_conversations c ON c.k = pick.ck
ORDER BY pick.m;
UPDATE conversations c SET last_message_id = x.id, last_message_at = x.sent_at
FROM (SELECT DISTINCT ON (conversation_id) conversation_id, id, sent_at FROM messages ORDER BY conversation_id, id DESC) x
WHERE c.id = x.conversation_id;
UPDATE conversation_participants p SET last_message_at = c.last_message_at,
       unread_count = (SELECT count(*) FROM messages m WHERE m.conversation_id = p.conversation_id
                        AND m.sender_id <> p.user_id AND m.id > coalesce((SELECT max(id) FROM messages m2
                            WHERE m2.conversation_id = p.conversation_id AND m2.sender_id = p.user_id), 0))
FROM conversations c WHERE c.id = p.conversation_id;

\echo '[9/9] statistics'
ANALYZE;
SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM follows) AS follows,
       (SELECT count(*) FROM activities) AS posts, (SELECT count(*) FROM fitness_classes) AS classes,
       (SELECT count(*) FROM bookings) AS bookings, (SELECT count(*) FROM reviews) AS reviews,
       (SELECT count(*) FROM group_members) AS memberships, (SELECT count(*) FROM messages) AS messages;
