/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test infrastructure: it runs n8n processes, it is not part of the node */
/**
 * n8n in queue mode on one host: Redis + PostgreSQL, one main (takes the webhooks) and workers
 * (execute), all sharing the database, the queue and the encryption key. The package is installed
 * from its tarball into the user folder main and the workers share (the driver's 'package' mode);
 * a worker can also be started from an empty user folder, i.e. without the package.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { createN8n, freePort } from '../../tooling/n8n';
import type { N8nInstance } from '../../tooling/n8n';
import type { BackgroundProcess } from './processes';
import { startProcess, stopAll, waitFor } from './processes';
import {
	POSTGRES_DATABASE,
	POSTGRES_USER,
	ensureDebianPackages,
	startPostgres,
	startRedis,
} from './services';

/** The n8n version whose config source (@n8n/config) the settings below were checked against. */
export const QUEUE_N8N_VERSION = '2.41.1';

/**
 * The settings that matter in queue mode . Finished jobs are
 * kept in Redis: with the default 0 a job that finishes before main starts waiting for it is
 * already gone, and that webhook call never gets an answer.
 */
export const QUEUE_RETENTION = {
	N8N_EXECUTIONS_QUEUE_KEEP_LAST_COMPLETED: '1000',
	N8N_EXECUTIONS_QUEUE_KEEP_LAST_FAILED: '1000',
};
/** n8n loads every node at start; on a busy 2-core machine that takes minutes, not seconds. */
const STARTUP_TIMEOUT_MS = 240000;
/** Per worker; n8n warns below 5. Low enough that 20 concurrent calls need both workers. */
export const WORKER_CONCURRENCY = 5;

export interface Worker {
	readonly label: string;
	readonly process: BackgroundProcess;
	readonly healthUrl: string;
}

export type QueueCluster = Awaited<ReturnType<typeof startQueueCluster>>;

/**
 * A worker's ID is `worker-<hostname>` inside a container (else random), so workers on one host
 * share it; n8n has no setting for it. As root, a UTS namespace of its own gives each worker its
 * own hostname. Elsewhere the workers keep the shared ID (the logs still tell them apart).
 */
function ownHostnameAvailable(): boolean {
	if (typeof process.getuid !== 'function' || process.getuid() !== 0) return false;
	const probe = spawnSync('unshare', ['--uts', '--', 'hostname', 'probe'], { timeout: 5000 });
	return probe.status === 0;
}

export async function startQueueCluster(log: (line: string) => void) {
	const { redisServer, postgresBin } = ensureDebianPackages(log);
	const root = mkdtempSync(path.join(os.tmpdir(), 'milvus-alias-queue-'));
	const keepFiles = Boolean(process.env.MILVUS_ALIAS_E2E_KEEP);
	let n8n: N8nInstance | undefined;
	const workers: Worker[] = [];

	/** Workers, then main, then the services they use. */
	async function stop() {
		await Promise.all(workers.map((worker) => worker.process.stop()));
		if (n8n) await n8n.dispose();
		await stopAll();
		if (keepFiles) log(`kept ${root} (logs, database)`);
		else rmSync(root, { recursive: true, force: true });
	}

	let ready = false;
	try {
		const redisPort = await freePort();
		const postgresPort = await freePort();
		await startRedis(redisServer, { port: redisPort, dir: path.join(root, 'redis') });
		await startPostgres(postgresBin, { port: postgresPort, dir: path.join(root, 'postgres') });
		log(`redis on 127.0.0.1:${redisPort}, postgres on 127.0.0.1:${postgresPort}`);

		const sharedEnv: Record<string, string> = {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(postgresPort),
			DB_POSTGRESDB_USER: POSTGRES_USER,
			DB_POSTGRESDB_PASSWORD: '',
			DB_POSTGRESDB_DATABASE: POSTGRES_DATABASE,
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redisPort),
			...QUEUE_RETENTION,
		};
		n8n = await createN8n({ mode: 'package', version: QUEUE_N8N_VERSION, env: sharedEnv });
		const instance = n8n;
		log(`package installed from its tarball into ${instance.packageDir} (${instance.nodeType})`);

		/** Main activates the published workflows when it starts: import and publish first. */
		async function startMain() {
			const main = await instance.startServer({ readyTimeoutMs: STARTUP_TIMEOUT_MS });
			log(`main ready at ${main.baseUrl} (pid ${main.pid})`);
			return main;
		}

		const ownHostname = ownHostnameAvailable();

		async function startWorker(
			label: string,
			{ withPackage = true }: { withPackage?: boolean } = {},
		): Promise<Worker> {
			const healthPort = await freePort();
			const env: Record<string, string> = {
				...instance.env,
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(healthPort),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			};
			if (!withPackage) {
				env.N8N_USER_FOLDER = path.join(root, `${label}-home`);
				mkdirSync(env.N8N_USER_FOLDER, { recursive: true });
			}
			const n8nArgs = [instance.install.n8nMain, 'worker', `--concurrency=${WORKER_CONCURRENCY}`];
			const [command, args] = ownHostname
				? [
						'unshare',
						[
							'--uts',
							'--',
							'sh',
							'-c',
							'hostname "$0" && exec "$@"',
							label,
							instance.install.node,
							...n8nArgs,
						],
					]
				: [instance.install.node, n8nArgs];
			const worker = startProcess({
				name: label,
				command,
				args,
				env,
				cwd: root,
				logFile: path.join(root, `${label}.log`),
			});
			const healthUrl = `http://127.0.0.1:${healthPort}/healthz/readiness`;
			await waitFor(
				async () => {
					if (worker.exited()) return true;
					try {
						const response = await fetch(healthUrl, { signal: AbortSignal.timeout(2000) });
						return response.ok && /n8n worker is now ready/.test(worker.log());
					} catch {
						return false;
					}
				},
				{
					timeoutMs: STARTUP_TIMEOUT_MS,
					intervalMs: 500,
					describe: () => `${label} did not become ready:\n${worker.log().slice(-3000)}`,
				},
			);
			if (worker.exited())
				throw new Error(`${label} exited at start:\n${worker.log().slice(-3000)}`);
			log(`${label} ready (pid ${worker.pid}${withPackage ? '' : ', without the package'})`);
			const started = { label, process: worker, healthUrl };
			workers.push(started);
			return started;
		}

		ready = true;
		return {
			n8n: instance,
			root,
			startMain,
			ownHostname,
			startWorker,
			stop,
		};
	} finally {
		// A failed start leaves nothing running.
		if (!ready) await stop();
	}
}
