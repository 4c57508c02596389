/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- development tooling, never part of the package */
/** `npm run lint:workflows`: every file in .github/workflows against GitHub's workflow schema. */
import path from 'node:path';

import { REPO_ROOT } from '../n8n/versions';
import { lintWorkflowDir } from './workflow-lint';

const dir = path.join(REPO_ROOT, '.github', 'workflows');
let failed = false;
for (const { file, problems } of lintWorkflowDir(dir)) {
	failed ||= problems.length > 0;
	process.stdout.write(
		problems.length === 0
			? `[workflows] ${file}: valid\n`
			: `[workflows] ${file}:\n${problems.map((p) => `  ${p}`).join('\n')}\n`,
	);
}
process.exitCode = failed ? 1 : 0;
