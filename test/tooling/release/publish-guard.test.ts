/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- runs npm and the guard as child processes */
import childProcess from 'node:child_process';

import { provenanceRequested, publishRefusal } from '../../../tooling/release/publish-guard';
import { REPO_ROOT } from '../../../tooling/n8n/versions';

/** What GitHub Actions sets in a job of publish.yml started by the tag 0.2.0. */
const PUBLISH_JOB: NodeJS.ProcessEnv = {
	GITHUB_ACTIONS: 'true',
	ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.actions.example/oidc',
	ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token',
	GITHUB_REF_TYPE: 'tag',
	GITHUB_REF_NAME: '0.2.0',
};
const context = { version: '0.2.0', provenance: true };

describe('publishRefusal', () => {
	it('lets the tag-triggered publish job publish its own version with provenance', () => {
		expect(publishRefusal(PUBLISH_JOB, context)).toBeUndefined();
	});

	it('refuses a workstation, naming the workflow and the tag to push', () => {
		expect(publishRefusal({}, context)).toBe(
			'publishing runs only in GitHub Actions (.github/workflows/publish.yml, started by pushing the tag 0.2.0), never from a workstation: n8n verifies only packages with an npm provenance statement',
		);
		expect(publishRefusal({ ...PUBLISH_JOB, GITHUB_ACTIONS: 'false' }, context)).toMatch(
			/^publishing runs only in GitHub Actions/,
		);
	});

	it('refuses a job without an OIDC token (no "id-token: write")', () => {
		for (const missing of ['ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN']) {
			expect(publishRefusal({ ...PUBLISH_JOB, [missing]: '' }, context)).toBe(
				'GitHub Actions gave this job no OIDC token: the publish job needs "permissions: id-token: write" for npm provenance and trusted publishing',
			);
		}
	});

	it('refuses a publish without provenance', () => {
		expect(publishRefusal(PUBLISH_JOB, { ...context, provenance: false })).toBe(
			'provenance is off: publish with --provenance (package.json publishConfig sets it)',
		);
	});

	it('refuses a branch run or another tag, quoting the ref cut short', () => {
		expect(publishRefusal({ ...PUBLISH_JOB, GITHUB_REF_NAME: '0.1.9' }, context)).toBe(
			'version 0.2.0 is published from the tag 0.2.0 only; this run is for the tag "0.1.9"',
		);
		expect(publishRefusal({ ...PUBLISH_JOB, GITHUB_REF_NAME: 'v0.2.0' }, context)).toMatch(
			/tag "v0\.2\.0"$/,
		);
		expect(
			publishRefusal(
				{ ...PUBLISH_JOB, GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: 'x'.repeat(500) },
				context,
			),
		).toBe(
			`version 0.2.0 is published from the tag 0.2.0 only; this run is for the ref "${'x'.repeat(80)}"`,
		);
		const noRef = { ...PUBLISH_JOB };
		delete noRef.GITHUB_REF_NAME;
		expect(publishRefusal(noRef, context)).toMatch(/for the tag unset$/);
	});
});

describe('provenanceRequested', () => {
	it('follows --provenance on the command line, else publishConfig', () => {
		expect(provenanceRequested({}, { provenance: true })).toBe(true);
		expect(provenanceRequested({}, undefined)).toBe(false);
		expect(provenanceRequested({}, { provenance: 'true' })).toBe(false);
		expect(provenanceRequested({ npm_config_provenance: 'false' }, { provenance: true })).toBe(
			false,
		);
		expect(provenanceRequested({ npm_config_provenance: 'true' }, {})).toBe(true);
	});
});

/** The environment of a workstation: no GitHub Actions, no npm config from a surrounding npm run. */
function workstationEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (!/^(GITHUB_|ACTIONS_|npm_)/i.test(key)) env[key] = value;
	}
	return env;
}

describe('a plain npm publish from a workstation', () => {
	// Scripts switched back on (the repository's .npmrc switches them off); the registry is a closed
	// loopback port and there are no credentials, so nothing can leave even if the guard broke.
	it('is stopped by prepublishOnly before npm packs or contacts a registry', () => {
		const result = childProcess.spawnSync(
			'npm',
			['publish', '--ignore-scripts=false', '--registry', 'http://127.0.0.1:9/'],
			{ cwd: REPO_ROOT, env: workstationEnv(), encoding: 'utf8', timeout: 60000 },
		);
		expect(result.status).not.toBe(0);
		expect(result.stderr).toContain(
			'[publish guard] refused: publishing runs only in GitHub Actions (.github/workflows/publish.yml, started by pushing the tag',
		);
		expect(result.stderr).not.toMatch(/ENEEDAUTH|127\.0\.0\.1:9/);
	});

	it('a dry run goes through and says what a real publish would meet', () => {
		const result = childProcess.spawnSync('npx', ['tsx', 'tooling/release/prepublish-only.ts'], {
			cwd: REPO_ROOT,
			env: { ...workstationEnv(), npm_config_dry_run: 'true' },
			encoding: 'utf8',
			timeout: 60000,
		});
		expect(result.status).toBe(0);
		expect(result.stdout).toMatch(
			/^\[publish guard\] dry run; a real publish would be refused: publishing runs only in GitHub Actions/,
		);
	});
});
