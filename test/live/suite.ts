/**
 * Runs a conformance scenario against one target, with its own unique names and its own
 * clean-up, which runs whether the scenario passed or not.
 */
import { randomBytes } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import type { RunOptions, RunResult } from '../harness/n8n-harness';
import { MilvusAdmin } from './admin';
import type { Scenario, ScenarioContext } from './scenarioKit';

export interface LiveTarget {
	/** Shown on every line, e.g. `emulator 2.6.12+` or the endpoint's host. */
	label: string;
	endpoint: string;
	token?: string;
	/** '' = the server's default database. */
	dbName: string;
}

export interface ScenarioResult {
	target: string;
	scenario: string;
	passed: boolean;
	ms: number;
	/** What the scenario observed (e.g. which version behaviour), or why it failed. */
	note?: string;
}

export type RunNode = (options: RunOptions) => Promise<RunResult>;

/** Limits one scenario, so a hanging server cannot hold the suite. */
const SCENARIO_LIMIT_MS = 90_000;
const ADMIN_TIMEOUT_MS = 30_000;

/** `n8nlive_<time>_<random>_`: unique per run, recognisable, a valid Milvus name prefix. */
export function runPrefix(): string {
	return `n8nlive_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}_`;
}

function withinLimit<T>(work: Promise<T>, limitMs: number, what: string): Promise<T> {
	const limit = AbortSignal.timeout(limitMs);
	return Promise.race([
		work,
		new Promise<never>((_, reject) =>
			limit.addEventListener('abort', () =>
				reject(new Error(`${what} did not finish within ${limitMs} ms`)),
			),
		),
	]);
}

/**
 * Runs one scenario with its own names (`<prefix>s<index>_…`) and removes what it created
 * afterwards, whether it passed or not.
 */
export async function runScenario(
	target: LiveTarget,
	scenario: Scenario,
	index: number,
	runNode: RunNode,
	prefix: string,
): Promise<ScenarioResult> {
	const scenarioPrefix = `${prefix}s${index}_`;
	const admin = new MilvusAdmin({
		endpoint: target.endpoint,
		token: target.token,
		dbName: target.dbName || undefined,
		timeoutMs: ADMIN_TIMEOUT_MS,
	});
	const ctx: ScenarioContext = {
		admin,
		dbName: target.dbName,
		resolvedDb: target.dbName || 'default',
		name: (label) => `${scenarioPrefix}${label}`,
		run: async (operation, parameters, items = [{}]) => {
			const result = await runNode({
				credentials: { endpoint: target.endpoint, token: target.token ?? '' },
				parameters: { operation, dbName: target.dbName, ...parameters },
				items,
				onError: 'continueRegularOutput',
			});
			return {
				outputs: (result.outputs[0] ?? []).map((item) => item.json as IDataObject),
				error: result.error,
			};
		},
	};
	const started = Date.now();
	let passed = true;
	let note: string | undefined;
	try {
		note = (await withinLimit(scenario.run(ctx), SCENARIO_LIMIT_MS, 'the scenario')) ?? undefined;
	} catch (error) {
		passed = false;
		note = (error as Error).message;
	}
	const leftovers = await withinLimit(
		admin.cleanUp(scenarioPrefix),
		SCENARIO_LIMIT_MS,
		'clean-up',
	).catch((error: Error) => [error.message]);
	if (leftovers.length > 0) {
		passed = false;
		note = `${note ? `${note}; ` : ''}clean-up failed: ${leftovers.join('; ')}`;
	}
	return { target: target.label, scenario: scenario.name, passed, ms: Date.now() - started, note };
}
