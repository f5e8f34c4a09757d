import { ValidationError } from '@glint/domain-errors';

/** The two lengths moderators reach for most, by name. */
export const TIMEOUT_PRESETS = { '5m': 300, '15m': 900 } as const;
export type TimeoutPreset = keyof typeof TIMEOUT_PRESETS;
export const TIMEOUT_PRESET_NAMES = Object.keys(TIMEOUT_PRESETS) as TimeoutPreset[];

export const MIN_TIMEOUT_SECONDS = 10;
/** Seven days: anything longer is what a ban is for. */
export const MAX_TIMEOUT_SECONDS = 604_800;

/** A timeout's length from exactly one of a number of seconds or a preset's name. */
export function timeoutDurationSeconds(input: { durationSeconds?: number; preset?: TimeoutPreset }): number {
  if (input.durationSeconds !== undefined && input.preset !== undefined) {
    throw new ValidationError('ambiguous_timeout_duration', 'Give either durationSeconds or preset, not both.', 'preset');
  }
  if (input.preset !== undefined) return TIMEOUT_PRESETS[input.preset];
  if (input.durationSeconds !== undefined) return input.durationSeconds;
  throw new ValidationError(
    'timeout_duration_required',
    `Say how long the timeout lasts: durationSeconds (${MIN_TIMEOUT_SECONDS}–${MAX_TIMEOUT_SECONDS}) or preset (${TIMEOUT_PRESET_NAMES.join(', ')}).`,
    'durationSeconds',
  );
}
