/* eslint-disable no-console, @n8n/community-nodes/no-restricted-globals -- a command-line program, not node code: it reads its arguments and environment, and hands the targets to jest */
/**
 * `npm run test:live`: the live conformance suite (conformance.live.ts) through jest.
 *
 *   MILVUS_ENDPOINT=… [MILVUS_TOKEN=…] [MILVUS_DB=…] MILVUS_LIVE_CONFIRM=yes npm run test:live
 *   npm run test:live -- --emulator all              every emulator profile
 *   npm run test:live -- --emulator 2.4.0 --emulator 2.5
 *
 * Other arguments go to jest as they are (e.g. `-t "Wait for Load"`). What is missing or not
 * confirmed is said before jest starts.
 */
import { run } from 'jest';

import { parseProfiles, planFrom } from './targets';

function jestArguments(argv: string[]): string[] {
	const profiles: string[] = [];
	const rest: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--emulator' && i + 1 < argv.length) profiles.push(...parseProfiles(argv[++i]));
		else rest.push(argv[i]);
	}
	if (profiles.length > 0) process.env.MILVUS_LIVE_PROFILES = profiles.join(',');
	planFrom(process.env);
	return rest;
}

try {
	const rest = jestArguments(process.argv.slice(2));
	void run(['--config', `${__dirname}/../../jest.live.config.js`, ...rest]);
} catch (error) {
	console.error((error as Error).message);
	process.exitCode = 2;
}
