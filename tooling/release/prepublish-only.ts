/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- development tooling, never part of the package */
/**
 * package.json `prepublishOnly`: refuses a publish that does not come from the publish workflow
 * (see publish-guard.ts). The repository's .npmrc sets ignore-scripts=true, which skips this
 * script; then npm itself refuses outside CI, because publishConfig asks for provenance, and
 * `npm run release -- --publish` applies the same guard directly.
 */
import fs from 'node:fs';
import path from 'node:path';

import { REPO_ROOT } from '../n8n/versions';
import { provenanceRequested, publishRefusal } from './publish-guard';

const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
	version: string;
	publishConfig?: { provenance?: unknown };
};
const refusal = publishRefusal(process.env, {
	version: manifest.version,
	provenance: provenanceRequested(process.env, manifest.publishConfig),
});
if (refusal && process.env.npm_config_dry_run === 'true') {
	process.stdout.write(`[publish guard] dry run; a real publish would be refused: ${refusal}\n`);
} else if (refusal) {
	process.stderr.write(`[publish guard] refused: ${refusal}\n`);
	process.exitCode = 1;
}
