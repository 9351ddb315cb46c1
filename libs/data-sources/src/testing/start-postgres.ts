import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findFreePort } from '@modelship/core';

const run = promisify(execFile);

/** A throwaway PostgreSQL server for tests. */
export interface TestPostgres {
  /** postgres://modelship:<password>@127.0.0.1:<port>/<database> */
  url: string;
  port: number;
  database: string;
  user: string;
  password: string;
  /** Runs SQL through psql as the owner (for fixtures). */
  sql(text: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts a real PostgreSQL server (Debian's `postgresql` package): `initdb` into a temporary
 * folder, a free port on 127.0.0.1, password authentication, one database. PostgreSQL refuses to
 * run as root, so under root the server runs as the `postgres` system user. `stop()` stops it and
 * removes the folder; call it in afterAll (it is safe after a failed start too).
 */
export async function startPostgres(database = 'modelship'): Promise<TestPostgres> {
  const bin = findPostgresBin();
  const dir = await mkdtemp(join(tmpdir(), 'modelship-pg-'));
  const asUser = await serverUser(dir);
  const user = 'modelship';
  const password = 'test-password';
  const data = join(dir, 'data');
  const pwfile = join(dir, 'pwfile');
  await writeFile(pwfile, `${password}\n`);
  if (asUser.length > 0) await chown(pwfile, ...(await postgresIds()));
  let started = false;
  const stop = async (): Promise<void> => {
    if (started)
      await run(
        ...command(asUser, join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']),
      ).catch(() => undefined);
    started = false;
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await run(
      ...command(asUser, join(bin, 'initdb'), [
        '-D',
        data,
        '-U',
        user,
        `--pwfile=${pwfile}`,
        '-A',
        'scram-sha-256',
        '--no-sync',
        '-E',
        'UTF8',
        '--locale=C',
      ]),
    );
    const port = await findFreePort();
    const options = `-k ${dir} -p ${port} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
    await run(
      ...command(asUser, join(bin, 'pg_ctl'), [
        '-D',
        data,
        '-l',
        join(dir, 'log'),
        '-o',
        options,
        '-w',
        'start',
      ]),
    );
    started = true;
    const env = { ...process.env, PGPASSWORD: password };
    const psql = async (text: string, db = database): Promise<string> =>
      (
        await run(
          'psql',
          [
            '-h',
            '127.0.0.1',
            '-p',
            String(port),
            '-U',
            user,
            '-d',
            db,
            '-v',
            'ON_ERROR_STOP=1',
            '-qAtX',
            '-c',
            text,
          ],
          { env, maxBuffer: 64 * 1024 * 1024 },
        )
      ).stdout;
    await psql(`CREATE DATABASE ${database}`, 'postgres');
    return {
      url: `postgres://${user}:${password}@127.0.0.1:${port}/${database}`,
      port,
      database,
      user,
      password,
      sql: (text) => psql(text),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

// --- internal ---

function findPostgresBin(): string {
  for (const dir of (process.env['PATH'] ?? '').split(':')) {
    if (dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  }
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const dir = join(root, version, 'bin');
    if (existsSync(join(dir, 'initdb'))) return dir;
  }
  throw new Error(
    'PostgreSQL is not installed (no initdb): run `apt-get install postgresql` (.ci/run does).',
  );
}

// Under root the server runs as `postgres`, which must own the folder.
async function serverUser(dir: string): Promise<string[]> {
  if (userInfo().uid !== 0) return [];
  await chown(dir, ...(await postgresIds()));
  await chmod(dir, 0o700);
  return ['runuser', '-u', 'postgres', '--'];
}

async function postgresIds(): Promise<[number, number]> {
  try {
    const [uid, gid] = await Promise.all([
      run('id', ['-u', 'postgres']),
      run('id', ['-g', 'postgres']),
    ]);
    return [Number(uid.stdout.trim()), Number(gid.stdout.trim())];
  } catch (error) {
    throw new Error(
      'Running as root, and there is no `postgres` user to run PostgreSQL as (the postgresql package creates it).',
      { cause: error },
    );
  }
}

function command(prefix: string[], file: string, args: string[]): [string, string[]] {
  const [runner, ...runnerArgs] = prefix;
  return runner === undefined ? [file, args] : [runner, [...runnerArgs, file, ...args]];
}
