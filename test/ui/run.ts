/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- development tooling, never part of the package 
/**
 * `npm run test:ui`: the browser suite in one command.
 *   1. bash test/ui/install-chromium.sh         (Chromium from Debian when missing)
 *   2. bash tooling/n8n/setup.sh <version>      (Node.js + n8n 2.41.1 into the cache when missing)
 *   3. npm run build                            (the tarball n8n installs is packed from dist/)
 *   4. node:test on test/ui/editor.ui.ts        (emulator, n8n start, Chromium; all stopped after)
 * The suite takes the README's pictures at the steps they show and fails when one is missing,
 * differs from docs/images beyond a small tolerance, or shows a node marked with a warning.
 * `npm run docs:screenshots` is the same with MILVUS_ALIAS_UI_SCREENSHOTS=docs/images: the suite
 * then writes the pictures instead of comparing them. Exits with the first failing step's code.
 */
import path from 'node:path';

import { DEFAULT_N8N_VERSION, REPO_ROOT, SETUP_SCRIPT } from '../../tooling/n8n/versions';
import { runStep } from '../../tooling/run-step';

function main(): number {
	const started = Date.now();
	const step = (label: string, command: string, args: string[], timeoutMs: number) =>
		runStep(label, command, args, { timeoutMs, tag: 'ui' });
	const steps: Array<[string, string, string[], number]> = [
		['chromium', 'bash', [path.join(REPO_ROOT, 'test', 'ui', 'install-chromium.sh')], 20 * 60000],
		[`setup n8n ${DEFAULT_N8N_VERSION}`, 'bash', [SETUP_SCRIPT, DEFAULT_N8N_VERSION], 40 * 60000],
		['build', 'npm', ['run', 'build'], 5 * 60000],
		[
			'browser suite',
			process.execPath,
			[
				path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
				'--test',
				'--test-concurrency=1',
				'--test-timeout=400000',
				path.join(REPO_ROOT, 'test', 'ui', 'editor.ui.ts'),
			],
			20 * 60000,
		],
	];
	for (const [label, command, args, timeoutMs] of steps) {
		const code = step(label, command, args, timeoutMs);
		if (code !== 0) return code;
	}
	process.stdout.write(`[ui] all green in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
	return 0;
}

process.exitCode = main();
