/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- development tooling, never part of the package: it installs and runs n8n processes */
/**
 * One step of a tooling command (setup, build, a test runner): run, bounded in time, with its
 * output shown, and report how long it took. Shared by the e2e runner, the demo, the benchmark
 * and the other suites, so each says the same thing about what it is doing.
 */
import childProcess from 'node:child_process';

import { REPO_ROOT } from './n8n/versions';

export interface StepOptions {
	timeoutMs: number;
	/** Capture output instead of showing it (printed only when the step fails). */
	quiet?: boolean;
	env?: NodeJS.ProcessEnv;
	/** Prefix of the progress lines, e.g. "e2e" → "[e2e] build: …". */
	tag: string;
}

export function runStep(
	label: string,
	command: string,
	args: string[],
	{ timeoutMs, quiet = false, env, tag }: StepOptions,
): number {
	const started = Date.now();
	process.stdout.write(`[${tag}] ${label}: ${command} ${args.join(' ')}\n`);
	const result = childProcess.spawnSync(command, args, {
		cwd: REPO_ROOT,
		env: env ?? process.env,
		stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
		encoding: 'utf8',
		timeout: timeoutMs,
		killSignal: 'SIGKILL',
	});
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	if (result.error) {
		process.stderr.write(`[${tag}] ${label} failed after ${seconds} s: ${result.error.message}\n`);
		return 1;
	}
	const code = result.status ?? 1;
	if (code !== 0 && quiet) process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
	process.stdout.write(`[${tag}] ${label}: exit ${code} after ${seconds} s\n`);
	return code;
}
