import { DomainError } from '@glint/domain-errors';
import { timeoutDurationSeconds, type TimeoutPreset } from './timeout-duration';

function outcome(input: { durationSeconds?: number; preset?: TimeoutPreset }): number | { refused: string; field?: string } {
  try {
    return timeoutDurationSeconds(input);
  } catch (error) {
    if (error instanceof DomainError) return { refused: error.code, field: error.field };
    throw error;
  }
}

describe('timeoutDurationSeconds', () => {
  it.each<[string, { durationSeconds?: number; preset?: TimeoutPreset }, ReturnType<typeof outcome>]>([
    ['the 5-minute preset', { preset: '5m' }, 300],
    ['the 15-minute preset', { preset: '15m' }, 900],
    ['a number of seconds as given (its range is the decider’s rule)', { durationSeconds: 42 }, 42],
    ['both at once', { durationSeconds: 300, preset: '5m' }, { refused: 'ambiguous_timeout_duration', field: 'preset' }],
    ['neither', {}, { refused: 'timeout_duration_required', field: 'durationSeconds' }],
  ])('%s', (_, input, expected) => {
    expect(outcome(input)).toEqual(expected);
  });
});
