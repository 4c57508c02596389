/**
 * The live suite's choice of server: it never touches a real Milvus without
 * MILVUS_LIVE_CONFIRM=yes, and names the emulator profiles it knows.
 */
import { PROFILES } from '../../tooling/emulator';
import { parseProfiles, planFrom } from './targets';

describe('planFrom', () => {
	test('a real endpoint without MILVUS_LIVE_CONFIRM=yes is refused, saying what it would do', () => {
		for (const confirm of [undefined, '', 'no', 'YES']) {
			expect(() =>
				planFrom({
					MILVUS_ENDPOINT: 'http://milvus:19530',
					MILVUS_DB: 'shop',
					MILVUS_LIVE_CONFIRM: confirm,
				}),
			).toThrow(
				'Refusing to start: the suite creates and drops collections and aliases named n8nlive_… in http://milvus:19530 (database shop). Set MILVUS_LIVE_CONFIRM=yes to run it.',
			);
		}
	});

	test('a real endpoint with the confirmation: its token and database', () => {
		expect(
			planFrom({
				MILVUS_ENDPOINT: 'https://in03-x.serverless.gcp-us-west1.vectordb.zillizcloud.com',
				MILVUS_TOKEN: 'key',
				MILVUS_LIVE_CONFIRM: 'yes',
			}),
		).toEqual({
			kind: 'real',
			endpoint: 'https://in03-x.serverless.gcp-us-west1.vectordb.zillizcloud.com',
			token: 'key',
			dbName: '',
		});
	});

	test('nothing set: says what to set', () => {
		expect(() => planFrom({})).toThrow(/^Set MILVUS_ENDPOINT/);
	});

	test('emulator profiles win over an endpoint in the environment', () => {
		expect(
			planFrom({ MILVUS_LIVE_PROFILES: '2.4,2.6.12+', MILVUS_ENDPOINT: 'http://milvus:19530' }),
		).toEqual({
			kind: 'emulator',
			profiles: ['2.4', '2.6.12+'],
		});
	});
});

test('parseProfiles: all, a list, or an error naming the unknown one', () => {
	expect(parseProfiles('all')).toEqual([...PROFILES]);
	expect(parseProfiles('2.5, zilliz-serverless')).toEqual(['2.5', 'zilliz-serverless']);
	expect(() => parseProfiles('2.5,2.7')).toThrow('Unknown emulator profile "2.7"');
});
