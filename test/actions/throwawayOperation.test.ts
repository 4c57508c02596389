/**
 * An operation added with an input of its own (test/actions/throwawayOperation.fixture.ts) is
 * routed, described and explained like the real ones, with no change to any other file: the
 * router, the Operation field, the display rules, the subtitle and the "may have applied"
 * explanation all derive from the operation list.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import {
	credentialFor,
	jsonOf,
	requestedPaths,
	runMilvusAlias,
	SEEDS,
	useEmulator,
} from '../fixtures';
import { MilvusAliasWithThrowaway } from './throwawayOperation.fixture';

const emulator = useEmulator(SEEDS.products);
const nodeType = new MilvusAliasWithThrowaway();
const { description } = nodeType;

const run = async (items: IDataObject[], onError?: 'continueRegularOutput') =>
	await runMilvusAlias({
		credentials: credentialFor(emulator.current()),
		nodeType,
		parameters: {
			operation: 'deleteIfPointsAt',
			aliasName: '={{ $json.alias }}',
			pointsAt: '={{ $json.pointsAt }}',
			options: { maxRetries: 0 },
		},
		items,
		onError,
	});

test('routed: each item reads its own input and runs its own execute', async () => {
	const result = await run([
		{ alias: 'products', pointsAt: 'products_v1' },
		{ alias: 'customers', pointsAt: 'products_v1' },
	]);
	expect(jsonOf(result)).toEqual([
		{ aliasName: 'products', deleted: true, pointedAt: 'products_v1' },
		{ aliasName: 'customers', deleted: false, pointedAt: 'users' },
	]);
	expect(requestedPaths(emulator.current()).filter((path) => path === 'aliases/drop')).toEqual([
		'aliases/drop',
	]);
	expect(emulator.current().getAliases('default')).not.toHaveProperty('products');
});

test('its own field is checked before any request, naming the field', async () => {
	const result = await run(
		[{ alias: 'products', pointsAt: 'not a name' }],
		'continueRegularOutput',
	);
	expect(String(jsonOf(result)[0].error)).toMatch(
		/^Points At "not a name" is not a valid Milvus name/,
	);
	expect(requestedPaths(emulator.current())).toEqual([]);
});

test('described: in the Operation list by name, its field shown only for it, in the subtitle', () => {
	const operation = description.properties.find((property) => property.name === 'operation');
	const names = (operation?.options ?? []).map((option) => (option as { name: string }).name);
	expect(names).toContain('Delete If Points At');
	expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
	const shown = (value: string) =>
		description.properties
			.filter((property: INodeProperties) =>
				NodeHelpers.displayParameter(
					{ resource: 'alias', operation: value },
					property,
					{ typeVersion: 1 },
					description,
				),
			)
			.map((property) => property.name);
	expect(shown('deleteIfPointsAt')).toEqual([
		'resource',
		'operation',
		'aliasName',
		'pointsAt',
		'dbName',
		'options',
	]);
	expect(shown('delete')).not.toContain('pointsAt');
	expect(description.subtitle).toContain('"deleteIfPointsAt":"Delete If Points At"');
	expect(description.subtitle).toMatch(/\[[^\]]*"deleteIfPointsAt"\]\.includes/);
});

test('explained: a connection reset during its change says the change may have applied, and names its alias', async () => {
	emulator.current().injectFault({ kind: 'reset', path: 'aliases/drop', times: 5 });
	const result = await run([{ alias: 'products', pointsAt: 'products_v1' }]);
	const error = result.error as IDataObject;
	expect(String(error.description)).toMatch(
		/^The change may still have been applied on the server/,
	);
	expect(String(error.message)).toMatch(/was closed before Milvus answered/);
});

test('a failure names its subject: here the collection it was given as Points At', async () => {
	emulator.current().injectFault({ kind: 'code', code: 100, path: 'aliases/drop' });
	const result = await run([{ alias: 'products', pointsAt: 'products_v1' }]);
	expect(String((result.error as IDataObject).message)).toMatch(
		/^Collection "products_v1" does not exist in database "default"/,
	);
});
