/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- development tooling, never part of the package */
/**
 * Proof that a packed tarball ships exactly what a fresh build produced: every file under
 * `dist/` byte for byte, nothing missing, nothing stale, and no other file but the package's
 * metadata. `ignore-scripts=true` in .npmrc switches off prepack/prepublishOnly, so nothing else
 * would stop a release with a stale or missing dist/.
 */
import childProcess from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Files besides dist/ that npm always puts in a package. */
export const PACKAGE_METADATA = ['package.json', 'README.md', 'LICENSE.md', 'CHANGELOG.md'];

export interface PackDifferences {
	/** Built files the tarball lacks. */
	missing: string[];
	/** Files whose bytes differ from the build's. */
	changed: string[];
	/** Tarball files that are neither in the build nor package metadata (e.g. stale output). */
	unexpected: string[];
}

function listFiles(root: string, prefix = ''): string[] {
	const files: string[] = [];
	for (const entry of fs.readdirSync(path.join(root, prefix), { withFileTypes: true })) {
		const relative = path.posix.join(prefix, entry.name);
		if (entry.isDirectory()) files.push(...listFiles(root, relative));
		else files.push(relative);
	}
	return files;
}

const digest = (file: string) =>
	crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** Compares the tarball's files with `distDir` (a fresh build) and returns what differs. */
export function compareTarballWithBuild(tarball: string, distDir: string): PackDifferences {
	const unpacked = fs.mkdtempSync(path.join(os.tmpdir(), 'milvus-alias-pack-'));
	try {
		childProcess.execFileSync('tar', ['-xzf', tarball, '-C', unpacked], { stdio: 'pipe' });
		const packageRoot = path.join(unpacked, 'package');
		const packed = listFiles(packageRoot);
		const built = listFiles(distDir).map((file) => `dist/${file}`);
		const packedSet = new Set(packed);
		const builtSet = new Set(built);
		return {
			missing: built.filter((file) => !packedSet.has(file)),
			changed: built.filter(
				(file) =>
					packedSet.has(file) &&
					digest(path.join(packageRoot, file)) !== digest(path.join(distDir, file.slice(5))),
			),
			unexpected: packed.filter((file) => !builtSet.has(file) && !PACKAGE_METADATA.includes(file)),
		};
	} finally {
		fs.rmSync(unpacked, { recursive: true, force: true });
	}
}

export function describeDifferences(differences: PackDifferences): string | undefined {
	const parts = (Object.keys(differences) as Array<keyof PackDifferences>)
		.filter((kind) => differences[kind].length > 0)
		.map((kind) => `${kind}: ${differences[kind].slice(0, 10).join(', ')}`);
	return parts.length > 0 ? parts.join('; ') : undefined;
}
