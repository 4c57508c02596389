/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- builds throwaway packages with tar */
// n8n's scanner (@n8n/scan-community-package 0.32.0, scanner/scanner.mjs analyzePackage) on a
// source tree and a packed tarball, as the release runs it before publishing.
import childProcess from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { scanBeforePublish } from '../../../tooling/release/scan-package';
import { REPO_ROOT } from '../../../tooling/n8n/versions';

let root: string;

function write(base: string, files: Record<string, string>) {
	for (const [name, content] of Object.entries(files)) {
		fs.mkdirSync(path.dirname(path.join(base, name)), { recursive: true });
		fs.writeFileSync(path.join(base, name), content);
	}
}

/** A source folder and a tarball (everything under package/, as npm packs) with these files. */
function fixture(source: Record<string, string>, packed: Record<string, string>) {
	write(path.join(root, 'source'), source);
	write(path.join(root, 'staging', 'package'), packed);
	const tarball = path.join(root, 'pkg.tgz');
	childProcess.execFileSync('tar', ['-czf', tarball, '-C', path.join(root, 'staging'), 'package']);
	return { source: path.join(root, 'source'), tarball };
}

const manifest = fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8');
const CLEAN_JS = '"use strict";\nexports.answer = 42;\n';

beforeEach(() => {
	root = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-package-test-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

it("passes a clean source; fails the tarball on what a build step emitted, with ESLint's report", () => {
	const { source, tarball } = fixture(
		{ 'package.json': manifest },
		{
			'package.json': manifest,
			'dist/nodes/A/A.node.js': `${CLEAN_JS}console.log(process.env.TOKEN);\n`,
		},
	);
	const [sourceLeg, tarballLeg] = scanBeforePublish(source, tarball);
	expect(sourceLeg).toEqual({ leg: 'source', passed: true });
	expect(tarballLeg).toMatchObject({ leg: 'tarball', passed: false });
	expect(tarballLeg.report).toMatch(/^ESLint violations found\n/);
	expect(tarballLeg.report).toMatch(
		/dist\/nodes\/A\/A\.node\.js\n\s+3:1\s+error\s+Unexpected console statement\s+no-console/,
	);
	expect(tarballLeg.report).toMatch(/no-restricted-globals/);
}, 120000);

it('passes a clean tarball; fails a leg with nothing to scan (a wrong folder), which the scanner passes', () => {
	const { tarball } = fixture({}, { 'package.json': manifest, 'dist/nodes/A/A.node.js': CLEAN_JS });
	expect(scanBeforePublish(path.join(root, 'empty'), tarball)).toEqual([
		{ leg: 'source', passed: false, report: 'No files found to analyze' },
		{ leg: 'tarball', passed: true },
	]);
}, 120000);
