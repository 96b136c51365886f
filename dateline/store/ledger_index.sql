-- Triggers that keep event_index, event_actors and event_search (migration 0003) in step with
-- `records`, whoever writes it: ingest rewrites the whole table, reviews update one row.
-- Installed by dateline.store.ledger_index.ensure_ledger_index, which drops triggers of an
-- older version (the number in their names) and rebuilds the index from `records`.
-- The body is parsed once per statement: json_extract with several paths returns a small array
-- of the values, read with -> and ->>; later statements read the index row just written.

CREATE TRIGGER ledger_index_v2_insert AFTER INSERT ON records WHEN new.kind = 'event'
BEGIN
    INSERT INTO event_index (record_id, event_date, date_precision, event_type, sub_event_type,
                             actor1, actor2, country, admin1, location, latitude, longitude,
                             geo_precision, fatalities, injured, source_count, notes)
    SELECT new.id, coalesce(v ->> 0, ''), v ->> 1, v ->> 2, v ->> 3, v ->> 4, v ->> 5, v ->> 6, v ->> 7,
           v ->> 8, v ->> 9, v ->> 10, v ->> 11, v ->> 12, v ->> 13, json_array_length(v -> 14), v ->> 15
    FROM (SELECT json_extract(new.body, '$.event_date', '$.date_precision', '$.event_type',
                              '$.sub_event_type', '$.actor1', '$.actor2', '$.country', '$.admin1',
                              '$.location', '$.latitude', '$.longitude', '$.geo_precision',
                              '$.fatalities', '$.injured', '$.sources', '$.notes') AS v)
    WHERE new.kind = 'event';
    INSERT OR IGNORE INTO event_actors (record_id, actor, role, event_date)
        SELECT record_id, actor1, 'actor1', event_date FROM event_index
        WHERE record_id = new.id AND actor1 IS NOT NULL
        UNION ALL
        SELECT record_id, actor2, 'actor2', event_date FROM event_index
        WHERE record_id = new.id AND actor2 IS NOT NULL
        UNION ALL
        SELECT e.record_id, j.value, CASE WHEN j.path = '$[0]' THEN 'claimed' ELSE 'denied' END, e.event_date
        FROM event_index e, json_tree(json_extract(new.body, '$.claimed_by', '$.denied_by')) j
        WHERE e.record_id = new.id AND j.type = 'text';
    INSERT INTO event_search (rowid, notes, actors, places, quotes, kinds)
        SELECT e.id, e.notes,
               coalesce(e.actor1, '') || ' ' || coalesce(e.actor2, '') || ' ' ||
               coalesce((SELECT group_concat(value, ' ') FROM json_each(x -> 0)), ''),
               coalesce(e.location, '') || ' ' || coalesce(e.admin1, '') || ' ' || coalesce(e.country, ''),
               coalesce((SELECT group_concat(value ->> 'quote', ' ') FROM json_each(x -> 1)), ''),
               coalesce(e.event_type, '') || ' ' || coalesce(e.sub_event_type, '') || ' ' ||
               coalesce((SELECT group_concat(value, ' ') FROM json_each(x -> 2)), '')
        FROM event_index e, (SELECT json_extract(new.body, '$.claimed_by', '$.sources', '$.weapons') AS x)
        WHERE e.record_id = new.id;
END;

CREATE TRIGGER ledger_index_v2_delete AFTER DELETE ON records WHEN old.kind = 'event'
BEGIN
    DELETE FROM event_search WHERE rowid = (SELECT id FROM event_index WHERE record_id = old.id);
    DELETE FROM event_actors WHERE record_id = old.id;
    DELETE FROM event_index WHERE record_id = old.id;
END;

-- An update re-derives the row: delete what the old row gave, then insert as for a new one.
CREATE TRIGGER ledger_index_v2_update AFTER UPDATE ON records
BEGIN
    DELETE FROM event_search WHERE rowid = (SELECT id FROM event_index WHERE record_id = old.id);
    DELETE FROM event_actors WHERE record_id = old.id;
    DELETE FROM event_index WHERE record_id = old.id;
    INSERT INTO event_index (record_id, event_date, date_precision, event_type, sub_event_type,
                             actor1, actor2, country, admin1, location, latitude, longitude,
                             geo_precision, fatalities, injured, source_count, notes)
    SELECT new.id, coalesce(v ->> 0, ''), v ->> 1, v ->> 2, v ->> 3, v ->> 4, v ->> 5, v ->> 6, v ->> 7,
           v ->> 8, v ->> 9, v ->> 10, v ->> 11, v ->> 12, v ->> 13, json_array_length(v -> 14), v ->> 15
    FROM (SELECT json_extract(new.body, '$.event_date', '$.date_precision', '$.event_type',
                              '$.sub_event_type', '$.actor1', '$.actor2', '$.country', '$.admin1',
                              '$.location', '$.latitude', '$.longitude', '$.geo_precision',
                              '$.fatalities', '$.injured', '$.sources', '$.notes') AS v)
    WHERE new.kind = 'event';
    INSERT OR IGNORE INTO event_actors (record_id, actor, role, event_date)
        SELECT record_id, actor1, 'actor1', event_date FROM event_index
        WHERE record_id = new.id AND actor1 IS NOT NULL
        UNION ALL
        SELECT record_id, actor2, 'actor2', event_date FROM event_index
        WHERE record_id = new.id AND actor2 IS NOT NULL
        UNION ALL
        SELECT e.record_id, j.value, CASE WHEN j.path = '$[0]' THEN 'claimed' ELSE 'denied' END, e.event_date
        FROM event_index e, json_tree(json_extract(new.body, '$.claimed_by', '$.denied_by')) j
        WHERE e.record_id = new.id AND j.type = 'text';
    INSERT INTO event_search (rowid, notes, actors, places, quotes, kinds)
        SELECT e.id, e.notes,
               coalesce(e.actor1, '') || ' ' || coalesce(e.actor2, '') || ' ' ||
               coalesce((SELECT group_concat(value, ' ') FROM json_each(x -> 0)), ''),
               coalesce(e.location, '') || ' ' || coalesce(e.admin1, '') || ' ' || coalesce(e.country, ''),
               coalesce((SELECT group_concat(value ->> 'quote', ' ') FROM json_each(x -> 1)), ''),
               coalesce(e.event_type, '') || ' ' || coalesce(e.sub_event_type, '') || ' ' ||
               coalesce((SELECT group_concat(value, ' ') FROM json_each(x -> 2)), '')
        FROM event_index e, (SELECT json_extract(new.body, '$.claimed_by', '$.sources', '$.weapons') AS x)
        WHERE e.record_id = new.id;
    UPDATE ledger_state SET version = version + 1;
END;

-- Any insert or delete, of any kind of record, changes what the web derives from the ledger.
CREATE TRIGGER ledger_index_v2_version_insert AFTER INSERT ON records
BEGIN
    UPDATE ledger_state SET version = version + 1;
END;

CREATE TRIGGER ledger_index_v2_version_delete AFTER DELETE ON records
BEGIN
    UPDATE ledger_state SET version = version + 1;
END;
