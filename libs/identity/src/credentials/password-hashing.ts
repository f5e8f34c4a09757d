import { hash, verify } from '@node-rs/argon2';

/**
 * @node-rs/argon2 rather than the `argon2` package: that one's Linux prebuild crashes the process
 * on this platform's glibc, while this one's binary comes as an npm package of its own.
 *
 * argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): about a tenth of a second
 * per sign-in on one core, which keeps guessing slow without letting a burst of sign-ins starve
 * the process. The parameters live in each hash, so raising them later still verifies old hashes.
 */
// argon2id is the library's default algorithm (its `Algorithm` enum is type-only, so it is not named here).
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function passwordMatches(hash: string, password: string): Promise<boolean> {
  try {
    return await verify(hash, password);
  } catch {
    // A hash argon2 cannot read matches no password.
    return false;
  }
}

let decoyHash: Promise<string> | undefined;

/**
 * Spends the time a real check takes, for a username nobody holds: otherwise the quick answer would
 * tell a guesser which usernames exist.
 */
export async function checkAgainstDecoy(password: string): Promise<void> {
  decoyHash ??= hashPassword('glint decoy password');
  await passwordMatches(await decoyHash, password);
}
