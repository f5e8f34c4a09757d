import { EmptyAppendError } from '@glint/eventstore';
import { dependencyOutageOf } from './dependency-outage';
import { toProblemDetails } from './problem-details';

const coded = (message: string, code: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), { code, ...extra });

describe('dependencyOutageOf', () => {
  it.each([
    ['PostgreSQL shutting down', coded('terminating connection due to administrator command', '57P01', { severity: 'FATAL' })],
    ['PostgreSQL still starting', coded('the database system is starting up', '57P03', { severity: 'FATAL' })],
    ['a connection exception', coded('connection failure', '08006', { severity: 'FATAL' })],
    ['nothing listening', coded('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['nothing listening on any address', new AggregateError([coded('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], '')],
    ['a connection dropped mid-query', new Error('Connection terminated unexpectedly')],
    ['the query builder quoting its statement first', new Error('select 1 - Connection terminated unexpectedly')],
    ['no pooled connection in time', new Error('timeout exceeded when trying to connect')],
    ['Redis away', new Error('Connection is closed.')],
    ['Redis away past the retries', Object.assign(new Error('Reached the max retries per request limit (which is 20). Refer to "maxRetriesPerRequest" option for details.'), { name: 'MaxRetriesPerRequestError' })],
    ['an outage wrapped as the cause', new Error('could not append', { cause: coded('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED') })],
  ])('takes %s for an outage', (_, error) => {
    expect(dependencyOutageOf(error)).toMatchObject({ kind: 'unavailable', code: 'unavailable', retryAfterSeconds: 5 });
  });

  it.each([
    ['a broken statement', coded('syntax error at or near "SELEC"', '42601', { severity: 'ERROR' })],
    ['a statement PostgreSQL could not even read', coded('invalid message format', '08P01', { severity: 'ERROR' })],
    ['a duplicate key', coded('duplicate key value violates unique constraint', '23505', { severity: 'ERROR' })],
    ['a defect', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a thrown string', 'Connection terminated unexpectedly'],
  ])('takes %s for something else', (_, error) => {
    expect(dependencyOutageOf(error)).toBeNull();
  });
});

describe('toProblemDetails of an outage', () => {
  it('answers 503 unavailable with the seconds to wait, as nobody’s defect', () => {
    const { problem, internal, outage } = toProblemDetails(coded('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'));
    expect({ status: problem.status, error: problem.error, retryAfterSeconds: problem.retryAfterSeconds, internal, outage }).toEqual({
      status: 503,
      error: 'unavailable',
      retryAfterSeconds: 5,
      internal: false,
      outage: true,
    });
  });

  it('still answers a store refusal that is no outage as an internal error', () => {
    expect(toProblemDetails(new EmptyAppendError('channel-1')).internal).toBe(true);
  });
});
