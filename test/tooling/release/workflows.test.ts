/* eslint-disable @n8n/community-nodes/no-restricted-imports -- reads the repository's workflow files */
// The GitHub workflows, checked where no GitHub runner exists: against GitHub's workflow schema
// (@action-validator/core, as `npm run lint:workflows` does) and for what n8n's verification needs
// of the publish job (n8n-io/n8n-nodes-starter .github/workflows/publish.yml has the same form).
import fs from 'node:fs';
import path from 'node:path';

import { lintWorkflowDir, workflowProblems } from '../../../tooling/release/workflow-lint';
import { REPO_ROOT } from '../../../tooling/n8n/versions';

const WORKFLOWS = path.join(REPO_ROOT, '.github', 'workflows');
const publishYml = fs.readFileSync(path.join(WORKFLOWS, 'publish.yml'), 'utf8');
const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
	scripts: Record<string, string>;
	publishConfig: Record<string, unknown>;
};

it('every workflow file passes the schema', () => {
	expect(lintWorkflowDir(WORKFLOWS)).toEqual([
		{ file: 'ci.yml', problems: [] },
		{ file: 'publish.yml', problems: [] },
	]);
});

it('the schema check fails a broken workflow, naming the path', () => {
	const typo = publishYml.replace('id-token: write', 'id-token: writ');
	expect(workflowProblems(typo)).toContain(
		'/jobs/publish/permissions/id-token: Enum conditions are not met',
	);
	const noRunner = publishYml.replace(/^ {4}runs-on: .*\n/m, '');
	expect(workflowProblems(noRunner).join('\n')).toMatch(
		/\/jobs\/publish\/uses: This property is required/,
	);
	expect(workflowProblems('jobs: [')).toEqual([
		expect.stringMatching(
			/^(line \d+|\(whole file\)): Parse Error \(did not find expected node content/,
		),
	]);
});

it('publish.yml runs on version tags with an OIDC token and read-only contents', () => {
	expect(publishYml).toMatch(/^on:\n {2}push:\n {4}tags:\n {6}- '\*\.\*\.\*'\n/m);
	expect(publishYml).toMatch(
		/^ {4}permissions:\n(?: {6}#.*\n)* {6}id-token: write\n(?: {6}#.*\n)* {6}contents: read\n/m,
	);
});

it('publish.yml installs with npm ci, then releases with --publish; no other publish', () => {
	const steps = publishYml.split(/^ {6}- /m).slice(1);
	const runs = steps.flatMap((step) => {
		const match = /^ {8}run: (?:\|\n((?: {10}.*\n)+)|(.*)\n)/m.exec(step);
		return match ? [(match[1] ?? match[2]).replace(/^ {10}/gm, '').trim()] : [];
	});
	expect(runs).toEqual([
		'npm ci',
		[
			'if [ -n "$NPM_TOKEN" ]; then',
			'  npm config set "$(npm config get registry | sed -E \'s#^https?:##\'):_authToken" "$NPM_TOKEN"',
			'fi',
			'npm run release -- --publish',
		].join('\n'),
	]);
	// The only secret: the token for the first version, optional.
	expect(publishYml.match(/secrets\.\w+/g)).toEqual(['secrets.NPM_TOKEN']);
	const code = publishYml
		.split('\n')
		.filter((line) => !/^\s*#/.test(line))
		.join('\n');
	expect(code).not.toMatch(/npm publish/);
	expect(manifest.scripts.release).toBe('tsx tooling/release/run-release.ts');
	expect(manifest.scripts['lint:workflows']).toBe('tsx tooling/release/lint-workflows.ts');
	expect(manifest.scripts.prepublishOnly).toBe('tsx tooling/release/prepublish-only.ts');
	expect(manifest.publishConfig).toEqual({ access: 'public', provenance: true });
});
