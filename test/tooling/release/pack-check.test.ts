/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- builds throwaway tarballs with tar */
import childProcess from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { compareTarballWithBuild, describeDifferences } from '../../../tooling/release/pack-check';

/** A build folder and a tarball laid out as `npm pack` does (everything under package/). */
function fixture(buildFiles: Record<string, string>, packedFiles: Record<string, string>) {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pack-check-test-'));
	const write = (base: string, files: Record<string, string>) => {
		for (const [name, content] of Object.entries(files)) {
			fs.mkdirSync(path.dirname(path.join(base, name)), { recursive: true });
			fs.writeFileSync(path.join(base, name), content);
		}
	};
	const dist = path.join(root, 'dist');
	write(dist, buildFiles);
	write(path.join(root, 'staging', 'package'), packedFiles);
	const tarball = path.join(root, 'pkg.tgz');
	childProcess.execFileSync('tar', ['-czf', tarball, '-C', path.join(root, 'staging'), 'package']);
	return { root, dist, tarball };
}

const BUILD = { 'nodes/A.node.js': 'node v2', 'icons/a.svg': '<svg/>' };
let roots: string[] = [];
afterEach(() => {
	for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
	roots = [];
});
function compare(packed: Record<string, string>) {
	const { root, dist, tarball } = fixture(BUILD, packed);
	roots.push(root);
	return compareTarballWithBuild(tarball, dist);
}

test('a tarball holding exactly the build and package metadata passes', () => {
	const differences = compare({
		'package.json': '{}',
		'README.md': '#',
		'dist/nodes/A.node.js': 'node v2',
		'dist/icons/a.svg': '<svg/>',
	});
	expect(differences).toEqual({ missing: [], changed: [], unexpected: [] });
	expect(describeDifferences(differences)).toBeUndefined();
});

test('stale, missing and leftover files are each named', () => {
	const differences = compare({
		'package.json': '{}',
		'dist/nodes/A.node.js': 'node v1',
		'dist/nodes/Removed.node.js': 'old',
	});
	expect(differences).toEqual({
		missing: ['dist/icons/a.svg'],
		changed: ['dist/nodes/A.node.js'],
		unexpected: ['dist/nodes/Removed.node.js'],
	});
	expect(describeDifferences(differences)).toBe(
		'missing: dist/icons/a.svg; changed: dist/nodes/A.node.js; unexpected: dist/nodes/Removed.node.js',
	);
});

test('a tarball without dist/ at all misses every built file', () => {
	expect(compare({ 'package.json': '{}' }).missing.sort()).toEqual([
		'dist/icons/a.svg',
		'dist/nodes/A.node.js',
	]);
});
