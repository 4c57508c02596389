'use strict';
/**
 * The headline measurement: in ONE real n8n 2.41.1 execution (`n8n execute --id`, driven by
 * test/e2e/n8n-cli.js), a Code node generates N items {alias, collection}; its output feeds,
 * as parallel branches, the Milvus Alias node (create; at its default concurrency and at the
 * other `options.concurrency` values asked for) and n8n's HTTP Request node POSTing the same
 * creates to /v2/vectordb/aliases/create with the same credential (predefinedCredentialType
 * milvusRestApi). Each node creates its own aliases (prefixes m<c>_ / h_), so every node really
 * creates N aliases. n8n records each node's `executionTime`; that is what is compared.
 *
 * Fairness: n8n's v1 execution order runs the branches one after another, top to bottom. A
 * warm-up branch (100 items through both node types, so the JIT has seen the shared code paths)
 * always runs first, and the vertical order of the measured branches is rotated from one
 * execution to the next (one imported workflow per rotation, full rotations only), so every
 * node runs in every position equally often.
 */
const path = require('node:path');
const { summary, round } = require('./lib/common');

const ROOT = path.resolve(__dirname, '..');
const CREDENTIAL = { id: 'benchMilvusCred01', name: 'Milvus Bench' };
// n8n 2.41.1's HTTP Request node: versions 1 ... 4.5; 4.5 is the default (what a new node gets).
const HTTP_TYPE_VERSION = 4.5;
const WARMUP_ITEMS = 100;

let uuidCounter = 0;
const uuid = () => `b3c0ffee-0000-4000-8000-${String(++uuidCounter).padStart(12, '0')}`;

function milvusName(concurrency, defaultConcurrency) {
	return concurrency === defaultConcurrency ? 'Milvus Alias' : `Milvus Alias c${concurrency}`;
}

/** One measured branch per entry: { name, kind: 'milvus'|'http', prefix, concurrency? }. */
function measuredBranches(concurrencies, defaultConcurrency) {
	const branches = concurrencies.map((c) => ({
		name: milvusName(c, defaultConcurrency),
		kind: 'milvus',
		prefix: `m${c}_`,
		concurrency: c,
		isDefault: c === defaultConcurrency,
	}));
	branches.push({ name: 'HTTP Request', kind: 'http', prefix: 'h_' });
	return branches;
}

function milvusNode(name, nodeType, prefix, concurrency, isDefault, position) {
	return {
		id: uuid(),
		name,
		type: nodeType,
		typeVersion: 1,
		position,
		parameters: {
			resource: 'alias',
			operation: 'create',
			aliasName: `={{ "${prefix}" + $json.alias }}`,
			collectionName: { __rl: true, mode: 'name', value: '={{ $json.collection }}' },
			// The default node leaves options empty, exactly as a user who never opens them.
			options: isDefault ? {} : { concurrency },
		},
		credentials: { milvusRestApi: CREDENTIAL },
	};
}

function httpNode(name, url, prefix, position) {
	return {
		id: uuid(),
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: HTTP_TYPE_VERSION,
		position,
		parameters: {
			method: 'POST',
			url: `${url}/v2/vectordb/aliases/create`,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: 'milvusRestApi',
			sendBody: true,
			contentType: 'json',
			specifyBody: 'keypair',
			bodyParameters: {
				parameters: [
					{ name: 'collectionName', value: '={{ $json.collection }}' },
					{ name: 'aliasName', value: `={{ "${prefix}" + $json.alias }}` },
				],
			},
			options: {},
		},
		credentials: { milvusRestApi: CREDENTIAL },
	};
}

function codeNode(name, count, k, position) {
	return {
		id: uuid(),
		name,
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position,
		parameters: {
			jsCode: `return Array.from({ length: ${count} }, (_, i) => ({ json: { alias: 'a_' + i, collection: 'c_' + (i % ${k}) } }));`,
		},
	};
}

/** The workflow for one rotation of the measured branches. */
function buildWorkflow({ id, nodeType, url, n, k, branches, rotation }) {
	const order = branches.map((_, i) => branches[(i + rotation) % branches.length]);
	const nodes = [
		{
			id: uuid(),
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		codeNode('Warm-up items', WARMUP_ITEMS, k, [250, -400]),
		milvusNode('Warm-up Milvus', nodeType, 'wm_', 10, true, [500, -500]),
		httpNode('Warm-up HTTP', url, 'wh_', [500, -300]),
		codeNode('Generate items', n, k, [250, 0]),
		...order.map((b, i) =>
			b.kind === 'milvus'
				? milvusNode(b.name, nodeType, b.prefix, b.concurrency, b.isDefault, [500, i * 200])
				: httpNode(b.name, url, b.prefix, [500, i * 200]),
		),
	];
	const to = (...names) => ({ main: [names.map((node) => ({ node, type: 'main', index: 0 }))] });
	return {
		id,
		name: `Milvus Alias bench ${id}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes,
		connections: {
			Start: to('Warm-up items', 'Generate items'),
			'Warm-up items': to('Warm-up Milvus', 'Warm-up HTTP'),
			'Generate items': to(...order.map((b) => b.name)),
		},
		pinData: {},
	};
}

/** Checks every per-item guarantee we can see from outside; throws on the first violation. */
function verify(n8n, run, emulator, branches, n, k) {
	const problems = [];
	for (const b of branches) {
		const items = n8n.items(run, b.name, 0) || [];
		if (items.length !== n) problems.push(`${b.name}: ${items.length} output items, expected ${n}`);
		items.forEach((item, i) => {
			const json = item.json || {};
			if (b.kind === 'milvus') {
				if (
					json.aliasName !== `${b.prefix}a_${i}` ||
					json.collectionName !== `c_${i % k}` ||
					json.dbName !== 'default'
				) {
					problems.push(`${b.name} item ${i}: unexpected ${JSON.stringify(json)}`);
				}
				if (!item.pairedItem || item.pairedItem.item !== i)
					problems.push(`${b.name} item ${i}: pairedItem ${JSON.stringify(item.pairedItem)}`);
			} else if (json.code !== 0) {
				problems.push(`${b.name} item ${i}: Milvus answered ${JSON.stringify(json)}`);
			}
		});
		const aliases = Object.entries(emulator.getAliases('default')).filter(([alias]) =>
			alias.startsWith(b.prefix),
		);
		if (aliases.length !== n)
			problems.push(
				`${b.name}: emulator holds ${aliases.length} ${b.prefix}* aliases, expected ${n}`,
			);
		for (const [alias, target] of aliases) {
			const i = Number(alias.slice(`${b.prefix}a_`.length));
			if (target !== `c_${i % k}`) problems.push(`${b.name}: alias ${alias} -> ${target}`);
		}
		const sent = emulator.requests.filter(
			(r) =>
				r.path === '/v2/vectordb/aliases/create' &&
				r.body &&
				String(r.body.aliasName).startsWith(b.prefix),
		);
		if (sent.length !== n)
			problems.push(`${b.name}: ${sent.length} create requests reached the server, expected ${n}`);
		if (sent.some((r) => r.headers.authorization !== 'Bearer root:Milvus'))
			problems.push(`${b.name}: a request without the Bearer header`);
		if (problems.length > 5) break;
	}
	if (problems.length)
		throw new Error(`real n8n run failed its checks:\n  ${problems.slice(0, 10).join('\n  ')}`);
}

/**
 * @param {object} opts { emulator, token, n, k, rounds, latencies, concurrencies, defaultConcurrency, timeoutMs, log }
 *   rounds[i]: full rotations at latencies[i] (executions = rounds x measured branches), so every
 *   measured node runs in every position equally often.
 */
async function runRealN8n(opts) {
	const { emulator, n, k, rounds, latencies, concurrencies, defaultConcurrency, log } = opts;
	const { createN8n } = require(path.join(ROOT, 'test', 'e2e', 'n8n-cli'));
	const branches = measuredBranches(concurrencies, defaultConcurrency);
	const started = Date.now();
	const n8n = await createN8n({ mode: 'custom', env: {} });
	const setup = {};
	try {
		log(
			`real n8n: user folder ready (${((Date.now() - started) / 1000).toFixed(1)} s), node type ${n8n.nodeType}`,
		);
		let t = Date.now();
		await n8n.importCredentials([
			{
				...CREDENTIAL,
				type: 'milvusRestApi',
				data: { endpoint: emulator.url, token: opts.token, ignoreSslIssues: false },
			},
		]);
		setup.importCredentialsMs = Date.now() - t;
		const rotations = branches.length;
		const workflowIds = [];
		t = Date.now();
		const workflows = [];
		for (let rotation = 0; rotation < rotations; rotation++) {
			const id = `milvusAliasBench0${rotation}`;
			workflows.push(
				buildWorkflow({ id, nodeType: n8n.nodeType, url: emulator.url, n, k, branches, rotation }),
			);
			workflowIds.push(id);
		}
		await n8n.importWorkflow(workflows);
		setup.importWorkflowsMs = Date.now() - t;
		log(
			`real n8n: imported the credential and ${rotations} workflow(s) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
		);

		const byLatency = {};
		for (const [latencyIndex, latency] of latencies.entries()) {
			const reps = rotations * (rounds[Math.min(latencyIndex, rounds.length - 1)] || 1);
			emulator.setLatency(latency);
			const samples = Object.fromEntries(branches.map((b) => [b.name, []]));
			const executions = [];
			for (let rep = 0; rep < reps; rep++) {
				for (const alias of Object.keys(emulator.getAliases('default')))
					emulator.removeAlias('default', alias);
				emulator.clearRequests();
				const workflowId = workflowIds[rep % workflowIds.length];
				t = Date.now();
				const result = await n8n.execute(workflowId, { timeoutMs: opts.timeoutMs });
				const wallMs = Date.now() - t;
				if (result.rc !== 0 || !result.run || result.run.status !== 'success') {
					const error = result.run ? n8n.nodeError(result.run) : undefined;
					throw new Error(
						`n8n execute ${workflowId} failed: rc ${result.rc}, status ${result.run && result.run.status}, ${
							error ? JSON.stringify(error).slice(0, 500) : String(result.output).slice(-1500)
						}`,
					);
				}
				verify(n8n, result.run, emulator, branches, n, k);
				const runData = result.run.data.resultData.runData;
				const order = branches
					.map((b) => ({ name: b.name, start: runData[b.name][0].startTime }))
					.sort((a, b) => a.start - b.start)
					.map((x) => x.name);
				const times = {};
				for (const b of branches) {
					times[b.name] = runData[b.name][0].executionTime;
					samples[b.name].push(times[b.name]);
				}
				// Keys in the order the nodes ran in this execution.
				executions.push({
					msInRunOrder: Object.fromEntries(order.map((name) => [name, times[name]])),
					wallMs,
				});
				log(
					`real n8n: latency ${latency} ms, execution ${rep + 1}/${reps} (${(wallMs / 1000).toFixed(1)} s): ` +
						branches.map((b) => `${b.name} ${times[b.name]} ms`).join(', '),
				);
			}
			const nodes = {};
			for (const b of branches) {
				const s = summary(samples[b.name]);
				nodes[b.name] = {
					kind: b.kind,
					concurrency: b.kind === 'milvus' ? b.concurrency : 'all items at once',
					executionTimeMs: s,
					perItemMs: round(s.median / n, 3),
				};
			}
			const http = nodes['HTTP Request'].executionTimeMs.median;
			const ratios = {};
			for (const b of branches.filter((x) => x.kind === 'milvus')) {
				const paired = executions.map(
					(e) => e.msInRunOrder[b.name] / e.msInRunOrder['HTTP Request'],
				);
				ratios[b.name] = {
					ratioOfMedians: round(nodes[b.name].executionTimeMs.median / http, 3),
					medianPairedRatio: round(summary(paired).median, 3),
				};
			}
			byLatency[latency] = { executions: reps, nodes, ratios, perExecution: executions };
		}
		return {
			n8nVersion: n8n.version || '2.41.1',
			mode: 'custom',
			httpRequestTypeVersion: HTTP_TYPE_VERSION,
			items: n,
			collections: k,
			warmupItemsPerNodeType: WARMUP_ITEMS,
			setup,
			byLatency,
		};
	} finally {
		await n8n.dispose();
	}
}

module.exports = { runRealN8n, buildWorkflow, measuredBranches };
