import { refusalOf } from '@glint/testing';
import { timeoutDurationSeconds, type TimeoutPreset } from './timeout-duration';

type DurationInput = { durationSeconds?: number; preset?: TimeoutPreset };

describe('timeoutDurationSeconds', () => {
  it.each<[string, DurationInput, number]>([
    ['the 5-minute preset', { preset: '5m' }, 300],
    ['the 15-minute preset', { preset: '15m' }, 900],
    ['a number of seconds as given (its range is the decider’s rule)', { durationSeconds: 42 }, 42],
  ])('%s', (_, input, expected) => {
    expect(timeoutDurationSeconds(input)).toBe(expected);
  });

  it.each<[string, DurationInput, { code: string; field: string }]>([
    ['both at once', { durationSeconds: 300, preset: '5m' }, { code: 'ambiguous_timeout_duration', field: 'preset' }],
    ['neither', {}, { code: 'timeout_duration_required', field: 'durationSeconds' }],
  ])('%s', (_, input, refusal) => {
    expect(refusalOf(() => timeoutDurationSeconds(input))).toMatchObject(refusal);
  });
});
