// The real-n8n end-to-end suite (`npm run test:e2e` → test/e2e/run.js): n8n 2.41.1 on Node 24 from
// the cache of scripts/setup-n8n.sh, driven through its CLI by test/e2e/n8n-cli.js, against the
// Milvus emulator. Plain CommonJS tests (no transform); one file at a time (--runInBand): every
// n8n call is a heavy process of its own.
module.exports = {
	testEnvironment: 'node',
	rootDir: __dirname,
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.js'],
	// The JS tests are not transformed; the TypeScript they import (tooling/emulator) is.
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	testTimeout: 180000,
	maxWorkers: 1,
	verbose: true,
};
