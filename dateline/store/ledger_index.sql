-- Triggers that keep event_index, event_actors and event_search (migration 0003) in step with
-- `records`, whoever writes it: ingest rewrites the whole table, reviews update one row.
-- Installed by dateline.store.ledger_queries.ensure_ledger_index, which drops triggers of an
-- older version (the number in their names) and rebuilds the index from `records`.

CREATE TRIGGER ledger_index_v1_insert AFTER INSERT ON records WHEN new.kind = 'event'
BEGIN
    INSERT INTO event_index (record_id, event_date, date_precision, event_type, sub_event_type,
                             actor1, actor2, country, admin1, location, latitude, longitude,
                             geo_precision, fatalities, injured, source_count, notes)
    VALUES (new.id, coalesce(json_extract(new.body, '$.event_date'), ''),
            json_extract(new.body, '$.date_precision'), json_extract(new.body, '$.event_type'),
            json_extract(new.body, '$.sub_event_type'), json_extract(new.body, '$.actor1'),
            json_extract(new.body, '$.actor2'), json_extract(new.body, '$.country'),
            json_extract(new.body, '$.admin1'), json_extract(new.body, '$.location'),
            json_extract(new.body, '$.latitude'), json_extract(new.body, '$.longitude'),
            json_extract(new.body, '$.geo_precision'), json_extract(new.body, '$.fatalities'),
            json_extract(new.body, '$.injured'),
            coalesce(json_array_length(new.body, '$.sources'), 0),
            json_extract(new.body, '$.notes'));
    INSERT OR IGNORE INTO event_actors (record_id, actor, role, event_date)
        SELECT new.id, json_extract(new.body, '$.actor1'), 'actor1',
               coalesce(json_extract(new.body, '$.event_date'), '')
        WHERE json_extract(new.body, '$.actor1') IS NOT NULL
        UNION ALL
        SELECT new.id, json_extract(new.body, '$.actor2'), 'actor2',
               coalesce(json_extract(new.body, '$.event_date'), '')
        WHERE json_extract(new.body, '$.actor2') IS NOT NULL
        UNION ALL
        SELECT new.id, value, 'claimed', coalesce(json_extract(new.body, '$.event_date'), '')
        FROM json_each(new.body, '$.claimed_by')
        UNION ALL
        SELECT new.id, value, 'denied', coalesce(json_extract(new.body, '$.event_date'), '')
        FROM json_each(new.body, '$.denied_by');
    INSERT INTO event_search (rowid, notes, actors, places, quotes, kinds)
        SELECT id, notes,
               coalesce(actor1, '') || ' ' || coalesce(actor2, '') || ' ' ||
               coalesce((SELECT group_concat(value, ' ') FROM json_each(new.body, '$.claimed_by')), ''),
               coalesce(location, '') || ' ' || coalesce(admin1, '') || ' ' || coalesce(country, ''),
               coalesce((SELECT group_concat(json_extract(value, '$.quote'), ' ')
                         FROM json_each(new.body, '$.sources')), ''),
               coalesce(event_type, '') || ' ' || coalesce(sub_event_type, '') || ' ' ||
               coalesce((SELECT group_concat(value, ' ') FROM json_each(new.body, '$.weapons')), '')
        FROM event_index WHERE record_id = new.id;
END;

CREATE TRIGGER ledger_index_v1_delete AFTER DELETE ON records WHEN old.kind = 'event'
BEGIN
    DELETE FROM event_search WHERE rowid = (SELECT id FROM event_index WHERE record_id = old.id);
    DELETE FROM event_actors WHERE record_id = old.id;
    DELETE FROM event_index WHERE record_id = old.id;
END;

-- An update re-derives the row: delete what the old row gave, then insert as for a new one.
CREATE TRIGGER ledger_index_v1_update AFTER UPDATE ON records
BEGIN
    DELETE FROM event_search WHERE rowid = (SELECT id FROM event_index WHERE record_id = old.id);
    DELETE FROM event_actors WHERE record_id = old.id;
    DELETE FROM event_index WHERE record_id = old.id;
    INSERT INTO event_index (record_id, event_date, date_precision, event_type, sub_event_type,
                             actor1, actor2, country, admin1, location, latitude, longitude,
                             geo_precision, fatalities, injured, source_count, notes)
    SELECT new.id, coalesce(json_extract(new.body, '$.event_date'), ''),
           json_extract(new.body, '$.date_precision'), json_extract(new.body, '$.event_type'),
           json_extract(new.body, '$.sub_event_type'), json_extract(new.body, '$.actor1'),
           json_extract(new.body, '$.actor2'), json_extract(new.body, '$.country'),
           json_extract(new.body, '$.admin1'), json_extract(new.body, '$.location'),
           json_extract(new.body, '$.latitude'), json_extract(new.body, '$.longitude'),
           json_extract(new.body, '$.geo_precision'), json_extract(new.body, '$.fatalities'),
           json_extract(new.body, '$.injured'),
           coalesce(json_array_length(new.body, '$.sources'), 0),
           json_extract(new.body, '$.notes')
    WHERE new.kind = 'event';
    INSERT OR IGNORE INTO event_actors (record_id, actor, role, event_date)
        SELECT new.id, json_extract(new.body, '$.actor1'), 'actor1',
               coalesce(json_extract(new.body, '$.event_date'), '')
        WHERE new.kind = 'event' AND json_extract(new.body, '$.actor1') IS NOT NULL
        UNION ALL
        SELECT new.id, json_extract(new.body, '$.actor2'), 'actor2',
               coalesce(json_extract(new.body, '$.event_date'), '')
        WHERE new.kind = 'event' AND json_extract(new.body, '$.actor2') IS NOT NULL
        UNION ALL
        SELECT new.id, value, 'claimed', coalesce(json_extract(new.body, '$.event_date'), '')
        FROM json_each(new.body, '$.claimed_by') WHERE new.kind = 'event'
        UNION ALL
        SELECT new.id, value, 'denied', coalesce(json_extract(new.body, '$.event_date'), '')
        FROM json_each(new.body, '$.denied_by') WHERE new.kind = 'event';
    INSERT INTO event_search (rowid, notes, actors, places, quotes, kinds)
        SELECT id, notes,
               coalesce(actor1, '') || ' ' || coalesce(actor2, '') || ' ' ||
               coalesce((SELECT group_concat(value, ' ') FROM json_each(new.body, '$.claimed_by')), ''),
               coalesce(location, '') || ' ' || coalesce(admin1, '') || ' ' || coalesce(country, ''),
               coalesce((SELECT group_concat(json_extract(value, '$.quote'), ' ')
                         FROM json_each(new.body, '$.sources')), ''),
               coalesce(event_type, '') || ' ' || coalesce(sub_event_type, '') || ' ' ||
               coalesce((SELECT group_concat(value, ' ') FROM json_each(new.body, '$.weapons')), '')
        FROM event_index WHERE record_id = new.id;
    UPDATE ledger_state SET version = version + 1;
END;

-- Any insert or delete, of any kind of record, changes what the web derives from the ledger.
CREATE TRIGGER ledger_index_v1_version_insert AFTER INSERT ON records
BEGIN
    UPDATE ledger_state SET version = version + 1;
END;

CREATE TRIGGER ledger_index_v1_version_delete AFTER DELETE ON records
BEGIN
    UPDATE ledger_state SET version = version + 1;
END;
