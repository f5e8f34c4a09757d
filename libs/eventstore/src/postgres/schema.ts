/**
 * The PostgreSQL event store's schema.
 *
 * Ordering: every append takes the row lock on `glint_log_head` before it hands out global
 * positions, and keeps it until its transaction commits. PostgreSQL makes a committed transaction
 * visible before it releases its locks, so the next appender can only take positions after the
 * previous one is visible (or rolled back, which also rolls the head back). Positions therefore
 * become visible strictly in order and without holes, and a reader that asks for
 * `position > checkpoint` can never skip an event that commits late. Group commit (many appends
 * per transaction) is what keeps this single ordering point fast.
 */
export const eventStoreSchemaUp = `
CREATE TABLE glint_events (
  position        bigint      PRIMARY KEY,
  stream_name     text        NOT NULL,
  stream_revision bigint      NOT NULL,
  event_id        uuid        NOT NULL,
  event_type      text        NOT NULL,
  schema_version  integer     NOT NULL,
  data            json        NOT NULL,
  metadata        json        NOT NULL,
  recorded_at     timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT glint_events_stream_revision_key UNIQUE (stream_name, stream_revision),
  CONSTRAINT glint_events_event_id_key UNIQUE (event_id)
);

CREATE TABLE glint_log_head (
  id       smallint PRIMARY KEY CHECK (id = 1),
  position bigint   NOT NULL
);
INSERT INTO glint_log_head (id, position) VALUES (1, 0);

CREATE TABLE glint_stream_metadata (
  stream_name     text    PRIMARY KEY,
  deleted         boolean NOT NULL DEFAULT false,
  truncate_before bigint,
  custom          jsonb   NOT NULL DEFAULT '{}'::jsonb
);

-- Appends a batch of appends in one transaction. Each append succeeds or fails on its own:
-- p_expected: -1 any, -2 no_stream, -3 stream_exists, n ≥ 0 exact revision.
-- The caller never puts two appends to the same stream, or sharing an event id, in one batch.
-- Without p_find_duplicates the unique index on event_id alone guards against a retried append
-- (the whole call then fails, and the caller repeats it with p_find_duplicates to answer it):
-- looking every id up first would cost as much as the insert itself, for the rare retry.
-- Event data and metadata are stored as json, not jsonb: nothing queries inside them in SQL,
-- and json goes in and out as text, which is what every append and read does.
-- Lists arrive as comma-separated text or one JSON array each (one parse, instead of escaping and
-- parsing every array element), and are split before the lock, overlapping the batch ahead.
CREATE FUNCTION glint_append(
  p_streams_json  json,
  p_expected_list text,
  p_counts_list   text,
  p_append_list   text,
  p_ids_list      text,
  p_types_json    json,
  p_versions_list text,
  p_data          json,
  p_metadata      json,
  p_find_duplicates boolean
) RETURNS TABLE (
  status          text,
  actual_revision bigint,
  first_position  bigint,
  last_position   bigint,
  next_revision   bigint,
  stored_ids      uuid[]
) LANGUAGE plpgsql AS $fn$
DECLARE
  p_streams  text[]    := ARRAY(SELECT value FROM json_array_elements_text(p_streams_json) WITH ORDINALITY AS x(value, o) ORDER BY o);
  p_expected bigint[]  := string_to_array(p_expected_list, ',')::bigint[];
  p_counts   integer[] := string_to_array(p_counts_list, ',')::integer[];
  p_append   integer[] := string_to_array(p_append_list, ',')::integer[];
  p_ids      uuid[]    := string_to_array(p_ids_list, ',')::uuid[];
  p_types    text[]    := ARRAY(SELECT value FROM json_array_elements_text(p_types_json) WITH ORDINALITY AS x(value, o) ORDER BY o);
  p_versions integer[] := string_to_array(p_versions_list, ',')::integer[];
  n          integer := cardinality(p_streams);
  v_start    integer[] := array_fill(0, ARRAY[n]);
  v_status   text[]    := array_fill('ok'::text, ARRAY[n]);
  v_actual   bigint[]  := array_fill(NULL::bigint, ARRAY[n]);
  v_first    bigint[]  := array_fill(NULL::bigint, ARRAY[n]);
  v_last     bigint[]  := array_fill(NULL::bigint, ARRAY[n]);
  v_next     bigint[]  := array_fill(NULL::bigint, ARRAY[n]);
  v_base_rev bigint[]  := array_fill(NULL::bigint, ARRAY[n]);
  v_stored_n integer[] := array_fill(0, ARRAY[n]);
  v_dup_first bigint[] := array_fill(NULL::bigint, ARRAY[n]);
  v_dup_last  bigint[] := array_fill(NULL::bigint, ARRAY[n]);
  v_dup_rev   bigint[] := array_fill(NULL::bigint, ARRAY[n]);
  v_data     json[];
  v_metadata json[];
  v_current  bigint[];
  v_deleted  boolean[];
  v_revived  text[] := '{}';
  v_head     bigint;
  v_exists   boolean;
  v_ok       boolean;
  v_offset   integer := 1;
  v_inserted boolean := false;
  r          record;
  i          integer;
BEGIN
  FOR i IN 1..n LOOP
    v_start[i] := v_offset;
    v_offset := v_offset + p_counts[i];
  END LOOP;
  v_data := ARRAY(SELECT d FROM json_array_elements(p_data) WITH ORDINALITY AS x(d, o) ORDER BY o);
  v_metadata := ARRAY(SELECT m FROM json_array_elements(p_metadata) WITH ORDINALITY AS x(m, o) ORDER BY o);
  IF cardinality(v_data) <> cardinality(p_ids) OR cardinality(v_metadata) <> cardinality(p_ids) THEN
    RAISE EXCEPTION 'glint_append: % events but % data and % metadata values', cardinality(p_ids), cardinality(v_data), cardinality(v_metadata);
  END IF;

  -- Retried appends: looked up before taking the lock, since event ids never change hands.
  FOR r IN
    SELECT e.a, count(*) AS stored, min(g.position) AS first_pos, max(g.position) AS last_pos,
           max(g.stream_revision) AS last_rev, array_agg(g.event_id) AS ids
      FROM unnest(p_ids, p_append) AS e(id, a)
      JOIN glint_events g ON g.event_id = e.id
     WHERE p_find_duplicates
     GROUP BY e.a
  LOOP
    v_stored_n[r.a] := r.stored;
    v_dup_first[r.a] := r.first_pos;
    v_dup_last[r.a] := r.last_pos;
    v_dup_rev[r.a] := r.last_rev;
    IF r.stored < p_counts[r.a] THEN
      v_status[r.a] := 'partial_duplicate';
    END IF;
  END LOOP;

  -- The single ordering point: held until commit.
  SELECT position INTO v_head FROM glint_log_head WHERE id = 1 FOR UPDATE;

  SELECT array_agg(coalesce(last.rev, -1) ORDER BY s.a), array_agg(coalesce(m.deleted, false) ORDER BY s.a)
    INTO v_current, v_deleted
    FROM unnest(p_streams) WITH ORDINALITY AS s(name, a)
    LEFT JOIN LATERAL (
      SELECT stream_revision AS rev FROM glint_events
       WHERE stream_name = s.name ORDER BY stream_revision DESC LIMIT 1
    ) last ON true
    LEFT JOIN glint_stream_metadata m ON m.stream_name = s.name;

  FOR i IN 1..n LOOP
    IF v_stored_n[i] = p_counts[i] THEN
      v_status[i] := 'duplicate';
      v_first[i] := v_dup_first[i];
      v_last[i] := v_dup_last[i];
      v_next[i] := v_dup_rev[i];
      CONTINUE;
    END IF;
    CONTINUE WHEN v_status[i] <> 'ok';
    v_exists := v_current[i] >= 0 AND NOT v_deleted[i];
    v_ok := CASE p_expected[i]
      WHEN -1 THEN true
      WHEN -2 THEN NOT v_exists
      WHEN -3 THEN v_exists
      ELSE v_exists AND v_current[i] = p_expected[i]
    END;
    IF NOT v_ok AND NOT p_find_duplicates THEN
      -- A retry whose expected revision went stale because its first attempt went through.
      SELECT count(*) AS stored, min(g.position) AS first_pos, max(g.position) AS last_pos, max(g.stream_revision) AS last_rev
        INTO r FROM glint_events g
       WHERE g.event_id = ANY (p_ids[v_start[i] : v_start[i] + p_counts[i] - 1]);
      IF r.stored = p_counts[i] THEN
        v_status[i] := 'duplicate';
        v_first[i] := r.first_pos;
        v_last[i] := r.last_pos;
        v_next[i] := r.last_rev;
        CONTINUE;
      ELSIF r.stored > 0 THEN
        v_status[i] := 'partial_duplicate';
        CONTINUE;
      END IF;
    END IF;
    IF NOT v_ok THEN
      v_status[i] := 'wrong_revision';
      v_actual[i] := CASE WHEN v_exists THEN v_current[i] END;
      CONTINUE;
    END IF;
    v_base_rev[i] := v_current[i] + 1;
    v_first[i] := v_head + 1;
    v_head := v_head + p_counts[i];
    v_last[i] := v_head;
    v_next[i] := v_current[i] + p_counts[i];
    v_inserted := true;
    IF v_deleted[i] THEN
      v_revived := v_revived || p_streams[i];
    END IF;
  END LOOP;

  INSERT INTO glint_events (position, stream_name, stream_revision, event_id, event_type, schema_version, data, metadata)
  SELECT v_first[e.a] + (e.o - v_start[e.a]), p_streams[e.a], v_base_rev[e.a] + (e.o - v_start[e.a]),
         e.id, e.t, e.v, e.d, e.m
    FROM unnest(p_ids, p_types, p_versions, v_data, v_metadata, p_append) WITH ORDINALITY AS e(id, t, v, d, m, a, o)
   WHERE v_first[e.a] IS NOT NULL AND v_status[e.a] = 'ok';

  IF cardinality(v_revived) > 0 THEN
    UPDATE glint_stream_metadata SET deleted = false WHERE stream_name = ANY (v_revived);
  END IF;

  IF v_inserted THEN
    UPDATE glint_log_head SET position = v_head WHERE id = 1;
    PERFORM pg_notify('glint_events', v_head::text);
  END IF;

  RETURN QUERY
    SELECT v_status[k], v_actual[k], v_first[k], v_last[k], v_next[k],
           CASE WHEN v_status[k] = 'partial_duplicate'
                THEN (SELECT array_agg(g.event_id) FROM unnest(p_ids, p_append) AS e(id, a)
                        JOIN glint_events g ON g.event_id = e.id WHERE e.a = k)
           END
      FROM generate_series(1, n) AS k;
END;
$fn$;
`;

export const eventStoreSchemaDown = `
DROP FUNCTION IF EXISTS glint_append(json, text, text, text, text, json, text, json, json, boolean);
DROP TABLE IF EXISTS glint_stream_metadata;
DROP TABLE IF EXISTS glint_log_head;
DROP TABLE IF EXISTS glint_events;
`;
