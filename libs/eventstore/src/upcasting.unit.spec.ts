import type { RecordedEvent } from './types';
import { UpcasterRegistry, type Upcaster } from './upcasting';

type Steps = Array<[type: string, fromVersion: number, upcast: Upcaster]>;

/** ChannelRetitled v1 `{ title }` → v2 adds `language` → v3 renames `title` to `name`. */
const retitledSteps: Steps = [
  ['ChannelRetitled', 1, (data: { title: string }) => ({ ...data, language: 'und' })],
  ['ChannelRetitled', 2, ({ title, ...rest }: { title: string; language: string }) => ({ ...rest, name: title })],
];

function registryOf(steps: Steps): UpcasterRegistry {
  return steps.reduce((registry, [type, fromVersion, upcast]) => registry.register(type, fromVersion, upcast), new UpcasterRegistry());
}

function recorded(type: string, schemaVersion: number, data: unknown): RecordedEvent {
  return {
    id: '0193a0c4-7b2e-7000-8000-000000000001',
    type,
    data,
    metadata: { correlationId: 'req-1', causationId: null, actor: { type: 'system' }, occurredAt: '2026-11-23T18:30:00.000Z' },
    schemaVersion,
    streamName: 'channel-1',
    streamRevision: 4,
    position: 17,
    recordedAt: new Date('2026-11-23T18:30:01.000Z'),
  };
}

const identity: Upcaster = (data) => data;

describe('UpcasterRegistry.currentVersion', () => {
  it.each<[string, Steps, string, number]>([
    ['a type without upcasters is at version 1', [], 'ChannelFollowed', 1],
    ['one step makes version 2 current', [retitledSteps[0]], 'ChannelRetitled', 2],
    ['two steps make version 3 current', retitledSteps, 'ChannelRetitled', 3],
    ['steps of another type do not count', retitledSteps, 'ChannelFollowed', 1],
    ['a missing step ends the chain', [['StreamEnded', 1, identity], ['StreamEnded', 3, identity]], 'StreamEnded', 2],
  ])('%s', (_, steps, type, version) => {
    expect(registryOf(steps).currentVersion(type)).toBe(version);
  });
});

describe('UpcasterRegistry.upcast', () => {
  it.each<[string, Steps, RecordedEvent, { schemaVersion: number; data: unknown }]>([
    ['runs every step from version 1', retitledSteps, recorded('ChannelRetitled', 1, { title: 'Speedruns' }), { schemaVersion: 3, data: { name: 'Speedruns', language: 'und' } }],
    ['runs only the steps after the stored version', retitledSteps, recorded('ChannelRetitled', 2, { title: 'Chill', language: 'en' }), { schemaVersion: 3, data: { name: 'Chill', language: 'en' } }],
    ['leaves an event at the current version alone', retitledSteps, recorded('ChannelRetitled', 3, { name: 'Chill', language: 'en' }), { schemaVersion: 3, data: { name: 'Chill', language: 'en' } }],
    ['leaves an event newer than every step alone', retitledSteps, recorded('ChannelRetitled', 5, { name: 'Chill' }), { schemaVersion: 5, data: { name: 'Chill' } }],
    ['stops where a step is missing', [['StreamEnded', 1, (data: object) => ({ ...data, peak: 0 })], ['StreamEnded', 3, identity]], recorded('StreamEnded', 1, {}), { schemaVersion: 2, data: { peak: 0 } }],
    ['leaves a type without upcasters alone', retitledSteps, recorded('ChannelFollowed', 1, { channelId: 'channel-1' }), { schemaVersion: 1, data: { channelId: 'channel-1' } }],
  ])('%s', (_, steps, event, expected) => {
    const upcast = registryOf(steps).upcast(event);
    expect({ schemaVersion: upcast.schemaVersion, data: upcast.data }).toEqual(expected);
    expect({ ...upcast, data: undefined, schemaVersion: undefined }).toEqual({ ...event, data: undefined, schemaVersion: undefined });
  });

  it('never changes the stored event it reads', () => {
    const stored = recorded('ChannelRetitled', 1, Object.freeze({ title: 'Speedruns' }));
    const snapshot = structuredClone(stored);
    registryOf(retitledSteps).upcast(Object.freeze(stored));
    expect(stored).toEqual(snapshot);
  });

  it('hands each step the event at the version that step reads', () => {
    const seen: Array<[number, unknown]> = [];
    const registry = new UpcasterRegistry()
      .register('ChannelRetitled', 1, (data, event) => {
        seen.push([event.schemaVersion, event.data]);
        return { ...data, language: 'und' };
      })
      .register('ChannelRetitled', 2, (data, event) => {
        seen.push([event.schemaVersion, event.data]);
        return data;
      });
    registry.upcast(recorded('ChannelRetitled', 1, { title: 'Speedruns' }));
    expect(seen).toEqual([
      [1, { title: 'Speedruns' }],
      [2, { title: 'Speedruns', language: 'und' }],
    ]);
  });
});

describe('UpcasterRegistry.register', () => {
  it.each<[string, number]>([
    ['version 0', 0],
    ['a negative version', -1],
    ['a fractional version', 1.5],
    ['NaN', NaN],
  ])('refuses a step from %s', (_, fromVersion) => {
    expect(() => new UpcasterRegistry().register('ChannelRetitled', fromVersion, identity)).toThrow();
  });

  it('refuses a second step from the same version, keeping the first', () => {
    const registry = new UpcasterRegistry().register('ChannelRetitled', 1, () => ({ title: 'first' }));
    expect(() => registry.register('ChannelRetitled', 1, () => ({ title: 'second' }))).toThrow();
    expect(registry.upcast(recorded('ChannelRetitled', 1, {})).data).toEqual({ title: 'first' });
  });
});
