/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test infrastructure: it starts and stops OS processes, it is not part of the node */
/**
 * Long-running helper processes of the queue-mode suite (Redis, PostgreSQL, n8n main and workers):
 * each in its own process group with its output in a log file, stopped by its PID. Everything
 * started here is also stopped when the suite ends early (SIGINT, SIGTERM, an uncaught error).
 */
import { spawn, spawnSync } from 'node:child_process';
import type { SpawnOptions } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';

import { killGroup, settleWithin } from '../../tooling/n8n/process';

export interface BackgroundProcess {
	readonly name: string;
	readonly pid: number;
	readonly logFile: string;
	/** The whole log so far. */
	log(): string;
	/** The log written since `mark` (a length returned by `log().length` earlier). */
	logSince(mark: number): string;
	exited(): boolean;
	/** SIGTERM to the group, SIGKILL after `graceMs`; resolves once the process is gone. Idempotent. */
	stop(graceMs?: number): Promise<void>;
}

export interface StartOptions {
	name: string;
	command: string;
	args: string[];
	logFile: string;
	env?: NodeJS.ProcessEnv;
	cwd?: string;
	/** Run as this user (e.g. PostgreSQL refuses to run as root). */
	uid?: number;
	gid?: number;
}

const running = new Set<BackgroundProcess>();

export function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

export function startProcess(options: StartOptions): BackgroundProcess {
	const fd = openSync(options.logFile, 'a');
	const spawnOptions: SpawnOptions = {
		cwd: options.cwd,
		env: options.env ?? process.env,
		stdio: ['ignore', fd, fd],
		detached: true,
	};
	if (options.uid !== undefined) spawnOptions.uid = options.uid;
	if (options.gid !== undefined) spawnOptions.gid = options.gid;
	const child = spawn(options.command, options.args, spawnOptions);
	closeSync(fd);
	if (child.pid === undefined)
		throw new Error(`${options.name}: could not start ${options.command}`);
	const pid = child.pid;
	let hasExited = false;
	const exit = new Promise<void>((resolve) => {
		child.on('exit', () => {
			hasExited = true;
			resolve();
		});
		child.on('error', () => {
			hasExited = true;
			resolve();
		});
	});
	const read = () => (existsSync(options.logFile) ? readFileSync(options.logFile, 'utf8') : '');
	const handle: BackgroundProcess = {
		name: options.name,
		pid,
		logFile: options.logFile,
		log: read,
		logSince: (mark) => read().slice(mark),
		exited: () => hasExited,
		async stop(graceMs = 10000) {
			if (!hasExited) {
				killGroup(pid, 'SIGTERM');
				await settleWithin(exit, graceMs);
				if (!hasExited) {
					killGroup(pid, 'SIGKILL');
					await settleWithin(exit, 5000);
				}
			}
			// Children that outlived their parent (n8n's task runner) belong to the same group.
			killGroup(pid, 'SIGKILL');
			running.delete(handle);
		},
	};
	running.add(handle);
	return handle;
}

/** Stops every process still running, newest first (workers before main before the services). */
export async function stopAll(): Promise<void> {
	for (const handle of [...running].reverse()) await handle.stop();
}

/** Runs a command to completion under coreutils `timeout`; throws with its output when it fails. */
export function runChecked(
	command: string,
	args: string[],
	options: { timeoutSeconds: number; env?: NodeJS.ProcessEnv; uid?: number; gid?: number },
): string {
	const result = spawnSync(
		'timeout',
		['-k', '5', String(options.timeoutSeconds), command, ...args],
		{
			env: options.env ?? process.env,
			encoding: 'utf8',
			uid: options.uid,
			gid: options.gid,
			maxBuffer: 64 * 1024 * 1024,
		},
	);
	const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
	if (result.error || result.status !== 0) {
		const reason = result.error ? result.error.message : `exit code ${result.status}`;
		throw new Error(`${command} ${args.join(' ')} failed (${reason}):\n${output.slice(-4000)}`);
	}
	return output;
}

/** Polls `check` every `intervalMs` until it returns true; throws `describe()` after `timeoutMs`. */
export async function waitFor(
	check: () => Promise<boolean> | boolean,
	{
		timeoutMs,
		intervalMs = 250,
		describe,
	}: { timeoutMs: number; intervalMs?: number; describe: () => string },
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await check()) return;
		await delay(intervalMs);
	}
	throw new Error(`timed out after ${timeoutMs} ms: ${describe()}`);
}

let handlersInstalled = false;
let interrupted = false;

/**
 * On SIGINT/SIGTERM: run `cleanup`, stop whatever is still running (bounded), then exit 130/143.
 * On any exit: SIGKILL what is left.
 */
export function stopEverythingOnInterrupt(cleanup: () => Promise<void>): void {
	if (handlersInstalled) return;
	handlersInstalled = true;
	for (const [signal, code] of [
		['SIGINT', 130],
		['SIGTERM', 143],
	] as const) {
		// Not `once`: npm and tsx pass the same Ctrl-C on again, and a second delivery without a
		// listener would end the process before the cleanup is done.
		process.on(signal, () => {
			if (interrupted) return;
			interrupted = true;
			process.stderr.write(`\n[queue] ${signal}: stopping everything that was started\n`);
			const everything = cleanup()
				.catch(() => undefined)
				.then(stopAll);
			void settleWithin(everything, 60000).finally(() => process.exit(code));
		});
	}
	process.on('exit', () => {
		for (const handle of running) killGroup(handle.pid, 'SIGKILL');
	});
}
