import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { loggableError } from './loggable-error';

/** A value PostgreSQL refuses and repeats in its error, and which the query builder writes into the statement. */
const SECRET = 'ana.secret@glint.test';

describe('an error as it may be logged', () => {
  let orm: MikroORM;
  let client: Client;

  beforeAll(async () => {
    orm = MikroORM.initSync({ clientUrl: process.env.DATABASE_URL, entities: [], discovery: { warnWhenNoEntities: false } });
    client = new Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
  });
  afterAll(async () => {
    await orm?.close(true);
    await client?.end();
  });

  const failure = (work: Promise<unknown>) => work.then(() => Promise.reject(new Error('the query was expected to fail')), (error: unknown) => error);

  it('keeps the SQLSTATE of a query builder error and drops its statement and values', async () => {
    const error = await failure(orm.em.fork().execute('select ?::uuid as id', [SECRET]));
    expect((error as Error).message).toContain(SECRET);

    const logged = loggableError(error);
    expect(logged.split('\n')[0]).toBe('DriverException: database error 22P02 in string_to_uuid');
    expect(logged).not.toContain(SECRET);
    expect(logged).not.toMatch(/select/i);
    expect(logged).toMatch(/\n\s+at /);
  });

  it('drops the message and detail of a driver error, which quote values', async () => {
    const error = await failure(client.query('select $1::uuid', [SECRET]));
    expect((error as Error).message).toContain(SECRET);
    expect(loggableError(error)).toMatch(/^error: database error 22P02 in \w+/);
    expect(loggableError(error)).not.toContain(SECRET);
  });

  it('keeps the message of any other error, without repeating it through the stack', () => {
    const logged = loggableError(new TypeError('Cannot read properties of undefined (reading "channelId")'));
    expect(logged.split('\n')[0]).toBe('TypeError: Cannot read properties of undefined (reading "channelId")');
    expect(logged.split('\n').slice(1).every((line) => /^\s+at /.test(line))).toBe(true);
  });

  it('names what was thrown without printing it when it is no error', () => {
    expect(loggableError({ password: 'hunter2' })).toBe('a thrown object');
    expect(loggableError('ana@glint.test')).toBe('a thrown string');
  });
});
