-- Spring Modulith's event publication registry: an event handed to a module listener is stored
-- in the publishing transaction and marked complete when the listener succeeds, so a crash
-- between commit and handling loses nothing (incomplete publications are resubmitted).
CREATE TABLE event_publication (
    id                      uuid        NOT NULL PRIMARY KEY,
    listener_id             text        NOT NULL,
    event_type              text        NOT NULL,
    serialized_event        text        NOT NULL,
    publication_date        timestamptz NOT NULL,
    completion_date         timestamptz,
    status                  text,
    completion_attempts     integer,
    last_resubmission_date  timestamptz
);
CREATE INDEX event_publication_serialized_event_hash_idx ON event_publication USING hash (serialized_event);
CREATE INDEX event_publication_by_completion_date_idx ON event_publication (completion_date);

CREATE TABLE event_publication_archive (
    id                      uuid        NOT NULL PRIMARY KEY,
    listener_id             text        NOT NULL,
    event_type              text        NOT NULL,
    serialized_event        text        NOT NULL,
    publication_date        timestamptz NOT NULL,
    completion_date         timestamptz,
    status                  text,
    completion_attempts     integer,
    last_resubmission_date  timestamptz
);
