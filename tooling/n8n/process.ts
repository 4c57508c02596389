/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- development tooling, never part of the package: it installs and runs n8n processes */
/** Bounded child processes for the n8n driver: own process group, output to a file, hard limits. */
import childProcess from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';

export interface BoundedResult {
	/** Exit code; 128 + signal number when killed; 124/137 when `timeout` stopped it. */
	rc: number;
	output: string;
	ms: number;
	timedOut: boolean;
}

/** A free TCP port on 127.0.0.1 (released before returning; a small race is accepted). */
export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/** Kills a whole process group, ignoring "already gone". */
export function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
	if (!pid) return;
	try {
		process.kill(-pid, signal);
	} catch {
		// gone already
	}
}

/** Waits for `promise` at most `ms`, leaving no timer behind. */
export async function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
	let timer: NodeJS.Timeout | undefined;
	await Promise.race([
		promise,
		new Promise((resolve) => (timer = setTimeout(resolve, ms))),
	]).finally(() => clearTimeout(timer));
}

export function tail(text: string, lines = 40): string {
	return text.split('\n').slice(-lines).join('\n');
}

/**
 * Runs a command in its own process group with stdout+stderr going to `outFile`, bounded by
 * `timeout -k 10 <s>` and, as a last resort, a timer that SIGKILLs the group.
 */
export async function runBounded(
	command: string,
	args: string[],
	options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number; outFile: string },
): Promise<BoundedResult> {
	const { cwd, env, timeoutMs, outFile } = options;
	const seconds = Math.max(1, Math.ceil(timeoutMs / 1000));
	const started = Date.now();
	return await new Promise((resolve, reject) => {
		const fd = fs.openSync(outFile, 'w');
		let child: childProcess.ChildProcess;
		try {
			child = childProcess.spawn('timeout', ['-k', '10', String(seconds), command, ...args], {
				cwd,
				env,
				stdio: ['ignore', fd, fd],
				detached: true,
			});
		} catch (error) {
			fs.closeSync(fd);
			reject(error);
			return;
		}
		fs.closeSync(fd);
		const guard = setTimeout(() => killGroup(child.pid, 'SIGKILL'), timeoutMs + 20000);
		child.on('error', (error) => {
			clearTimeout(guard);
			reject(error);
		});
		child.on('exit', (code, signal) => {
			clearTimeout(guard);
			// Children of n8n (the task runner) must not outlive the call.
			killGroup(child.pid, 'SIGKILL');
			const rc = code ?? 128 + ((signal && os.constants.signals[signal]) || 9);
			const output = fs.existsSync(outFile) ? fs.readFileSync(outFile, 'utf8') : '';
			resolve({ rc, output, ms: Date.now() - started, timedOut: rc === 124 || rc === 137 });
		});
	});
}
