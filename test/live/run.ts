/* eslint-disable @n8n/community-nodes/no-restricted-globals -- a command-line program, not node code: it reads its arguments and hands the targets to jest through the environment */
/**
 * `npm run test:live`: the live conformance suite (conformance.live.ts) through jest.
 *
 *   MILVUS_ENDPOINT=… [MILVUS_TOKEN=…] [MILVUS_DB=…] MILVUS_LIVE_CONFIRM=yes npm run test:live
 *   npm run test:live -- --emulator all              every emulator profile
 *   npm run test:live -- --emulator 2.4.0 --emulator 2.5
 *
 * Other arguments go to jest as they are (e.g. `-t "Wait for Load"`).
 */
import { run } from 'jest';

import { parseProfiles } from './targets';

const args = process.argv.slice(2);
const profiles: string[] = [];
const jestArgs: string[] = [];
for (let i = 0; i < args.length; i++) {
	if (args[i] === '--emulator' && i + 1 < args.length) profiles.push(...parseProfiles(args[++i]));
	else jestArgs.push(args[i]);
}
if (profiles.length > 0) process.env.MILVUS_LIVE_PROFILES = profiles.join(',');

void run(['--config', `${__dirname}/../../jest.live.config.js`, ...jestArgs]);
