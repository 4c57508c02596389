// The live conformance suite (npm run test:live, test/live/run.ts): against a real Milvus or the
// emulator's profiles. Not part of `npm test`: its targets come from the environment.
const base = require('./jest.config');

module.exports = {
	...base,
	testMatch: ['<rootDir>/test/live/**/*.live.ts'],
	testPathIgnorePatterns: ['/node_modules/'],
	verbose: true,
	testTimeout: 120000,
};
