import type { INodeProperties } from 'n8n-workflow';

const NAME_PATTERN_FOR_EDITOR = '^\\s*[A-Za-z_][A-Za-z0-9_]{0,254}\\s*$';
const NAME_RULE_HINT = 'Letters, digits and underscores; starts with a letter or underscore';

const POINTING_OPERATIONS = ['create', 'upsert', 'update'];

/** The Collection resource locator: a searchable list of the server's collections, or a name. */
function collectionLocator(settings: {
	required: boolean;
	description: string;
	operations: string[];
	listPlaceholder: string;
	nameRegex: string;
}): INodeProperties {
	return {
		displayName: 'Collection',
		name: 'collectionName',
		type: 'resourceLocator',
		required: settings.required,
		default: { mode: 'list', value: '' },
		description: settings.description,
		displayOptions: { show: { resource: ['alias'], operation: settings.operations } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: settings.listPlaceholder,
				typeOptions: { searchListMethod: 'searchCollections', searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'e.g. products_v2',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: settings.nameRegex,
							errorMessage: `Not a valid collection name. ${NAME_RULE_HINT}.`,
						},
					},
				],
			},
		],
	};
}

export const aliasFields: INodeProperties[] = [
	{
		displayName: 'Database Name',
		name: 'dbName',
		type: 'string',
		default: '',
		placeholder: 'e.g. default',
		description:
			"Database that holds the alias and its collection. Leave empty for the server's default database (and on Zilliz Cloud Serverless, which has no databases).",
		displayOptions: { show: { resource: ['alias'] } },
	},
	{
		displayName: 'Alias Name',
		name: 'aliasName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. products',
		description: `Name of the alias that readers query. ${NAME_RULE_HINT}.`,
		displayOptions: {
			show: { resource: ['alias'], operation: ['create', 'upsert', 'update', 'delete', 'get'] },
		},
	},
	collectionLocator({
		required: true,
		description: 'Collection the alias should point at',
		operations: POINTING_OPERATIONS,
		listPlaceholder: 'Select a collection...',
		nameRegex: NAME_PATTERN_FOR_EDITOR,
	}),
	collectionLocator({
		required: false,
		description:
			'Only list the aliases of this collection. Leave empty to list every alias of the database.',
		operations: ['getAll'],
		listPlaceholder: 'All collections',
		nameRegex: `(${NAME_PATTERN_FOR_EDITOR})|^$`,
	}),
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show: { resource: ['alias'], operation: ['getAll'] } },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { resource: ['alias'], operation: ['getAll'], returnAll: [false] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { resource: ['alias'] } },
		options: [
			{
				displayName: 'Concurrency',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 100 },
				default: 10,
				description:
					'How many items are sent to Milvus at the same time. Items on the same alias always run one after another, in input order. Read from the first item.',
			},
			{
				displayName: 'Max Retries',
				name: 'maxRetries',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 10 },
				default: 3,
				description:
					'How often to retry a request that failed for a passing reason (connection reset, timeout, HTTP 502/503/504, Milvus rate limit). Errors a retry cannot fix are never retried. Read from the first item.',
			},
			{
				displayName: 'Require Loaded Collection',
				name: 'requireLoaded',
				type: 'boolean',
				default: false,
				description:
					'Whether to refuse to point the alias at a collection that is not loaded, so a switch never sends readers to a collection that cannot serve searches',
				displayOptions: { show: { '/operation': POINTING_OPERATIONS } },
			},
			{
				displayName: 'Retry Delay (Ms)',
				name: 'retryDelay',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 500,
				description:
					'Wait before the first retry; it doubles for each further retry, with random jitter. Read from the first item.',
			},
			{
				displayName: 'Timeout (Ms)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 30000,
				description:
					'How long to wait for each Milvus answer. Milvus is asked to finish within it too (Request-Timeout header, in whole seconds). Read from the first item.',
			},
		],
	},
];
