// The real-n8n end-to-end suites (`npm run test:e2e` → tooling/n8n/run-e2e.ts): a real n8n from the
// cache of tooling/n8n/setup.sh (the version in MILVUS_ALIAS_N8N_VERSION), driven by tooling/n8n,
// against the Milvus emulator. One file at a time (--runInBand): every n8n call is a heavy process.
module.exports = {
	testEnvironment: 'node',
	rootDir: __dirname,
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	testTimeout: 180000,
	maxWorkers: 1,
	verbose: true,
};
