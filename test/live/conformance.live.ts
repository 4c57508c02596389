/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test tooling, not node code: the target comes from the environment */
/**
 * The live conformance suite (`npm run test:live`): every scenario of scenarios.ts through n8n's
 * engine, against a real Milvus or Zilliz Cloud, or the emulator in each chosen profile. One
 * line per scenario (jest's verbose report); each scenario removes what it created.
 */
import { startEmulator } from '../../tooling/emulator';
import type { MilvusEmulator } from '../../tooling/emulator';
import { runMilvusAlias } from '../harness/n8n-harness';
import { MilvusAdmin } from './admin';
import { SCENARIOS } from './scenarios';
import type { LiveTarget } from './suite';
import { runPrefix, runScenario } from './suite';
import { planFrom } from './targets';

const EMULATOR_TOKEN = 'root:Milvus';
const plan = planFrom(process.env);
const prefix = runPrefix();

function defineScenarios(target: () => LiveTarget) {
	test.each(SCENARIOS.map((scenario, index) => ({ scenario, index, name: scenario.name })))(
		'$name',
		async ({ scenario, index }) => {
			const result = await runScenario(target(), scenario, index, runMilvusAlias, prefix);
			if (!result.passed) throw new Error(result.note);
		},
	);
	test('nothing the suite created is left behind', async () => {
		const { endpoint, token, dbName } = target();
		const admin = new MilvusAdmin({
			endpoint,
			token,
			dbName: dbName || undefined,
			timeoutMs: 30_000,
		});
		const names = [...(await admin.listCollections()), ...(await admin.listAliases())];
		expect(names.filter((name) => name.startsWith(prefix))).toEqual([]);
	});
}

if (plan.kind === 'real') {
	describe(`Milvus at ${new URL(plan.endpoint).host}${plan.dbName ? `, database ${plan.dbName}` : ''}`, () => {
		defineScenarios(() => ({ label: plan.endpoint, ...plan }));
	});
} else {
	describe.each(plan.profiles)('emulator %s', (profile) => {
		let emulator: MilvusEmulator | undefined;
		beforeAll(async () => {
			emulator = await startEmulator({ profile, auth: { users: { root: 'Milvus' } } });
		});
		afterAll(async () => await emulator?.close());
		defineScenarios(() => ({
			label: `emulator ${profile}`,
			endpoint: emulator!.url,
			token: EMULATOR_TOKEN,
			dbName: '',
		}));
	});
}
