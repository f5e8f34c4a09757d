import type { RecordedEvent } from '@glint/eventstore';
import { codeFor, timeStepAt } from '@glint/identity';
import { until } from '../waiting';
import { eventStore, type PlatformUnderTest } from './platform-under-test';

/** What the identity context appended after `position`: the proof that a refused request recorded nothing. */
export async function identityEventsSince(platform: PlatformUnderTest, position: number): Promise<RecordedEvent[]> {
  const events = await eventStore(platform).readAll({ fromPosition: position, maxCount: 10_000 });
  return events.filter((event) => ['user-', 'username-', 'email-'].some((prefix) => event.streamName.startsWith(prefix)));
}

/** The code an authenticator app shows `steps` thirty-second steps from now. */
export function totpCode(secret: string, steps = 0): string {
  return codeFor(secret, timeStepAt(new Date()) + steps);
}

/**
 * Waits out the last two seconds of a TOTP step, so the codes a test makes for "the step before",
 * "now" and "the step after" still mean that when the platform checks them.
 */
export async function awayFromStepBoundary(): Promise<void> {
  await until('the clock to leave the last two seconds of a TOTP step', () => Date.now() % 30_000 <= 28_000);
}
