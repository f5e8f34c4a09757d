import { EventSourcedStreams, type CommandContext } from '@glint/event-sourcing';
import { userDecider, userStreamName, usernameStreamName } from '@glint/identity';
import { closeTestStore, openTestStore, type TestStore } from '@glint/testing/database';
import { runCliHere } from '@glint/testing/cli';

const ANA = '5a5a5a5a-0000-4000-8000-0000000000a1';
const context: CommandContext = { actor: { type: 'system' }, correlationId: 'c-cli', causationId: null, now: new Date() };

describe('npm run cli -- staff grant', () => {
  let opened: TestStore;
  let streams: EventSourcedStreams;

  const run = (...args: string[]) => runCliHere(args, { DATABASE_URL: opened.database.url });

  beforeAll(async () => {
    opened = await openTestStore();
    streams = new EventSourcedStreams(opened.store);
    await streams.append(usernameStreamName('Ana'), [{ type: 'UsernameClaimed', data: { userId: ANA, username: 'Ana' } }], context);
    await streams.append(userStreamName(ANA), [{ type: 'UserRegistered', data: { userId: ANA, username: 'Ana', emailSealed: 'pd1.e', passwordHashSealed: 'pd1.h' } }], context);
  });
  afterAll(() => closeTestStore(opened));

  it('makes the first admin, recorded as done by the platform itself', async () => {
    expect(await run('staff', 'grant', 'ana', 'admin')).toEqual({ code: 0, stdout: `ana (${ANA}) is now admin.\n`, stderr: '' });
    const [, granted] = await opened.store.readStream(userStreamName(ANA));
    expect(granted).toMatchObject({ type: 'StaffRoleGranted', data: { userId: ANA, role: 'admin' }, metadata: { actor: { type: 'system', id: 'cli' } } });
    expect((await streams.load(userStreamName(ANA), userDecider)).state).toMatchObject({ staffRole: 'admin' });
  });

  it('records nothing when the user holds the role already', async () => {
    expect(await run('staff', 'grant', 'Ana', 'admin')).toEqual({ code: 0, stdout: `Ana (${ANA}) was admin.\n`, stderr: '' });
    expect(await opened.store.readStream(userStreamName(ANA))).toHaveLength(2);
  });

  it.each([
    [['staff', 'grant', 'nobody', 'admin'], 1, 'There is no user named "nobody".\n'],
    [['staff', 'grant', 'ana', 'owner'], 2, '"owner" is not a staff role: use one of support, analyst, admin.\n'],
    [['staff', 'grant', 'ana'], 2, expect.stringContaining('staff grant <username> <support|analyst|admin>')],
    [['staff', 'revoke', 'ana', 'admin'], 2, expect.stringContaining('Usage:')],
  ])('refuses %j (exit %i)', async (args, code, stderr) => {
    expect(await run(...args)).toEqual({ code, stdout: '', stderr });
    expect(await opened.store.readStream(userStreamName(ANA))).toHaveLength(2);
  });
});
