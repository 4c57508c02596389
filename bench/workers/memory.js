'use strict';
/**
 * Forked by bench/run.js, one fresh process per size (run with --expose-gc). Runs `n` creates
 * through the Milvus Alias node (dist/) in n8n-core's WorkflowExecute and samples the process
 * memory every few ms: peak RSS / heapUsed during the run, against the baseline after n8n-core
 * is loaded and one small warm-up run has been made; then a second run of the same size with a
 * forced GC before each sample, for the memory the run actually retains (live heap).
 * Config: JSON in argv[2].
 */
const { prepareEnv, loadHarness } = require('../lib/ts-harness');
const { round, nowMs, rpcClient, finish } = require('../lib/common');

const config = JSON.parse(process.argv[2]);
const rpc = rpcClient();
const MB = 1024 * 1024;

async function runOnce(harness, prefix, count) {
	const items = Array.from({ length: count }, (_, i) => ({
		alias: `${prefix}${i}`,
		collection: `c_${i % config.k}`,
	}));
	const result = await harness.runMilvusAlias({
		credentials: { endpoint: config.url, token: config.token },
		parameters: {
			operation: 'create',
			aliasName: '={{ $json.alias }}',
			collectionName: { __rl: true, mode: 'name', value: '={{ $json.collection }}' },
		},
		items,
	});
	const produced = result.outputs[0] ? result.outputs[0].length : 0;
	if (result.run.status !== 'success' || produced !== count) {
		throw new Error(
			`memory run failed: ${result.run.status}, ${produced}/${count}, ${result.error && result.error.message}`,
		);
	}
	return result;
}

(async () => {
	prepareEnv();
	const harness = loadHarness();
	await rpc('reset');
	await runOnce(harness, 'warm_', 50);
	await rpc('reset');
	global.gc();
	const base = process.memoryUsage();
	let peakRss = base.rss;
	let peakHeap = base.heapUsed;
	const sample = () => {
		const m = process.memoryUsage();
		if (m.rss > peakRss) peakRss = m.rss;
		if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
	};
	const timer = setInterval(sample, 5);
	const t0 = nowMs();
	let result = await runOnce(harness, 'm_', config.n);
	const elapsed = nowMs() - t0;
	sample();
	clearInterval(timer);
	const executionTime = result.run.data.resultData.runData[harness.NODE_NAME][0].executionTime;
	result = undefined;
	global.gc();
	const after = process.memoryUsage();
	const created = await rpc('aliasCount');
	if (created !== config.n)
		throw new Error(`emulator holds ${created} aliases, expected ${config.n}`);

	// Second run, same size: what the run RETAINS. A forced GC before each sample leaves only
	// live objects (input, per-item state, outputs), not the garbage V8 lets pile up above.
	let liveBase = 0;
	let livePeak = 0;
	if (config.live) {
		await rpc('reset');
		global.gc();
		liveBase = process.memoryUsage().heapUsed;
		livePeak = liveBase;
		const liveTimer = setInterval(() => {
			global.gc();
			livePeak = Math.max(livePeak, process.memoryUsage().heapUsed);
		}, 200);
		result = await runOnce(harness, 'l_', config.n);
		clearInterval(liveTimer);
		global.gc();
		livePeak = Math.max(livePeak, process.memoryUsage().heapUsed);
		result = undefined;
	}
	finish({
		n: config.n,
		baselineRssMB: round(base.rss / MB, 1),
		baselineHeapMB: round(base.heapUsed / MB, 1),
		peakRssMB: round(peakRss / MB, 1),
		peakHeapUsedMB: round(peakHeap / MB, 1),
		rssGrowthMB: round((peakRss - base.rss) / MB, 1),
		heapGrowthMB: round((peakHeap - base.heapUsed) / MB, 1),
		heapAfterRunAndGcMB: round(after.heapUsed / MB, 1),
		liveHeapGrowthMB: config.live ? round((livePeak - liveBase) / MB, 1) : null,
		liveHeapPerItemKB: config.live ? round((livePeak - liveBase) / 1024 / config.n, 2) : null,
		maxOldSpaceMB: config.maxOldSpaceMB || null,
		maxRssMB: round((process.resourceUsage().maxRSS * 1024) / MB, 1),
		executionTimeMs: executionTime,
		wallMs: round(elapsed),
	});
})().catch((error) => {
	process.send({ error: String((error && error.stack) || error) }, () => process.exit(1));
});
