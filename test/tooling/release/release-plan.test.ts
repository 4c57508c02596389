import { parseReleaseArgs, publishArgs, releaseSteps } from '../../../tooling/release/release-plan';

describe('npm run release arguments', () => {
	it('packs only by default; --publish, --dry-run and --skip-checks switch on', () => {
		expect(parseReleaseArgs([])).toEqual({ publish: false, dryRun: false, skipChecks: false });
		expect(parseReleaseArgs(['--skip-checks', '--publish', '--dry-run'])).toEqual({
			publish: true,
			dryRun: true,
			skipChecks: true,
		});
	});

	it('refuses an unknown argument and a dry run without --publish', () => {
		expect(() => parseReleaseArgs(['--provenance'])).toThrow(
			'unknown argument "--provenance"; use --publish, --dry-run, --skip-checks',
		);
		expect(() => parseReleaseArgs(['--dry-run'])).toThrow(
			'--dry-run goes with --publish (it runs npm publish --dry-run)',
		);
	});
});

describe('release steps', () => {
	it('checks (lint, workflow files, typecheck, tests), then a fresh build and pack', () => {
		const steps = releaseSteps(parseReleaseArgs(['--publish']), '/out');
		expect(steps.map((s) => `${s.label}: npm ${s.npmArgs.join(' ')}`)).toEqual([
			'lint: npm run lint',
			'workflow files: npm run lint:workflows',
			'typecheck: npm run typecheck',
			'unit tests: npm test',
			'build: npm run build',
			'pack: npm pack --ignore-scripts --pack-destination /out',
		]);
		expect(steps.every((s) => s.timeoutMs > 0 && s.timeoutMs <= 20 * 60000)).toBe(true);
	});

	it('--skip-checks keeps the build and the pack', () => {
		expect(releaseSteps(parseReleaseArgs(['--skip-checks']), '/out').map((s) => s.label)).toEqual([
			'build',
			'pack',
		]);
	});
});

describe('publish command', () => {
	it('publishes the verified tarball with provenance and public access', () => {
		expect(publishArgs('.cache/release/x-0.2.0.tgz', false)).toEqual([
			'publish',
			'.cache/release/x-0.2.0.tgz',
			'--provenance',
			'--access',
			'public',
		]);
	});

	it('a dry run uploads nothing and does not depend on what the registry holds', () => {
		expect(publishArgs('x.tgz', true)).toEqual([
			'publish',
			'x.tgz',
			'--provenance',
			'--access',
			'public',
			'--dry-run',
			'--force',
		]);
	});
});
