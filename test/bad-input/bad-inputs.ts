import { randomBytes, randomUUID } from 'node:crypto';
import type { ApiResponse } from '@glint/testing';

/** The part of an OpenAPI 3 schema object the bad inputs are derived from. */
export interface JsonSchema {
  $ref?: string;
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  maxLength?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
  nullable?: boolean;
}

export interface PathParameter {
  name: string;
  in: string;
  schema?: JsonSchema;
}

/** One request to a route: who sends it, the path parameters, and a JSON body, a form or raw text. */
export interface Call {
  token?: string;
  params: Record<string, string>;
  body?: Record<string, unknown>;
  form?: Record<string, string>;
  rawBody?: string;
}

/**
 * What the platform must answer. Every refusal is a problem-details body with a stable `error` and
 * a `detail` for people; `field` refusals also name the field, as `field` or in `errors[].field`.
 * `alternative` is a second right answer for fields that name something which must exist (an
 * unknown one is a 404 about that thing, or for a sign-in the usual 401).
 */
export type Expectation =
  | { kind: 'field'; field: string; alternative?: { status: number; error: string } }
  | { kind: 'any-of-fields'; fields: string[] }
  | { kind: 'unknown-path'; param: string; error: string }
  | { kind: 'malformed-path'; param: string; error: string }
  | { kind: 'malformed-body' }
  | { kind: 'too-deep' };

/** A bad input made from a call the route accepts, so the one thing wrong with it is the one named. */
export interface BadInput {
  name: string;
  make(valid: Call): Call;
  expect: Expectation;
}

// Each one must be refused wherever free text goes: a lone surrogate and NUL cannot be stored as
// given (PostgreSQL text holds neither), text of only zero-width characters or of letters that
// render blank (U+3164 HANGUL FILLER and its kind) shows nothing, and a bidi override makes text
// read differently from what it says.
export const UNICODE_EDGE_CASES: ReadonlyArray<readonly [string, string]> = [
  ['a lone surrogate', 'lone \ud800 surrogate'],
  ['only zero-width characters', '\u200b\u200d\u2060'],
  ['only letters that render blank', '\u3164 \u115f\u1160\uffa0 \u2800'],
  ['a bidi override', 'abc \u202e cba'],
];
export const NUL_EDGE_CASE: readonly [string, string] = ['a NUL character', 'nul \u0000 inside'];

export const UNKNOWN_FIELD = 'unexpectedField';

export interface DeriveOptions {
  /** The unicode edge cases each free-text field gets. */
  edgeCases: ReadonlyArray<readonly [string, string]>;
  resolve(schema: JsonSchema): JsonSchema;
  /**
   * Fields whose every character may be legitimate and that are only ever compared, never shown
   * or stored as text (passwords, client credentials): they get no unicode cases.
   */
  credentials: ReadonlySet<string>;
  /** Second right answers, by field path. */
  alternatives?: Readonly<Record<string, { status: number; error: string }>>;
}

/**
 * The bad bodies the schema itself implies: each required field missing, each field of the wrong
 * type, out of its enum, too long, too short, below its minimum or above its maximum, not matching
 * its pattern, list items of the wrong kind, an unknown field (at the top and in each nested
 * object), and the unicode edge cases in every free-text field.
 */
export function badBodies(schema: JsonSchema, options: DeriveOptions): BadInput[] {
  return [...objectCases(options.resolve(schema), [], options), unknownFieldCase([])];
}

/** Only the edge cases, in every free-text field: `badBodies` without the rest. */
export function freeTextBodies(schema: JsonSchema, options: DeriveOptions): BadInput[] {
  const edges = new Set(options.edgeCases.map(([what]) => `text with ${what}`));
  return objectCases(options.resolve(schema), [], options).filter((bad) => [...edges].some((edge) => bad.name.endsWith(`: ${edge}`)));
}

function objectCases(schema: JsonSchema, at: string[], options: DeriveOptions): BadInput[] {
  const cases: BadInput[] = [];
  for (const [name, declared] of Object.entries(schema.properties ?? {})) {
    const property = options.resolve(declared);
    const path = [...at, name];
    const field = path.join('.');
    const refused = (what: string, value: unknown): BadInput => ({
      name: `${field}: ${what}`,
      make: (valid) => ({ ...valid, body: withValue(valid.body ?? {}, path, value) }),
      expect: { kind: 'field', field, alternative: options.alternatives?.[field] },
    });

    if (schema.required?.includes(name)) cases.push({ ...refused('missing', undefined), make: (valid) => ({ ...valid, body: withValue(valid.body ?? {}, path, REMOVED) }) });
    const wrong = wrongTypeValue(property);
    cases.push(refused(`${described(wrong)} instead of ${typeName(property)}`, wrong));
    if (property.enum) cases.push(refused('a value outside its enum', 'not_one_of_them'));
    if (property.maxLength !== undefined) cases.push(refused(`${property.maxLength + 1} characters, over maxLength ${property.maxLength}`, 'x'.repeat(property.maxLength + 1)));
    if (property.minLength !== undefined && property.minLength > 0) cases.push(refused(`${property.minLength - 1} characters, under minLength ${property.minLength}`, 'x'.repeat(property.minLength - 1)));
    if (property.minimum !== undefined) cases.push(refused(`${property.minimum - 1}, under minimum ${property.minimum}`, property.minimum - 1));
    if (property.maximum !== undefined) cases.push(refused(`${property.maximum + 1}, over maximum ${property.maximum}`, property.maximum + 1));
    if (property.pattern !== undefined && !new RegExp(property.pattern).test('no match!')) cases.push(refused(`a value not matching ${property.pattern}`, 'no match!'));
    if (property.type === 'array' && property.items) {
      const items = options.resolve(property.items);
      if (items.enum) cases.push(refused('a list item outside its enum', ['not_one_of_them']));
      else cases.push(refused(`a list of ${typeName(items)} holding ${described(wrongTypeValue(items))}`, [wrongTypeValue(items)]));
    }
    if (isObject(property)) cases.push(...objectCases(property, path, options), unknownFieldCase(path));
    if (isFreeText(property) && !options.credentials.has(name)) {
      for (const [what, text] of options.edgeCases) cases.push(refused(`text with ${what}`, text));
    }
  }
  return cases;
}

function unknownFieldCase(at: string[]): BadInput {
  const path = [...at, UNKNOWN_FIELD];
  const field = path.join('.');
  return {
    name: `${field}: a field the schema does not have`,
    make: (valid) => ({ ...valid, body: withValue(valid.body ?? {}, path, 'surprise') }),
    expect: { kind: 'field', field },
  };
}

/** Text a person writes and others read: no enum, format or pattern constrains what it says. */
function isFreeText(schema: JsonSchema): boolean {
  return schema.type === 'string' && !schema.enum && !schema.format && !schema.pattern;
}

function isObject(schema: JsonSchema): boolean {
  return schema.type === 'object' || schema.properties !== undefined;
}

function typeName(schema: JsonSchema): string {
  return isObject(schema) ? 'an object' : schema.type === 'array' ? 'a list' : `a ${schema.type ?? 'value'}`;
}

/** A value JSON can carry that the schema's type does not allow, and no validator would coerce. */
function wrongTypeValue(schema: JsonSchema): unknown {
  if (isObject(schema)) return 'not an object';
  switch (schema.type) {
    case 'string':
      return 12345;
    case 'number':
    case 'integer':
      return '10';
    case 'boolean':
      return 'true';
    case 'array':
      return 'not a list';
    default:
      throw new Error(`No wrong-type value known for the schema ${JSON.stringify(schema)}: teach wrongTypeValue its type.`);
  }
}

function described(value: unknown): string {
  return typeof value === 'string' ? `the string ${JSON.stringify(value)}` : `the ${Array.isArray(value) ? 'list' : typeof value} ${JSON.stringify(value)}`;
}

const REMOVED = Symbol('removed');

function withValue(body: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const [head, ...rest] = path;
  const copy = { ...body };
  if (rest.length > 0) copy[head] = withValue((body[head] ?? {}) as Record<string, unknown>, rest, value);
  else if (value === REMOVED) delete copy[head];
  else copy[head] = value;
  return copy;
}

/**
 * For each path parameter: an id of the right shape that names nothing, and one of the wrong shape.
 * `notFound` says which 404 each parameter's unknown value must give (the thing it names).
 */
export function badPaths(parameters: PathParameter[], notFound: Readonly<Record<string, string>>): BadInput[] {
  return parameters
    .filter((parameter) => parameter.in === 'path')
    .flatMap((parameter) => {
      const error = notFound[parameter.name];
      if (!error) throw new Error(`Which 404 does an unknown "${parameter.name}" give? Add it to the not-found table.`);
      const uuid = parameter.schema?.format === 'uuid';
      const unknown = uuid ? randomUUID() : `nobody_${randomBytes(5).toString('hex')}`;
      const malformed = uuid ? 'not-a-uuid' : 'no such name!\u202e';
      const withParam = (value: string) => (valid: Call): Call => ({ ...valid, params: { ...valid.params, [parameter.name]: value } });
      return [
        { name: `path ${parameter.name}: unknown ${unknown}`, make: withParam(unknown), expect: { kind: 'unknown-path', param: parameter.name, error } },
        { name: `path ${parameter.name}: malformed ${JSON.stringify(malformed)}`, make: withParam(malformed), expect: { kind: 'malformed-path', param: parameter.name, error } },
      ] satisfies BadInput[];
    });
}

/** A body that is no JSON at all, with a JSON content type: every route's parser must refuse it. */
export const MALFORMED_JSON: BadInput = {
  name: 'a body that is not valid JSON',
  make: (valid) => ({ ...valid, body: undefined, form: undefined, rawBody: '{"broken": ' }),
  expect: { kind: 'malformed-body' },
};

/** Deep enough to reach the recursion of whatever walks a parsed body, were it ever parsed. */
export const DEEP_NESTING_LEVELS = 3000;

/** JSON nested `levels` deep inside a `body` field, as a raw body or socket frame. */
export function deeplyNested(levels: number = DEEP_NESTING_LEVELS): string {
  return `{"body":${'['.repeat(levels)}${']'.repeat(levels)}}`;
}

/** A body nested thousands of levels deep: refused before it is parsed, on every route, whatever it reads. */
export const DEEP_NESTING: BadInput = {
  name: `a body nested ${DEEP_NESTING_LEVELS} levels deep`,
  make: (valid) => ({ ...valid, body: undefined, form: undefined, rawBody: deeplyNested() }),
  expect: { kind: 'too-deep' },
};

export function withBody(name: string, patch: Record<string, unknown>, expect: Expectation): BadInput {
  return { name, make: (valid) => ({ ...valid, body: { ...valid.body, ...patch } }), expect };
}

export function withBodyOnly(name: string, body: Record<string, unknown>, expect: Expectation): BadInput {
  return { name, make: (valid) => ({ ...valid, body }), expect };
}

/** Why the answer is wrong, or null when it is right. */
export function wrongAnswer(response: ApiResponse, expectation: Expectation): string | null {
  const body = (typeof response.body === 'object' && response.body !== null ? response.body : {}) as {
    status?: unknown;
    error?: unknown;
    detail?: unknown;
    field?: unknown;
    errors?: Array<{ field?: unknown; rule?: unknown; message?: unknown }>;
  };
  if (response.status < 400 || response.status >= 500) return `a ${response.status}, not a refusal`;
  const problems: string[] = [];
  if (body.status !== response.status || typeof body.error !== 'string' || typeof body.detail !== 'string' || body.detail === '') problems.push('no problem-details body');
  const names = (field: string) =>
    body.field === field || (body.errors ?? []).some((entry) => entry.field === field && typeof entry.message === 'string' && entry.message !== '');
  const is = (status: number, error?: string) => response.status === status && (error === undefined || body.error === error);
  const badRequest = is(400) || is(422);

  switch (expectation.kind) {
    case 'field': {
      const alternative = expectation.alternative;
      if (alternative && is(alternative.status, alternative.error)) {
        // A sign-in tells nobody which part was wrong, by design.
        if (alternative.status !== 401 && !names(expectation.field)) problems.push(`does not name the field ${expectation.field}`);
      } else if (!badRequest) problems.push(`status ${response.status}, not 400${alternative ? ` or ${alternative.status} ${alternative.error}` : ''}`);
      else if (!names(expectation.field)) problems.push(`does not name the field ${expectation.field}`);
      break;
    }
    case 'any-of-fields':
      if (!badRequest) problems.push(`status ${response.status}, not 400`);
      else if (!expectation.fields.some((field) => names(field) || String(body.detail).includes(field))) problems.push('names none of the fields');
      break;
    case 'unknown-path':
      if (!is(404, expectation.error)) problems.push(`not a 404 ${expectation.error}`);
      break;
    case 'malformed-path':
      if (!(is(404, expectation.error) || (badRequest && names(expectation.param)))) problems.push(`neither a 404 ${expectation.error} nor a 400 naming ${expectation.param}`);
      break;
    case 'malformed-body':
      if (!is(400)) problems.push(`status ${response.status}, not 400`);
      break;
    case 'too-deep':
      if (!is(400, 'too_deep')) problems.push(`not a 400 too_deep`);
      break;
  }
  return problems.length > 0 ? problems.join('; ') : null;
}

/** Short, with every character outside printable ASCII escaped, so a report shows what was sent. */
export function shown(value: unknown, max = 140): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const escaped = (text ?? String(value)).replace(/[^\x20-\x7e]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return escaped.length > max ? `${escaped.slice(0, max)}…` : escaped;
}
