import { JsonNesting, MAX_JSON_NESTING, nestsTooDeep, tooDeep } from './json-nesting';

const nested = (levels: number, open = '[', close = ']') => `${open.repeat(levels)}${close.repeat(levels)}`;

describe('the nesting of JSON text', () => {
  it.each([
    ['a flat object', '{"title":"Evening speedruns","tags":["a","b"]}', false],
    ['exactly the limit', nested(MAX_JSON_NESTING), false],
    ['one level past the limit', nested(MAX_JSON_NESTING + 1), true],
    ['objects past the limit', `${'{"a":'.repeat(MAX_JSON_NESTING + 1)}1${'}'.repeat(MAX_JSON_NESTING + 1)}`, true],
    ['a few thousand levels', nested(5000), true],
    ['brackets inside a string', JSON.stringify({ text: '['.repeat(1000) }), false],
    ['escaped quotes inside a string', JSON.stringify({ text: `\\"${'['.repeat(100)}` }), false],
    ['multi-byte characters around the brackets', JSON.stringify({ text: 'ㅤ🎉[' }), false],
    ['siblings that are each shallow', `[${Array.from({ length: 100 }, () => nested(10)).join(',')}]`, false],
  ])('%s nests too deep: %s', (_, text, deep) => {
    expect(nestsTooDeep(text)).toBe(deep);
  });

  it('follows the text across chunks, a string split between them included', () => {
    const text = Buffer.from(`{"a":"[[[[${'\\"'}","b":${nested(MAX_JSON_NESTING)}}`);
    const nesting = new JsonNesting();
    const chunks = [text.subarray(0, 7), text.subarray(7, 12), text.subarray(12)];
    expect(chunks.every((chunk) => nesting.accept(chunk))).toBe(false);
    const shallower = new JsonNesting(MAX_JSON_NESTING + 1);
    expect(chunks.every((chunk) => shallower.accept(chunk))).toBe(true);
  });

  it('is refused as too_deep, naming the limit', () => {
    expect(tooDeep()).toMatchObject({ kind: 'validation', code: 'too_deep', message: expect.stringContaining(`${MAX_JSON_NESTING} levels`) });
  });
});
