-- A week of classes from tomorrow: three a day per provider. Run whenever the demo database
-- has no class scheduled more than a day ahead, so a kept demo database never runs dry.
INSERT INTO fitness_classes (provider_id, title, type, datetime, duration_minutes, capacity, city)
SELECT p.id,
       (ARRAY['Sunrise Yoga', 'Power HIIT', 'Spin Express', 'Strength Basics', 'Boxing Drills', 'Pilates Core'])[1 + (p.id + d + s) % 6],
       (ARRAY['YOGA', 'HIIT', 'SPINNING', 'STRENGTH', 'BOXING', 'PILATES'])[1 + (p.id + d + s) % 6],
       date_trunc('day', now()) + make_interval(days => d, hours => (ARRAY[7, 12, 18])[s]),
       (ARRAY[45, 60, 50])[s],
       (ARRAY[12, 20, 16])[s],
       p.city
FROM providers p, generate_series(1, 7) AS d, generate_series(1, 3) AS s;
