#!/usr/bin/env node
'use strict';
/**
 * `npm run test:e2e`: the real-n8n end-to-end suite in one command.
 *   1. bash scripts/setup-n8n.sh   (Node 24 + n8n 2.41.1 into the cache; instant when cached)
 *   2. npm run build               (dist/ is what n8n loads)
 *   3. jest --config jest.e2e.config.js --runInBand [extra args, e.g. a test path or -t name]
 * Exits with the first failing step's code. Set MILVUS_ALIAS_E2E_SKIP_SETUP=1 or
 * MILVUS_ALIAS_E2E_SKIP_BUILD=1 to skip a step (e.g. when the caller already did it).
 */
const childProcess = require('node:child_process');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

function step(label, command, args, timeoutMs) {
	const started = Date.now();
	process.stdout.write(`\n[e2e] ${label}: ${command} ${args.join(' ')}\n`);
	const result = childProcess.spawnSync(command, args, {
		cwd: ROOT,
		stdio: 'inherit',
		timeout: timeoutMs,
		killSignal: 'SIGKILL',
	});
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	if (result.error) {
		process.stderr.write(`[e2e] ${label} failed after ${seconds} s: ${result.error.message}\n`);
		return 1;
	}
	const code = result.status === null ? 1 : result.status;
	process.stdout.write(`[e2e] ${label}: exit ${code} after ${seconds} s\n`);
	return code;
}

function main() {
	const started = Date.now();
	const steps = [];
	if (!process.env.MILVUS_ALIAS_E2E_SKIP_SETUP)
		steps.push(['setup', 'bash', ['scripts/setup-n8n.sh'], 30 * 60000]);
	if (!process.env.MILVUS_ALIAS_E2E_SKIP_BUILD)
		steps.push(['build', 'npm', ['run', 'build'], 5 * 60000]);
	const jest = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
	steps.push([
		'jest',
		process.execPath,
		[jest, '--config', 'jest.e2e.config.js', '--runInBand', ...process.argv.slice(2)],
		20 * 60000,
	]);
	for (const [label, command, args, timeoutMs] of steps) {
		const code = step(label, command, args, timeoutMs);
		if (code !== 0) return code;
	}
	process.stdout.write(`[e2e] all green in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
	return 0;
}

process.exitCode = main();
