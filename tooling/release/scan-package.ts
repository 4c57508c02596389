/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- development tooling, never part of the package */
/**
 * n8n's own scanner (@n8n/scan-community-package), run before publishing. Its command line scans
 * a package already on npm: it checks the provenance attestation in the registry, downloads the
 * source at the attested commit from GitHub, and lints that source and the published tarball.
 * Before publishing there is no attestation, so this runs the two lint legs (the scanner's
 * `analyzePackage` with its rules and file patterns, in scan-legs.mjs) on the source tree and the
 * unpacked tarball; the provenance leg can only run after the publish (see README, Releasing).
 */
import childProcess from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface ScanLeg {
	leg: 'source' | 'tarball';
	passed: boolean;
	/** The scanner's message and its ESLint report when the leg failed. */
	report?: string;
}

const LEGS_SCRIPT = path.join(__dirname, 'scan-legs.mjs');

interface ScannerResult {
	passed: boolean;
	message?: string;
	details?: string;
}

function toLeg(leg: ScanLeg['leg'], result: ScannerResult): ScanLeg {
	// "No files found" passes in the scanner; here it means a wrong folder.
	const passed = result.passed && result.message !== 'No files found to analyze';
	if (passed) return { leg, passed };
	const report = [result.message, result.details].filter(Boolean).join('\n').slice(0, 8000);
	return { leg, passed, report };
}

/** Both lint legs: the source tree (nodes/, credentials/, package.json) and the packed tarball. */
export function scanBeforePublish(sourceDir: string, tarball: string): ScanLeg[] {
	const unpacked = fs.mkdtempSync(path.join(os.tmpdir(), 'milvus-alias-scan-'));
	try {
		childProcess.execFileSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
		const output = childProcess.execFileSync(process.execPath, [LEGS_SCRIPT, sourceDir, unpacked], {
			encoding: 'utf8',
			timeout: 5 * 60000,
			maxBuffer: 16 * 1024 * 1024,
		});
		const [source, packed] = JSON.parse(output) as [ScannerResult, ScannerResult];
		return [toLeg('source', source), toLeg('tarball', packed)];
	} finally {
		fs.rmSync(unpacked, { recursive: true, force: true });
	}
}
