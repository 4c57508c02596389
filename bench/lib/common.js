'use strict';
/** Small shared helpers for the benchmark: statistics, timing, parent<->child RPC. */

function median(values) {
	const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
	if (v.length === 0) return null;
	const mid = Math.floor(v.length / 2);
	return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

function summary(values) {
	const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x));
	if (v.length === 0) return { n: 0, median: null, min: null, max: null };
	return {
		n: v.length,
		median: round(median(v)),
		min: round(Math.min(...v)),
		max: round(Math.max(...v)),
	};
}

function round(x, digits = 2) {
	if (typeof x !== 'number' || !Number.isFinite(x)) return x;
	const f = 10 ** digits;
	return Math.round(x * f) / f;
}

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

/**
 * Child side of a tiny request/response protocol over the fork IPC channel, used by workers to
 * ask the parent (which owns the emulator) to reset it or change its latency.
 */
function rpcClient() {
	let nextId = 1;
	const pending = new Map();
	process.on('message', (msg) => {
		if (msg && msg.rpcReply !== undefined && pending.has(msg.rpcReply)) {
			const { resolve, reject } = pending.get(msg.rpcReply);
			pending.delete(msg.rpcReply);
			if (msg.error) reject(new Error(msg.error));
			else resolve(msg.value);
		}
	});
	return (op, arg) =>
		new Promise((resolve, reject) => {
			const id = nextId++;
			pending.set(id, { resolve, reject });
			process.send({ rpc: op, id, arg });
		});
}

/** Parent side: answers a forked child's rpc calls with `handlers[op](arg)`. */
function serveRpc(child, handlers) {
	child.on('message', async (msg) => {
		if (!msg || msg.rpc === undefined) return;
		try {
			const handler = handlers[msg.rpc];
			if (!handler) throw new Error(`unknown rpc ${msg.rpc}`);
			const value = await handler(msg.arg);
			child.send({ rpcReply: msg.id, value });
		} catch (error) {
			child.send({ rpcReply: msg.id, error: String((error && error.message) || error) });
		}
	});
}

/** A worker's result: sent to the parent as { result } and the channel closed. */
function finish(result) {
	process.send({ result }, () => process.disconnect());
}

module.exports = { median, summary, round, nowMs, rpcClient, serveRpc, finish };
