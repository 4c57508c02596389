/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- development tooling, never part of the package */
/**
 * `npm run test:e2e [-- --n8n <version>|all] [jest args]`: the real-n8n end-to-end suites in one
 * command, for one tested n8n version (default: versions.json's default) or all of them:
 *   1. bash tooling/n8n/setup.sh <version>   (Node.js + n8n into the cache; instant when cached)
 *   2. npm run build                         (dist/ is what n8n loads)
 *   3. jest --config jest.e2e.config.js      (MILVUS_ALIAS_N8N_VERSION tells the suites the version)
 * The version can also come from MILVUS_ALIAS_N8N_VERSION. MILVUS_ALIAS_E2E_SKIP_BUILD=1 skips the
 * build when the caller just did it. Exits with the first failing step's code.
 */
import path from 'node:path';

import { runStep } from '../run-step';
import { DEFAULT_N8N_VERSION, N8N_VERSIONS, REPO_ROOT, SETUP_SCRIPT } from './versions';

function parseArguments(argv: string[]): { versions: string[]; jestArgs: string[] } {
	const jestArgs: string[] = [];
	let requested = process.env.MILVUS_ALIAS_N8N_VERSION || DEFAULT_N8N_VERSION;
	for (let index = 0; index < argv.length; index++) {
		if (argv[index] === '--n8n') requested = argv[++index] ?? '';
		else if (argv[index].startsWith('--n8n=')) requested = argv[index].slice('--n8n='.length);
		else jestArgs.push(argv[index]);
	}
	const tested = Object.keys(N8N_VERSIONS);
	const versions = requested === 'all' ? tested : [requested];
	for (const version of versions) {
		if (!tested.includes(version)) {
			throw new Error(`--n8n ${version}: not a tested version (${tested.join(', ')} or all)`);
		}
	}
	return { versions, jestArgs };
}

function main(): number {
	const started = Date.now();
	const { versions, jestArgs } = parseArguments(process.argv.slice(2));
	const step = (
		label: string,
		command: string,
		args: string[],
		timeoutMs: number,
		env = process.env,
	) => runStep(label, command, args, { timeoutMs, env, tag: 'e2e' });

	for (const version of versions) {
		const code = step(`setup n8n ${version}`, 'bash', [SETUP_SCRIPT, version], 40 * 60000);
		if (code !== 0) return code;
	}
	if (!process.env.MILVUS_ALIAS_E2E_SKIP_BUILD) {
		const code = step('build', 'npm', ['run', 'build'], 5 * 60000);
		if (code !== 0) return code;
	}
	const jest = path.join(REPO_ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
	for (const version of versions) {
		const env = { ...process.env, MILVUS_ALIAS_N8N_VERSION: version };
		const args = [jest, '--config', 'jest.e2e.config.js', '--runInBand', ...jestArgs];
		const code = step(`suites on n8n ${version}`, process.execPath, args, 40 * 60000, env);
		if (code !== 0) return code;
	}
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	process.stdout.write(`[e2e] all green on n8n ${versions.join(' and ')} in ${seconds} s\n`);
	return 0;
}

process.exitCode = main();
