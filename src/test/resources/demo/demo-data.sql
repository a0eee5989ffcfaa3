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
