-- The web's index of the ledger: one narrow row an event, for filters, sorting, maps and search.
-- Derived from `records` only, and kept in step with it by the triggers in
-- dateline/store/ledger_index.sql (installed by dateline.store.ledger_queries.ensure_ledger_index;
-- migrations are split on semicolons, which trigger bodies contain).
CREATE TABLE event_index (
    id INTEGER PRIMARY KEY,
    record_id TEXT NOT NULL UNIQUE,
    -- '' when the date is unknown, so that keyset pagination compares plain strings.
    event_date TEXT NOT NULL DEFAULT '',
    date_precision TEXT,
    event_type TEXT,
    sub_event_type TEXT,
    actor1 TEXT,
    actor2 TEXT,
    country TEXT,
    admin1 TEXT,
    location TEXT,
    latitude REAL,
    longitude REAL,
    geo_precision INTEGER,
    fatalities INTEGER,
    injured INTEGER,
    source_count INTEGER NOT NULL DEFAULT 0,
    notes TEXT
);
CREATE INDEX event_index_date ON event_index(event_date, record_id);
CREATE INDEX event_index_country ON event_index(country, event_date);
CREATE INDEX event_index_admin1 ON event_index(admin1, event_date);
CREATE INDEX event_index_type ON event_index(event_type, event_date);
CREATE INDEX event_index_actor1 ON event_index(actor1, event_date);
CREATE INDEX event_index_actor2 ON event_index(actor2, event_date);
-- for the table's other sort keys
CREATE INDEX event_index_fatalities ON event_index(fatalities, event_date);
CREATE INDEX event_index_injured ON event_index(injured, event_date);
CREATE INDEX event_index_sources ON event_index(source_count, event_date);
CREATE INDEX event_index_location ON event_index(location, event_date);

-- Every party named on an event, with its role: actor1, actor2, claimed, denied.
CREATE TABLE event_actors (
    record_id TEXT NOT NULL,
    actor TEXT NOT NULL,
    role TEXT NOT NULL,
    event_date TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (actor, role, record_id)
) WITHOUT ROWID;
CREATE INDEX event_actors_record ON event_actors(record_id);
CREATE INDEX event_actors_date ON event_actors(actor, event_date);

-- Full-text search over events; rowid = event_index.id.
CREATE VIRTUAL TABLE event_search USING fts5(
    notes, actors, places, quotes, kinds, tokenize = 'unicode61 remove_diacritics 2'
);

-- Bumped by every change to the ledger, so that the web can cache what it derives from it.
CREATE TABLE ledger_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO ledger_state (id, version) VALUES (1, 0);
