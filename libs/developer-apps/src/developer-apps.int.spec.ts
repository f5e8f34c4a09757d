import type { UserPrincipal } from '@glint/access';
import { DomainError } from '@glint/domain-errors';
import { commandContext, EventSourcedStreams, systemActor, type CommandContext } from '@glint/event-sourcing';
import { createProjectionEngine, type ProjectionEngine } from '@glint/projection-engine';
import { developerApps } from '@glint/projections/developer-apps';
import { closeTestStore, openTestStore, type TestStore } from '@glint/testing/database';
import { AppTokenResolver } from './app-token-resolver';
import { DeleteAppCommand, DeleteAppHandler } from './commands/delete-app';
import { IssueAppTokenCommand, IssueAppTokenHandler } from './commands/issue-app-token';
import { RegisterAppCommand, RegisterAppHandler } from './commands/register-app';
import { RotateAppSecretCommand, RotateAppSecretHandler } from './commands/rotate-app-secret';
import { countRegisteredApps, listAppsOfOwner } from '@glint/projections/developer-apps';

const user = (userId: string): UserPrincipal => ({
  kind: 'user', userId, username: userId, sessionId: `session-${userId}`, staffRole: null, emailConfirmed: true, accountCreatedAt: new Date('2026-01-01T00:00:00.000Z'),
});
const ana = user('11111111-1111-4111-8111-111111111111');
const ben = user('22222222-2222-4222-8222-222222222222');
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
const at = (now: Date, principal: UserPrincipal | null = ana): CommandContext =>
  commandContext(principal ? { type: 'user', userId: principal.userId, role: 'user' } : systemActor('anonymous'), { correlationId: 'c-apps', now });

const codeOf = (promise: Promise<unknown>) => promise.then(() => 'accepted', (error: unknown) => (error instanceof DomainError ? error.code : String(error)));

const ROWS_SQL = {
  apps: 'SELECT app_id, owner_id, name, description, client_id, scopes, registered_at, secret_rotated_at, deleted_at FROM developer_apps ORDER BY app_id',
  tokens: 'SELECT token_hash, app_id, owner_id, scopes, expires_at FROM developer_app_tokens ORDER BY token_hash',
};

describe('developer apps: commands, read model and token resolver', () => {
  let opened: TestStore;
  let engine: ProjectionEngine;
  let register: RegisterAppHandler;
  let rotate: RotateAppSecretHandler;
  let remove: DeleteAppHandler;
  let issue: IssueAppTokenHandler;
  let resolver: AppTokenResolver;

  beforeAll(async () => {
    opened = await openTestStore();
    engine = createProjectionEngine({ store: opened.store, databaseUrl: opened.database.url, projections: [developerApps], logger: { log: () => undefined, error: () => undefined } });
    const streams = new EventSourcedStreams(opened.store, engine);
    register = new RegisterAppHandler(streams);
    rotate = new RotateAppSecretHandler(streams);
    remove = new DeleteAppHandler(streams);
    issue = new IssueAppTokenHandler(streams, engine);
    resolver = new AppTokenResolver(engine);
  });
  afterAll(async () => {
    await engine?.stop();
    await closeTestStore(opened ?? {});
  });

  const rows = async () => ({ apps: (await opened.sql.query(ROWS_SQL.apps)).rows, tokens: (await opened.sql.query(ROWS_SQL.tokens)).rows });
  const token = (clientId: string, clientSecret: string, scope?: string, now = new Date()) =>
    issue.execute(new IssueAppTokenCommand({ grantType: 'client_credentials', clientId, clientSecret, scope }, at(now, null)));

  it('issues tokens that resolve to the app at once, for the scopes asked, and only for the current secret', async () => {
    const app = await register.execute(new RegisterAppCommand(ana, { name: 'Clip Bot', description: 'Makes clips', scopes: ['chat', 'public'] }, at(minutesAgo(5))));
    expect(app).toMatchObject({ scopes: ['public', 'chat'], clientId: expect.stringMatching(/^[0-9a-f]{32}$/), clientSecret: expect.stringMatching(/^glcs_[A-Za-z0-9_-]{43}$/) });

    const all = await token(app.clientId, app.clientSecret);
    expect(all).toEqual({ accessToken: expect.stringMatching(/^gla_[A-Za-z0-9_-]{43}$/), expiresInSeconds: 3600, scopes: ['public', 'chat'] });
    expect(await resolver.resolve(all.accessToken)).toEqual({ kind: 'app', appId: app.appId, ownerId: ana.userId, scopes: ['public', 'chat'] });
    const chatOnly = await token(app.clientId, app.clientSecret, 'chat');
    expect(await resolver.resolve(chatOnly.accessToken)).toMatchObject({ scopes: ['chat'] });

    expect(await codeOf(token(app.clientId, app.clientSecret, 'public streamkey'))).toBe('invalid_scope');
    expect(await codeOf(token(app.clientId, 'glcs_wrong'))).toBe('invalid_client');
    expect(await codeOf(token('no-such-client', app.clientSecret))).toBe('invalid_client');
    expect(await codeOf(issue.execute(new IssueAppTokenCommand({ grantType: 'password', clientId: app.clientId, clientSecret: app.clientSecret }, at(new Date(), null))))).toBe('unsupported_grant_type');

    expect(await codeOf(rotate.execute(new RotateAppSecretCommand(ben, app.appId, at(new Date(), ben))))).toBe('not_app_owner');
    const rotated = await rotate.execute(new RotateAppSecretCommand(ana, app.appId, at(minutesAgo(1))));
    expect(await codeOf(token(app.clientId, app.clientSecret))).toBe('invalid_client');
    expect(await resolver.resolve((await token(app.clientId, rotated.clientSecret)).accessToken)).toMatchObject({ appId: app.appId });
    // Tokens issued before the rotation live out their hour.
    expect(await resolver.resolve(all.accessToken)).not.toBeNull();

    const { items: [listed] } = await listAppsOfOwner(engine.entityManager(), ana.userId, {});
    expect(listed).toMatchObject({ appId: app.appId, name: 'Clip Bot', scopes: ['public', 'chat'], secretRotatedAt: expect.any(Date), deletedAt: null });
  });

  it('resolves no token that expired, is unknown, or is not an app token, and prunes expired ones when the app gets a new one', async () => {
    const app = await register.execute(new RegisterAppCommand(ana, { name: 'Old Bot' }, at(minutesAgo(200))));
    expect(app.scopes).toEqual(['public']);
    const old = await token(app.clientId, app.clientSecret, undefined, minutesAgo(90));
    expect(await resolver.resolve(old.accessToken)).toBeNull();
    const tokensOfApp = async () => (await opened.sql.query('SELECT count(*)::int AS n FROM developer_app_tokens WHERE app_id = $1', [app.appId])).rows[0].n;
    expect(await tokensOfApp()).toBe(1);

    const fresh = await token(app.clientId, app.clientSecret);
    expect(await tokensOfApp()).toBe(1);
    expect(await resolver.resolve(fresh.accessToken)).toMatchObject({ appId: app.appId, scopes: ['public'] });
    expect(await resolver.resolve(`${fresh.accessToken.slice(0, -1)}x`)).toBeNull();
    expect(await resolver.resolve(`gls_${fresh.accessToken.slice(4)}`)).toBeNull();
  });

  it('stops a deleted app’s tokens at once, counts it out, and deleting again records nothing', async () => {
    const app = await register.execute(new RegisterAppCommand(ben, { name: 'Gone Bot', scopes: ['follow'] }, at(minutesAgo(3), ben)));
    const issued = await token(app.clientId, app.clientSecret);
    const beforeDeletion = new Date();
    const counted = await countRegisteredApps(engine.entityManager());

    expect(await codeOf(remove.execute(new DeleteAppCommand(ana, app.appId, at(new Date()))))).toBe('not_app_owner');
    await remove.execute(new DeleteAppCommand(ben, app.appId, at(new Date(), ben)));
    expect(await resolver.resolve(issued.accessToken)).toBeNull();
    expect(await codeOf(token(app.clientId, app.clientSecret))).toBe('invalid_client');
    expect(await listAppsOfOwner(engine.entityManager(), ben.userId, {})).toEqual({ items: [], nextCursor: null });
    expect(await countRegisteredApps(engine.entityManager())).toBe(counted - 1);
    expect(await countRegisteredApps(engine.entityManager(), { before: beforeDeletion })).toBe(counted);
    expect(await countRegisteredApps(engine.entityManager(), { before: minutesAgo(300) })).toBe(0);

    const head = await opened.store.headPosition();
    await remove.execute(new DeleteAppCommand(ben, app.appId, at(new Date(), ben)));
    expect(await opened.store.headPosition()).toBe(head);
  });

  it('rebuilds the same rows from the log in one batch as it built event by event', async () => {
    const live = await rows();
    expect(live.apps).toHaveLength(3);
    const result = await engine.rebuild(['developer_apps']);
    expect(result.eventsReplayed).toBe(await opened.store.headPosition());
    expect(await rows()).toEqual(live);
  });
});
