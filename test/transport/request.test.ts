/**
 * What the node puts on the wire and how it reads what comes back, per Milvus version: bodies
 * that do not depend on `dbName: ""`, a Request-Timeout that never shortens other clients'
 * timeouts, the 408 of every release read as a server timeout, and branching on codes only.
 * Through n8n-core's engine against the emulator in each profile the case concerns.
 */
import { PROFILES, startEmulator } from '../../tooling/emulator';
import type { ProfileName } from '../../tooling/emulator';
import type { MilvusEmulator } from '../fixtures';
import {
	byName,
	changeRequests,
	requestedPaths,
	runOperation,
	searchCollections,
	SEEDS,
} from '../fixtures';

const errorMessage = (result: { error?: { message?: unknown } }) =>
	String(result.error?.message ?? '');
const errorDescription = (result: { error?: { description?: unknown } }) =>
	String(result.error?.description ?? '');

/** Profiles with databases (zilliz-serverless has none). */
const WITH_DATABASES = PROFILES.filter((profile) => profile !== 'zilliz-serverless');

function withProfile(profile: ProfileName, reject = false) {
	let emulator: MilvusEmulator | undefined;
	beforeEach(async () => {
		emulator = await startEmulator({
			...SEEDS.products(),
			...(profile === 'zilliz-serverless'
				? { databases: { default: SEEDS.products().databases!.default } }
				: {}),
			profile,
			...(reject ? { behaviour: { emptyDbName: 'reject' } } : {}),
		});
	});
	afterEach(async () => await emulator?.close());
	return () => emulator!;
}

describe.each(PROFILES)('bodiless calls send a literal {} (profile %s)', (profile) => {
	// The emulator rejects `dbName: ""` here, as milvus#49889 proposes: the node must not need it.
	const milvus = withProfile(profile, true);

	test('Get Many without a database sends {} and lists the aliases', async () => {
		const result = await runOperation({ endpoint: milvus().url }, 'getAll', { returnAll: true });
		expect(result.error).toBeUndefined();
		const list = milvus().requests.find((request) => request.path.endsWith('/aliases/list'));
		expect(list?.rawBody).toBe('{}');
		expect(list?.headers['content-type']).toContain('application/json');
		expect(result.outputs[0].length).toBe(3);
	});

	test('the Collection picker without a database sends {}', async () => {
		const found = await searchCollections({ endpoint: milvus().url }, { dbName: '' });
		expect(found.results.map((entry) => entry.value)).toContain('products_v2');
		expect(milvus().requests.map((request) => request.rawBody)).toEqual(['{}']);
	});
});

describe('Request-Timeout never shortens the server timeout of other clients', () => {
	const milvus = withProfile('2.4');
	const header = () => milvus().requests.map((request) => request.headers['request-timeout']);

	test.each([1000, 2000, 30000])('Timeout %i ms: no header at all', async (timeout) => {
		await runOperation({ endpoint: milvus().url }, 'get', {
			aliasName: 'products',
			options: { timeout },
		});
		expect(header()).toEqual([undefined]);
	});

	test('Timeout 45000 ms: asks Milvus for 45 s', async () => {
		await runOperation({ endpoint: milvus().url }, 'get', {
			aliasName: 'products',
			options: { timeout: 45000 },
		});
		expect(header()).toEqual(['45']);
	});
});

describe.each(PROFILES)("Milvus's own timeout (profile %s) is a server timeout", (profile) => {
	const milvus = withProfile(profile);

	test('for a change: retried, and the change may have been applied', async () => {
		milvus().injectFault({ kind: 'timeout', path: 'aliases/create', times: 2, applyFirst: false });
		milvus().injectFault({ kind: 'timeout', path: 'aliases/describe', times: 2 });
		const result = await runOperation({ endpoint: milvus().url }, 'create', {
			aliasName: 'fresh',
			collectionName: byName('products_v2'),
			options: { maxRetries: 1, retryDelay: 1 },
		});
		const source =
			profile === '2.4.0' || profile === '2.4'
				? 'HTTP 408: timeout'
				: 'Milvus error 10001: request timeout';
		expect(errorMessage(result)).toBe(
			`Milvus gave up on the request at its own time limit (tried 2 times). Raise the Timeout option if the server is busy, then run it again (${source})`,
		);
		expect(errorDescription(result)).toMatch(
			/^The change may still have been applied on the server: run the Get operation/,
		);
		expect(requestedPaths(milvus()).filter((path) => path === 'aliases/create')).toHaveLength(2);
	});
});

describe('rate limits', () => {
	const milvus = withProfile('2.6');

	test('1807 is retried and the advice does not mention server quotas', async () => {
		milvus().injectFault({ kind: 'code', code: 1807, path: 'aliases/create', times: 5 });
		const result = await runOperation({ endpoint: milvus().url }, 'create', {
			aliasName: 'fresh',
			collectionName: byName('products_v2'),
			options: { maxRetries: 2, retryDelay: 1 },
		});
		expect(errorMessage(result)).toMatch(
			/^Milvus or a proxy in front of it is rate-limiting requests \(tried 3 times\)\. Lower the Concurrency option, or raise Max Retries or Retry Delay \(Milvus error 1807: /,
		);
		expect(`${errorMessage(result)} ${errorDescription(result)}`).not.toMatch(
			/quotaAndLimits|ddl/i,
		);
	});
});

describe.each(WITH_DATABASES)(
	'a missing database, whatever the wording (profile %s)',
	(profile) => {
		const milvus = withProfile(profile);

		test('Get names the database and says what to do', async () => {
			const result = await runOperation({ endpoint: milvus().url }, 'get', {
				aliasName: 'products',
				dbName: 'nope',
			});
			// 2.4 says "database not found, database: nope", 2.5+ "database not found[database=nope]".
			expect(errorMessage(result)).toMatch(
				/^Database "nope" does not exist\. Check the Database Name, or leave it empty for the server's default database \(Milvus error 800: database not found/,
			);
		});
	},
);

describe.each(WITH_DATABASES)(
	'the load check in a missing database answers by code (profile %s)',
	(profile) => {
		const milvus = withProfile(profile);

		test('2.4 answers 800, 2.5 and later 100: each worded by its code, both naming the database', async () => {
			const result = await runOperation({ endpoint: milvus().url }, 'create', {
				aliasName: 'fresh',
				collectionName: byName('products_v2'),
				dbName: 'nope',
				options: { requireLoaded: true },
			});
			const expected = profile.startsWith('2.4')
				? /^Database "nope" does not exist\. .* \(Milvus error 800: /
				: /^Collection "products_v2" does not exist in database "nope"\. Check the collection name and the Database Name, .* \(Milvus error 100: /;
			expect(errorMessage(result)).toMatch(expected);
			// The alias-name lookup may run alongside the load check; no change is sent.
			expect(requestedPaths(milvus())).toContain('collections/get_load_state');
			expect(changeRequests(milvus())).toEqual([]);
		});
	},
);
