/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test infrastructure: it installs and runs Redis and PostgreSQL, it is not part of the node */
/**
 * The two services n8n's queue mode needs, throwaway and on loopback: Redis (the queue) and a
 * PostgreSQL cluster in a temp dir (the database main and workers share). Debian's packages are
 * installed when missing.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

import type { BackgroundProcess } from './processes';
import { runChecked, startProcess, waitFor } from './processes';

const POSTGRES_ROOT = '/usr/lib/postgresql';
/** The role n8n logs in with; trust authentication, loopback only. */
export const POSTGRES_USER = 'n8n';
export const POSTGRES_DATABASE = 'postgres';

function redisServerBinary(): string | undefined {
	return ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((file) => existsSync(file));
}

/** The bin dir of the newest PostgreSQL that Debian installed, e.g. /usr/lib/postgresql/15/bin. */
function postgresBinDir(): string | undefined {
	if (!existsSync(POSTGRES_ROOT)) return undefined;
	const versions = readdirSync(POSTGRES_ROOT)
		.filter((name) => existsSync(path.join(POSTGRES_ROOT, name, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(POSTGRES_ROOT, versions[0], 'bin') : undefined;
}

function isRoot(): boolean {
	return typeof process.getuid === 'function' && process.getuid() === 0;
}

/**
 * Installs `redis-server` and `postgresql` with apt-get when they are missing. RUNLEVEL=1 keeps
 * their install scripts from starting system-wide daemons this suite would then not own.
 */
export function ensureDebianPackages(log: (line: string) => void): {
	redisServer: string;
	postgresBin: string;
} {
	const missing: string[] = [];
	if (!redisServerBinary()) missing.push('redis-server');
	if (!postgresBinDir()) missing.push('postgresql');
	if (missing.length) {
		if (!isRoot()) {
			throw new Error(
				`Missing ${missing.join(' and ')}: install them (as root: apt-get install -y ${missing.join(' ')}) and run again.`,
			);
		}
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive', RUNLEVEL: '1' };
		const install = ['install', '-y', '--no-install-recommends', ...missing];
		log(`installing ${missing.join(', ')} with apt-get`);
		try {
			runChecked('apt-get', install, { timeoutSeconds: 600, env });
		} catch {
			log('apt-get install failed; running apt-get update once and retrying');
			runChecked('apt-get', ['update'], { timeoutSeconds: 300, env });
			runChecked('apt-get', install, { timeoutSeconds: 600, env });
		}
	}
	const redisServer = redisServerBinary();
	const postgresBin = postgresBinDir();
	if (!redisServer || !postgresBin)
		throw new Error('redis-server or PostgreSQL is still missing after apt-get install');
	return { redisServer, postgresBin };
}

export async function startRedis(
	redisServer: string,
	{ port, dir }: { port: number; dir: string },
): Promise<BackgroundProcess> {
	mkdirSync(dir, { recursive: true });
	const redis = startProcess({
		name: 'redis',
		command: redisServer,
		// No persistence: the queue lives only as long as this run.
		args: [
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
		],
		cwd: dir,
		logFile: path.join(dir, 'redis.log'),
	});
	await waitFor(() => redis.exited() || /Ready to accept connections/.test(redis.log()), {
		timeoutMs: 20000,
		describe: () => `Redis did not become ready:\n${redis.log().slice(-2000)}`,
	});
	if (redis.exited()) throw new Error(`Redis exited at start:\n${redis.log().slice(-2000)}`);
	return redis;
}

/** PostgreSQL refuses to run as root: use Debian's `postgres` account then. */
function postgresAccount(): { uid: number; gid: number } | undefined {
	if (!isRoot()) return undefined;
	const lookup = (flag: string) =>
		spawnSync('id', [flag, 'postgres'], { encoding: 'utf8', timeout: 5000 }).stdout.trim();
	const uid = Number(lookup('-u'));
	const gid = Number(lookup('-g'));
	if (!Number.isInteger(uid) || uid <= 0 || !Number.isInteger(gid))
		throw new Error(
			"Running as root needs the `postgres` user that Debian's postgresql package creates",
		);
	return { uid, gid };
}

export async function startPostgres(
	postgresBin: string,
	{ port, dir }: { port: number; dir: string },
): Promise<BackgroundProcess> {
	const account = postgresAccount();
	mkdirSync(dir, { recursive: true });
	const dataDir = path.join(dir, 'data');
	if (account) {
		chownSync(dir, account.uid, account.gid);
		// The account must reach `dir` through its (root-owned, private) temp parent.
		chmodSync(path.dirname(dir), 0o711);
	}
	runChecked(
		path.join(postgresBin, 'initdb'),
		['-D', dataDir, '-U', POSTGRES_USER, '--auth=trust', '-E', 'UTF8', '--no-sync'],
		{ timeoutSeconds: 120, ...account },
	);
	const postgres = startProcess({
		name: 'postgres',
		command: path.join(postgresBin, 'postgres'),
		args: [
			'-D',
			dataDir,
			'-p',
			String(port),
			'-k',
			dir,
			'-c',
			'listen_addresses=127.0.0.1',
			// A throwaway cluster: durability only costs time here.
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
		],
		cwd: dir,
		logFile: path.join(dir, 'postgres.log'),
		...account,
	});
	await waitFor(() => postgres.exited() || /ready to accept connections/.test(postgres.log()), {
		timeoutMs: 30000,
		describe: () => `PostgreSQL did not become ready:\n${postgres.log().slice(-2000)}`,
	});
	if (postgres.exited())
		throw new Error(`PostgreSQL exited at start:\n${postgres.log().slice(-2000)}`);
	return postgres;
}
