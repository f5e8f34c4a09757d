import { defineProjection } from '@glint/projection-engine';

/** Created by the tests that run event_tally; it is no read model of Glint's. */
export const EVENT_TALLY_DDL = `
CREATE TABLE event_tally (
  stream_name   text    PRIMARY KEY,
  events        integer NOT NULL,
  last_position bigint  NOT NULL
)`;

/**
 * Counts the events of each stream by incrementing: unlike a row keyed by the event, an event
 * applied twice shows up as a count one too high, and a missed one as a count one too low.
 */
export const eventTally = defineProjection('event_tally', {
  tables: ['event_tally'],
  entities: [],
  allEvents: async (event, em) => {
    await em.execute(
      `INSERT INTO event_tally (stream_name, events, last_position) VALUES (?, 1, ?)
       ON CONFLICT (stream_name) DO UPDATE SET events = event_tally.events + 1, last_position = excluded.last_position`,
      [event.streamName, event.position],
      'run',
    );
  },
});
