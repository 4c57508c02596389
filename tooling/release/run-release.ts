/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- development tooling, never part of the package */
/**
 * `npm run release`: lint, the workflow files, typecheck, unit tests, a fresh build, `npm pack`,
 * then proof that the tarball holds exactly that build (pack-check.ts) and the lint legs of n8n's
 * scanner on the source and the tarball (scan-package.ts). With `--publish` it then
 * publishes that tarball with provenance, which the guard (publish-guard.ts) allows only in the
 * tag-triggered workflow .github/workflows/publish.yml; `--publish --dry-run` runs everything up
 * to `npm publish --dry-run`, anywhere. `--skip-checks` leaves out lint, typecheck and tests.
 */
import fs from 'node:fs';
import path from 'node:path';

import { REPO_ROOT } from '../n8n/versions';
import { runStep } from '../run-step';
import { compareTarballWithBuild, describeDifferences } from './pack-check';
import { publishRefusal } from './publish-guard';
import { scanBeforePublish } from './scan-package';
import { parseReleaseArgs, publishArgs, releaseSteps } from './release-plan';

const say = (text: string) => process.stdout.write(`[release] ${text}\n`);
const fail = (text: string) => {
	process.stderr.write(`[release] ${text}\n`);
	return 1;
};

function main(argv: string[]): number {
	let options;
	try {
		options = parseReleaseArgs(argv);
	} catch (error) {
		return fail((error as Error).message);
	}
	const outDir = path.join(REPO_ROOT, '.cache', 'release');
	fs.rmSync(outDir, { recursive: true, force: true });
	fs.mkdirSync(outDir, { recursive: true });
	for (const step of releaseSteps(options, outDir)) {
		const code = runStep(step.label, 'npm', step.npmArgs, {
			timeoutMs: step.timeoutMs,
			tag: 'release',
		});
		if (code !== 0) return code;
	}
	const tarballs = fs.readdirSync(outDir).filter((name) => name.endsWith('.tgz'));
	if (tarballs.length !== 1)
		return fail(`expected one tarball in ${outDir}, found ${tarballs.length}`);
	const tarball = path.relative(REPO_ROOT, path.join(outDir, tarballs[0]));
	const problem = describeDifferences(
		compareTarballWithBuild(path.join(REPO_ROOT, tarball), path.join(REPO_ROOT, 'dist')),
	);
	if (problem) return fail(`the tarball does not match the fresh build: ${problem}`);
	say(`${tarball} holds exactly the fresh build.`);
	say("n8n's scanner (@n8n/scan-community-package), lint legs on the source and the tarball: …");
	for (const leg of scanBeforePublish(REPO_ROOT, path.join(REPO_ROOT, tarball))) {
		if (!leg.passed) return fail(`n8n's scanner fails the ${leg.leg}:\n${leg.report ?? ''}`);
		say(`n8n's scanner passes the ${leg.leg}.`);
	}
	if (!options.publish) {
		say('Publishing happens in GitHub Actions: push the tag <version> (see README, Releasing).');
		return 0;
	}
	const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
		version: string;
	};
	const refusal = publishRefusal(process.env, { version, provenance: true });
	if (refusal && !options.dryRun) return fail(`not publishing: ${refusal}`);
	if (refusal) say(`dry run; a real publish here would be refused: ${refusal}`);
	return runStep('publish', 'npm', publishArgs(tarball, options.dryRun), {
		timeoutMs: 5 * 60000,
		tag: 'release',
	});
}

process.exitCode = main(process.argv.slice(2));
