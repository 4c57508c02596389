/**
 * What `npm run release` does, as data: the checks before packing, and the publish command for
 * the verified tarball. run-release.ts executes it; the unit tests read it.
 */

export interface ReleaseOptions {
	/** Publish the verified tarball (only the publish workflow passes the guard). */
	publish: boolean;
	/** With --publish: `npm publish --dry-run`, which uploads nothing; the guard only reports. */
	dryRun: boolean;
	/** Skip lint, typecheck and unit tests: for CI, which has just run them. */
	skipChecks: boolean;
}

export interface ReleaseStep {
	label: string;
	npmArgs: string[];
	timeoutMs: number;
}

const FLAGS: Record<string, keyof ReleaseOptions> = {
	'--publish': 'publish',
	'--dry-run': 'dryRun',
	'--skip-checks': 'skipChecks',
};

export function parseReleaseArgs(argv: string[]): ReleaseOptions {
	const options: ReleaseOptions = { publish: false, dryRun: false, skipChecks: false };
	for (const arg of argv) {
		const key = FLAGS[arg];
		if (!key) {
			throw new Error(
				`unknown argument ${JSON.stringify(arg)}; use ${Object.keys(FLAGS).join(', ')}`,
			);
		}
		options[key] = true;
	}
	if (options.dryRun && !options.publish) {
		throw new Error('--dry-run goes with --publish (it runs npm publish --dry-run)');
	}
	return options;
}

const MINUTE = 60000;

/** The steps before publishing, in order; each is `npm <npmArgs>`. */
export function releaseSteps(options: ReleaseOptions, packDestination: string): ReleaseStep[] {
	const checks: ReleaseStep[] = [
		{ label: 'lint', npmArgs: ['run', 'lint'], timeoutMs: 5 * MINUTE },
		{ label: 'workflow files', npmArgs: ['run', 'lint:workflows'], timeoutMs: MINUTE },
		{ label: 'typecheck', npmArgs: ['run', 'typecheck'], timeoutMs: 5 * MINUTE },
		{ label: 'unit tests', npmArgs: ['test'], timeoutMs: 20 * MINUTE },
	];
	return [
		...(options.skipChecks ? [] : checks),
		{ label: 'build', npmArgs: ['run', 'build'], timeoutMs: 5 * MINUTE },
		{
			label: 'pack',
			npmArgs: ['pack', '--ignore-scripts', '--pack-destination', packDestination],
			timeoutMs: 2 * MINUTE,
		},
	];
}

/**
 * `npm publish` of the verified tarball with a provenance statement. A dry run adds --force so
 * that it does not ask the registry whether this version is already published: it uploads
 * nothing, and CI must keep passing after the version has been released.
 */
export function publishArgs(tarball: string, dryRun: boolean): string[] {
	const args = ['publish', tarball, '--provenance', '--access', 'public'];
	return dryRun ? [...args, '--dry-run', '--force'] : args;
}
