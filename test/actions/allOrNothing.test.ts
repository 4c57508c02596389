/**
 * All or Nothing through n8n's engine: when an item fails, what the run's earlier items changed
 * is undone, newest first, and no item is reported as a success; on the oldest, the newest and
 * the default emulator profile (success codes and error texts differ between them).
 */
import type { IDataObject } from 'n8n-workflow';

import type { ProfileName } from '../../tooling/emulator';
import type { OnError, RunResult } from '../fixtures';
import {
	byName,
	credentialFor,
	jsonOf,
	requestedPaths,
	runMilvusAlias,
	useEmulator,
} from '../fixtures';

const seed = (profile: ProfileName) => () => ({
	profile,
	databases: {
		default: {
			collections: { a_v1: {}, a_v2: {}, b_v1: {}, b_v2: {}, c_v1: {}, c_v2: {} },
			aliases: { a: 'a_v1', b: 'b_v1', c: 'c_v1' },
		},
	},
});

const ALL_OR_NOTHING = { allOrNothing: true, maxRetries: 0 };

describe.each<ProfileName>(['2.4.0', '2.6.12+', '3.0'])(
	'All or Nothing on profile %s',
	(profile) => {
		const emulator = useEmulator(seed(profile));
		const run = async (
			operation: string,
			items: IDataObject[],
			options: IDataObject = ALL_OR_NOTHING,
			onError?: OnError,
		): Promise<RunResult> =>
			await runMilvusAlias({
				credentials: credentialFor(emulator.current()),
				parameters: {
					operation,
					aliasName: '={{ $json.alias }}',
					collectionName: byName('={{ $json.to }}'),
					options,
				},
				items,
				onError,
			});
		const aliases = () => emulator.current().getAliases('default');
		const THREE = [
			{ alias: 'a', to: 'a_v2' },
			{ alias: 'b', to: 'b_v2' },
			{ alias: 'c', to: 'c_missing' },
		];

		test('three aliases moved together, the third fails: all back where they were, one error that says so', async () => {
			const result = await run('upsert', THREE);
			expect(aliases()).toEqual({ a: 'a_v1', b: 'b_v1', c: 'c_v1' });
			expect(result.outputs.flat()).toEqual([]);
			const error = result.error as IDataObject;
			expect(String(error.message)).toMatch(/^Collection "c_missing" does not exist/);
			expect(String(error.description)).toMatch(
				/All or Nothing: item 3 failed, so no item of this run is reported as a success\. undone, newest first: .*alias "(a|b)" \(database "default"\) points at "\1_v1" again; alias "(a|b)" \(database "default"\) points at "\2_v1" again\.$/,
			);
		});

		test('without All or Nothing the same run leaves the first two switched (the option is what undoes)', async () => {
			await run('upsert', THREE, { maxRetries: 0 }, 'continueRegularOutput');
			expect(aliases()).toEqual({ a: 'a_v2', b: 'b_v2', c: 'c_v1' });
		});

		test('Continue (regular output): every item is an error item saying what happened to its change', async () => {
			const result = await run('upsert', THREE, ALL_OR_NOTHING, 'continueRegularOutput');
			const errors = jsonOf(result).map((json) => String(json.error));
			expect(errors[0]).toBe(
				'Undone by All or Nothing, because item 3 of this run failed: alias "a" (database "default") points at "a_v1" again',
			);
			expect(errors[1]).toMatch(/^Undone by All or Nothing, because item 3 .*"b_v1" again$/);
			expect(errors[2]).toMatch(/^Collection "c_missing" does not exist/);
			expect(aliases()).toEqual({ a: 'a_v1', b: 'b_v1', c: 'c_v1' });
		});

		test('Continue (using error output): every item goes to the error output', async () => {
			const result = await run('upsert', THREE, ALL_OR_NOTHING, 'continueErrorOutput');
			expect(jsonOf(result, 0)).toEqual([]);
			expect(jsonOf(result, 1)).toHaveLength(3);
			expect(String(jsonOf(result, 1)[0].error)).toMatch(/^Undone by All or Nothing/);
		});

		test('the same alias moved twice in one run goes back to where it was before the run', async () => {
			const result = await run('update', [
				{ alias: 'a', to: 'a_v2' },
				{ alias: 'a', to: 'b_v1' },
				{ alias: 'c', to: 'c_missing' },
			]);
			expect(aliases().a).toBe('a_v1');
			expect(String((result.error as IDataObject).description)).toMatch(
				/undone, newest first: alias "a" \(database "default"\) points at "a_v2" again; alias "a" \(database "default"\) points at "a_v1" again\./,
			);
		});

		test('Create: a created alias is deleted again; one that already pointed there is left alone', async () => {
			emulator.current().setAlias('default', 'kept', 'a_v1');
			await run('create', [
				{ alias: 'kept', to: 'a_v1' },
				{ alias: 'fresh', to: 'b_v1' },
				{ alias: 'c', to: 'c_v2' },
			]);
			expect(aliases()).toEqual({ a: 'a_v1', b: 'b_v1', c: 'c_v1', kept: 'a_v1' });
		});

		test('Delete: a deleted alias is created again on the collection it pointed at; the describe is the cost', async () => {
			emulator.current().injectFault({ kind: 'code', code: 65535, path: 'aliases/drop', times: 1 });
			const result = await runMilvusAlias({
				credentials: credentialFor(emulator.current()),
				parameters: {
					operation: 'delete',
					aliasName: '={{ $json.alias }}',
					options: ALL_OR_NOTHING,
				},
				items: [{ alias: 'c' }, { alias: 'a' }],
			});
			expect(result.error).toBeDefined();
			expect(aliases()).toEqual({ a: 'a_v1', b: 'b_v1', c: 'c_v1' });
			expect(requestedPaths(emulator.current()).filter((path) => path !== 'aliases/list')).toEqual(
				expect.arrayContaining(['aliases/describe', 'aliases/drop', 'aliases/create']),
			);
		});

		test('a change whose answer was lost is looked up and undone too', async () => {
			// Item 2's alter applies, then its connection resets, and so does the describe that would
			// confirm it: the node cannot know whether it applied.
			const milvus = emulator.current();
			milvus.afterNextAnswer('aliases/describe', () =>
				milvus.afterNextAnswer('aliases/describe', () => {
					milvus.injectFault({ kind: 'reset', path: 'aliases/alter', applyFirst: true });
					milvus.injectFault({ kind: 'reset', path: 'aliases/describe' });
				}),
			);
			const result = await run(
				'update',
				[
					{ alias: 'a', to: 'a_v2' },
					{ alias: 'b', to: 'b_v2' },
				],
				{ ...ALL_OR_NOTHING, concurrency: 1 },
			);
			expect(String((result.error as IDataObject).description)).toMatch(
				/^The change may still have been applied on the server/,
			);
			expect(aliases()).toEqual({ a: 'a_v1', b: 'b_v1', c: 'c_v1' });
			expect(String((result.error as IDataObject).description)).toMatch(
				/undone, newest first: alias "b" \(database "default"\) points at "b_v1" again; alias "a"/,
			);
		});

		test('an undo that fails says where the alias points now and what to run by hand', async () => {
			// The first alter applies; the next alter (the undo) is refused.
			emulator
				.current()
				.afterNextAnswer('aliases/alter', () =>
					emulator
						.current()
						.injectFault({ kind: 'code', code: 65535, path: 'aliases/alter', times: 5 }),
				);
			const result = await run(
				'update',
				[
					{ alias: 'a', to: 'a_v2' },
					{ alias: 'c', to: 'c_missing' },
				],
				{ ...ALL_OR_NOTHING, concurrency: 1 },
			);
			expect(aliases().a).toBe('a_v2');
			expect(String((result.error as IDataObject).description)).toMatch(
				/COULD NOT UNDO: alias "a" \(database "default"\) now points at "a_v2": run Create or Update with Alias Name "a" and Collection "a_v1" to restore it \(/,
			);
		});

		test('an invalid item fails the whole run before any request', async () => {
			const result = await run(
				'upsert',
				[
					{ alias: 'a', to: 'a_v2' },
					{ alias: 'not valid', to: 'b_v2' },
				],
				ALL_OR_NOTHING,
				'continueRegularOutput',
			);
			expect(requestedPaths(emulator.current())).toEqual([]);
			expect(jsonOf(result).map((json) => String(json.error))).toEqual([
				'Not run (All or Nothing), because item 2 of this run failed first',
				expect.stringMatching(/^Alias Name "not valid" is not a valid Milvus name/),
			]);
		});

		test('when every item succeeds, the output is the usual one', async () => {
			const result = await run('upsert', THREE.slice(0, 2));
			expect(
				jsonOf(result).map(({ aliasName, collectionName, action }) => ({
					aliasName,
					collectionName,
					action,
				})),
			).toEqual([
				{ aliasName: 'a', collectionName: 'a_v2', action: 'updated' },
				{ aliasName: 'b', collectionName: 'b_v2', action: 'updated' },
			]);
		});
	},
);
