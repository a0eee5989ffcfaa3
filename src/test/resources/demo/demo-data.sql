-- FitSocial demo data: loaded once into an empty database by the development run.
-- Every demo user's password is :password (see README).

INSERT INTO users (email, password_hash, display_name, bio, fitness_level, interests, city, latitude, longitude, role)
VALUES
  ('demo@fitsocial.app',  :password_hash, 'Dana Demo',   'Morning runner, evening yogi.', 'INTERMEDIATE', '{running,yoga}',   'Berlin',  52.5200, 13.4050, 'USER'),
  ('coach@fitsocial.app', :password_hash, 'Casey Coach', 'Head coach at Iron Temple.',    'ADVANCED',     '{strength,hiit}',  'Berlin',  52.5100, 13.3900, 'PROVIDER'),
  ('alex@fitsocial.app',  :password_hash, 'Alex Lift',   'Squats before breakfast.',      'ADVANCED',     '{strength,boxing}','Berlin',  52.5300, 13.4100, 'USER'),
  ('sam@fitsocial.app',   :password_hash, 'Sam Spin',    'Cadence over everything.',      'BEGINNER',     '{spinning,dance}', 'Hamburg', 53.5511,  9.9937, 'USER');

INSERT INTO providers (name, city, owner_id)
VALUES
  ('Iron Temple Gym',       'Berlin',  (SELECT id FROM users WHERE email = 'coach@fitsocial.app')),
  ('Lotus Flow Yoga',       'Berlin',  NULL),
  ('Harbor HIIT Lab',       'Hamburg', NULL),
  ('Riverside Spin Studio', 'Munich',  NULL);

-- one class per provider yesterday, attended by the demo user and reviewed
INSERT INTO fitness_classes (provider_id, title, type, datetime, duration_minutes, capacity, booked_count, city)
SELECT p.id, p.name || ' open session', 'STRENGTH', date_trunc('hour', now()) - interval '1 day', 60, 20, 1, p.city
FROM providers p;

INSERT INTO bookings (user_id, class_id, class_datetime)
SELECT u.id, c.id, c.datetime
FROM fitness_classes c, users u
WHERE u.email = 'demo@fitsocial.app';

INSERT INTO reviews (user_id, class_id, provider_id, rating, text)
SELECT u.id, c.id, c.provider_id, 4 + (c.id % 2), 'Great session, would come again.'
FROM fitness_classes c, users u
WHERE u.email = 'demo@fitsocial.app';

INSERT INTO rating_aggregates (subject_type, subject_id, average, count, count_1, count_2, count_3, count_4, count_5, computed_at)
SELECT 'CLASS', class_id, round(avg(rating), 2), count(*),
       count(*) FILTER (WHERE rating = 1), count(*) FILTER (WHERE rating = 2), count(*) FILTER (WHERE rating = 3),
       count(*) FILTER (WHERE rating = 4), count(*) FILTER (WHERE rating = 5), now()
FROM reviews GROUP BY class_id
UNION ALL
SELECT 'PROVIDER', provider_id, round(avg(rating), 2), count(*),
       count(*) FILTER (WHERE rating = 1), count(*) FILTER (WHERE rating = 2), count(*) FILTER (WHERE rating = 3),
       count(*) FILTER (WHERE rating = 4), count(*) FILTER (WHERE rating = 5), now()
FROM reviews GROUP BY provider_id;

UPDATE fitness_classes c SET rating_average = a.average, rating_count = a.count
FROM rating_aggregates a WHERE a.subject_type = 'CLASS' AND a.subject_id = c.id;

UPDATE providers p SET rating_average = a.average, rating_count = a.count
FROM rating_aggregates a WHERE a.subject_type = 'PROVIDER' AND a.subject_id = p.id;

-- social: Dana follows Alex and Casey, Sam follows Dana; a few posts, a group, a conversation
INSERT INTO follows (follower_id, following_id)
SELECT f.id, t.id FROM users f, users t
WHERE (f.email, t.email) IN (('demo@fitsocial.app', 'alex@fitsocial.app'), ('demo@fitsocial.app', 'coach@fitsocial.app'),
                             ('sam@fitsocial.app', 'demo@fitsocial.app'), ('alex@fitsocial.app', 'demo@fitsocial.app'));

UPDATE users u SET followers_count = (SELECT count(*) FROM follows WHERE following_id = u.id),
                   following_count = (SELECT count(*) FROM follows WHERE follower_id = u.id);

INSERT INTO groups (name, description, owner_id, members_count)
SELECT 'Berlin Morning Runners', 'Easy 5-10k loops before work, all paces welcome.', id, 3
FROM users WHERE email = 'demo@fitsocial.app';

INSERT INTO group_members (group_id, user_id)
SELECT g.id, u.id FROM groups g, users u
WHERE g.name = 'Berlin Morning Runners' AND u.email IN ('demo@fitsocial.app', 'alex@fitsocial.app', 'sam@fitsocial.app');

INSERT INTO activities (author_id, type, text, duration_minutes, group_id, created_at)
SELECT u.id, a.type, a.text, a.minutes,
       CASE WHEN a.in_group THEN (SELECT id FROM groups WHERE name = 'Berlin Morning Runners') END,
       now() - a.ago
FROM users u
JOIN (VALUES ('alex@fitsocial.app',  'WORKOUT',     'Heavy squat day: 5x5 at 120 kg.',          60, false, interval '5 hours'),
             ('coach@fitsocial.app', 'POST',        'New HIIT slots every weekday at noon!',    NULL, false, interval '4 hours'),
             ('demo@fitsocial.app',  'WORKOUT',     'Easy 8k along the Spree.',                 45, true,  interval '3 hours'),
             ('sam@fitsocial.app',   'ACHIEVEMENT', 'First 100 km month on the bike!',          NULL, false, interval '2 hours'),
             ('alex@fitsocial.app',  'POST',        'Who is up for a Sunday long run?',         NULL, true,  interval '1 hour'))
  AS a(email, type, text, minutes, in_group, ago) ON a.email = u.email
ORDER BY a.ago DESC;

INSERT INTO conversations (direct_key, last_message_at)
SELECT least(a.id, b.id) || ':' || greatest(a.id, b.id), now() - interval '30 minutes'
FROM users a, users b WHERE a.email = 'demo@fitsocial.app' AND b.email = 'alex@fitsocial.app';

INSERT INTO messages (conversation_id, sender_id, body, sent_at)
SELECT c.id, u.id, 'Sunday long run at 8? Meet at the Oberbaum bridge.', now() - interval '30 minutes'
FROM conversations c, users u WHERE u.email = 'alex@fitsocial.app' AND c.direct_key IS NOT NULL;

UPDATE conversations SET last_message_id = (SELECT max(id) FROM messages) WHERE direct_key IS NOT NULL;

INSERT INTO conversation_participants (conversation_id, user_id, unread_count, last_message_at)
SELECT c.id, u.id, CASE WHEN u.email = 'demo@fitsocial.app' THEN 1 ELSE 0 END, c.last_message_at
FROM conversations c, users u WHERE c.direct_key IS NOT NULL AND u.email IN ('demo@fitsocial.app', 'alex@fitsocial.app');
