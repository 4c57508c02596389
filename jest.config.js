// Unit and engine tests: everything under test/ except the real-n8n suite (jest.e2e.config.js).
// Type checking is `npm run typecheck`; ts-jest only transpiles (isolatedModules), which keeps
// each test file at a few seconds instead of ~15.
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	setupFiles: ['<rootDir>/test/setup-env.js'],
	testTimeout: 30000,
};
