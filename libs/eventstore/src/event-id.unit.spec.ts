import { newEventId } from './event-id';

describe('newEventId', () => {
  it('is a version 7, RFC 9562 variant UUID', () => {
    expect(newEventId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('carries the time it was made in its first 48 bits', () => {
    // Later than any id made so far, so the monotonic guard does not hold it back.
    const at = Date.now() + 60_000;
    const id = newEventId(at);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });

  it('keeps increasing within one millisecond and across many', () => {
    const ids = Array.from({ length: 10_000 }, () => newEventId());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
