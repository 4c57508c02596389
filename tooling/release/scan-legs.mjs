// The two lint legs of n8n's scanner (@n8n/scan-community-package, an ES module, hence this file
// in plain JavaScript), in one process so ESLint loads once:
// `node scan-leg.mjs <source dir> <unpacked tarball dir>` prints both results as JSON.
import {
	SOURCE_FILE_PATTERNS,
	analyzePackage,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

// What the scanner lints in a downloaded package: compiled JavaScript and package.json.
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

const [sourceDir, tarballDir] = process.argv.slice(2);
const results = [
	await analyzePackage(sourceDir, SOURCE_FILE_PATTERNS),
	await analyzePackage(tarballDir, TARBALL_PATTERNS),
];
process.stdout.write(
	JSON.stringify(results.map(({ passed, message, details }) => ({ passed, message, details }))),
);
