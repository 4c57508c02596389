/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- development tooling, never part of the package: it installs and runs n8n processes */
/**
 * The real n8n versions our suites run against, and where their installs live: read from
 * versions.json, which tooling/n8n/setup.sh reads too, so a version or the cache folder is
 * named in one place.
 */
import os from 'node:os';
import path from 'node:path';

import versionsFile from './versions.json';

export interface N8nVersionSpec {
	/** Major version of Node.js this n8n runs on (installed from the npm registry). */
	node: number;
	overrides?: Record<string, string>;
	why: string;
}

export const N8N_VERSIONS: Record<string, N8nVersionSpec> = versionsFile.versions;
export const DEFAULT_N8N_VERSION: string = versionsFile.default;
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SETUP_SCRIPT = path.join(REPO_ROOT, 'tooling', 'n8n', 'setup.sh');

/** Where setup.sh installs Node.js and n8n (`MILVUS_ALIAS_CACHE` overrides it). */
export const CACHE_DIR =
	process.env.MILVUS_ALIAS_CACHE || path.join(os.homedir(), '.cache', versionsFile.cacheDirName);

/**
 * The version a suite runs against: `MILVUS_ALIAS_N8N_VERSION` (set by `npm run test:e2e --
 * --n8n <version>`), else the default.
 */
export function selectedN8nVersion(): string {
	const chosen = process.env.MILVUS_ALIAS_N8N_VERSION || DEFAULT_N8N_VERSION;
	if (!(chosen in N8N_VERSIONS)) {
		throw new Error(
			`n8n ${chosen} is not one of the tested versions (${Object.keys(N8N_VERSIONS).join(', ')})`,
		);
	}
	return chosen;
}

export interface N8nInstallPaths {
	version: string;
	nodeMajor: number;
	/** Folder holding the `node` binary: first on PATH for every n8n call. */
	nodeBinDir: string;
	node: string;
	n8nDir: string;
	n8nMain: string;
	/** Present only after a finished install. */
	doneStamp: string;
}

export function installPaths(version: string = selectedN8nVersion()): N8nInstallPaths {
	const spec = N8N_VERSIONS[version];
	if (!spec) throw new Error(`n8n ${version} is not one of the tested versions`);
	const nodeBinDir = path.join(CACHE_DIR, `node${spec.node}`, 'node_modules', 'node', 'bin');
	const n8nDir = path.join(CACHE_DIR, `n8n-${version}`);
	return {
		version,
		nodeMajor: spec.node,
		nodeBinDir,
		node: path.join(nodeBinDir, 'node'),
		n8nDir,
		n8nMain: path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
		doneStamp: path.join(n8nDir, '.done'),
	};
}

/** n8n's major version: the engine differs between 1.x and 2.x in ways the suites check. */
export function n8nMajor(version: string = selectedN8nVersion()): number {
	return Number(version.split('.')[0]);
}
