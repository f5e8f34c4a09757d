import { defineProjection, readModelTable } from '@glint/projection-engine';

/** Created by the tests that run event_tally; it is no read model of Glint's. */
export const EVENT_TALLY_DDL = `
CREATE TABLE event_tally (
  stream_name   text    PRIMARY KEY,
  events        integer NOT NULL,
  last_position bigint  NOT NULL
)`;

export const eventTallyTable = readModelTable('event_tally', {
  key: ['stream_name'],
  columns: { stream_name: 'text', events: 'integer', last_position: 'bigint' },
});

/**
 * Counts the events of each stream by incrementing: unlike a row keyed by the event, an event
 * applied twice shows up as a count one too high, and a missed one as a count one too low.
 */
export const eventTally = defineProjection()({
  name: 'event_tally',
  tables: { event_tally: eventTallyTable },
  allEvents: (event, tables) => {
    const stream = { stream_name: event.streamName };
    const missing = { insertIfMissing: { ...stream, events: 0, last_position: 0 } };
    tables.event_tally.add(stream, 'events', 1, missing);
    tables.event_tally.max(stream, 'last_position', event.position, missing);
  },
});
