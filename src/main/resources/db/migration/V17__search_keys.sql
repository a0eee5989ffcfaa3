-- Names and cities are searched and filtered by a search key, so that what a user types matches
-- however the stored text was typed: Unicode NFC (a decomposed "é", e + combining accent, equals
-- the composed one), lower-cased by Unicode's own rules, not the server locale's (PostgreSQL 17's
-- built-in pg_c_utf8 collation; on 15 and 16 ICU's root collation, which Debian's and most
-- builds have), with ß and ẞ as "ss" ("STRASSE" finds "Straße"). Queries fold what the user
-- typed with the same function, so both sides always agree.
DO $migration$
DECLARE
    chosen text := CASE
        WHEN EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'pg_c_utf8') THEN 'pg_c_utf8'
        WHEN EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu') THEN 'und-x-icu'
    END;
BEGIN
    IF chosen IS NULL THEN
        RAISE EXCEPTION 'search keys need PostgreSQL 17 (pg_c_utf8) or a server built with ICU';
    END IF;
    EXECUTE format($function$
        CREATE FUNCTION search_key(text) RETURNS text
            LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
            RETURN normalize(replace(lower(normalize($1, NFC) COLLATE %I), 'ß', 'ss'), NFC)
        $function$, chosen);
END
$migration$;

-- Text is stored in NFC from now on (request bodies are normalised as they are read); existing
-- rows are brought to the same form.
UPDATE users SET display_name = normalize(display_name, NFC) WHERE display_name IS NOT NFC NORMALIZED;
UPDATE users SET city = normalize(city, NFC) WHERE city IS NOT NFC NORMALIZED;
UPDATE groups SET name = normalize(name, NFC) WHERE name IS NOT NFC NORMALIZED;
UPDATE fitness_classes SET city = normalize(city, NFC) WHERE city IS NOT NFC NORMALIZED;
UPDATE providers SET city = normalize(city, NFC) WHERE city IS NOT NFC NORMALIZED;
