import { hashStreamKey, newStreamKey, streamKeyMatches } from './stream-key';

const CHANNEL = 'a0000000-0000-4000-8000-000000000001';

describe('stream keys', () => {
  it("name the channel and carry 64 random letters and digits", () => {
    const key = newStreamKey(CHANNEL);
    expect(key).toMatch(new RegExp(`^${CHANNEL}-[0-9A-Za-z]{64}$`));
    expect(newStreamKey(CHANNEL)).not.toBe(key);
  });

  it('are stored as their SHA-256 only', () => {
    expect(hashStreamKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it.each([
    ['the key itself', (key: string) => key, true],
    ['the key with one letter changed', (key: string) => `${key.slice(0, -1)}${key.endsWith('a') ? 'b' : 'a'}`, false],
    ['the key with a space after it', (key: string) => `${key} `, false],
    ['an empty key', () => '', false],
  ])('match %s: %s', (_, presented, matches) => {
    const key = newStreamKey(CHANNEL);
    expect(streamKeyMatches(presented(key), hashStreamKey(key))).toBe(matches);
  });
});
