import type { RecordedEvent } from '@glint/eventstore';
import { channelPageChanges } from './channel-page-changes';

const ANA = 'a0000000-0000-4000-8000-000000000001';

const recorded = (type: string, data: unknown, position: number): RecordedEvent => ({
  id: `00000000-0000-4000-8000-00000000000${position}`,
  type,
  data,
  metadata: { correlationId: 'c-1', causationId: null, actor: { type: 'system' }, occurredAt: '2026-12-07T20:00:00.000Z' },
  schemaVersion: 1,
  streamName: `stream-${ANA}-1`,
  streamRevision: position - 1,
  position,
  recordedAt: new Date('2026-12-07T20:00:00.010Z'),
});

describe('channelPageChanges', () => {
  it.each([
    // The page shows whether the channel is live, its stream's title and viewers, and its last broadcasts; not their health.
    ['StreamStarted', true],
    ['StreamMetadataChanged', true],
    ['ViewerCountSampled', true],
    ['StreamEnded', true],
    ['StreamHealthSampled', false],
  ])('%s changes the channel’s page: %s', (type, changes) => {
    expect(channelPageChanges([recorded(type, { streamId: `${ANA}-1`, channelId: ANA }, 7)])).toEqual(
      changes ? [{ eventId: '00000000-0000-4000-8000-000000000007', channelId: ANA, position: 7 }] : [],
    );
  });
});
