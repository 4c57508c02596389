/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- development tooling, never part of the package */
/**
 * `npm run release`: lint, typecheck, unit tests, a fresh build, `npm pack`, then proof that the
 * tarball holds exactly that build (tooling/release/pack-check.ts). It publishes nothing: the
 * tarball it prints is what `npm publish <tarball> --provenance` uploads from CI.
 */
import fs from 'node:fs';
import path from 'node:path';

import { REPO_ROOT } from '../n8n/versions';
import { runStep } from '../run-step';
import { compareTarballWithBuild, describeDifferences } from './pack-check';

function main(): number {
	const outDir = path.join(REPO_ROOT, '.cache', 'release');
	fs.rmSync(outDir, { recursive: true, force: true });
	fs.mkdirSync(outDir, { recursive: true });
	const steps: Array<[string, string[], number]> = [
		['lint', ['run', 'lint'], 5 * 60000],
		['typecheck', ['run', 'typecheck'], 5 * 60000],
		['unit tests', ['test'], 20 * 60000],
		['build', ['run', 'build'], 5 * 60000],
		['pack', ['pack', '--ignore-scripts', '--pack-destination', outDir], 2 * 60000],
	];
	for (const [label, args, timeoutMs] of steps) {
		const code = runStep(label, 'npm', args, { timeoutMs, tag: 'release' });
		if (code !== 0) return code;
	}
	const tarballs = fs.readdirSync(outDir).filter((name) => name.endsWith('.tgz'));
	if (tarballs.length !== 1) {
		process.stderr.write(`[release] expected one tarball in ${outDir}, found ${tarballs.length}\n`);
		return 1;
	}
	const tarball = path.join(outDir, tarballs[0]);
	const problem = describeDifferences(
		compareTarballWithBuild(tarball, path.join(REPO_ROOT, 'dist')),
	);
	if (problem) {
		process.stderr.write(`[release] the tarball does not match the fresh build: ${problem}\n`);
		return 1;
	}
	process.stdout.write(
		`[release] ${path.relative(REPO_ROOT, tarball)} holds exactly the fresh build.\n` +
			`[release] Publish it from CI with provenance: npm publish ${path.relative(REPO_ROOT, tarball)} --provenance\n`,
	);
	return 0;
}

process.exitCode = main();
