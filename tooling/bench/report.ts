/** The table `npm run bench` prints at the end: one line per node, item count and latency. */
import type { OneItemLatencyResult } from './oneItem';
import type { LatencyResult } from './realN8n';
import type { Summary } from './stats';

export interface ReportInput {
	mappings: string;
	changeMs: number;
	manyItems: Array<{ items: number; byLatency: LatencyResult[] }>;
	oneItem?: OneItemLatencyResult[];
}

const range = (s: Summary, unit = '') => `${s.median}${unit} (${s.min}-${s.max})`;

function countsText(counts: Record<string, number>): string {
	return Object.entries(counts)
		.map(([key, n]) => `${key} ×${n}`)
		.join(', ');
}

export function formatReport(input: ReportInput): string {
	const lines = [
		`${input.mappings} mappings, alias changes ${
			input.changeMs ? `${input.changeMs} ms each, one at a time` : 'in parallel'
		}, every request delayed by the latency`,
		'items | latency | node | ms (min-max) | Milvus Alias / this (min-max over executions)',
	];
	for (const { items, byLatency } of input.manyItems) {
		for (const result of byLatency) {
			const ratios: Record<string, Summary> = {
				'HTTP Request (header)': result.ratios.vsHeader,
				'HTTP Request (Bearer credential)': result.ratios.vsBearer,
			};
			for (const [name, node] of Object.entries(result.nodes)) {
				const ratio = ratios[name];
				lines.push(
					`${items} | ${result.latencyMs} ms | ${name} | ${range(node.executionTimeMs)} | ${ratio ? range(ratio, '×') : ''}`,
				);
			}
			lines.push(
				`${items} | ${result.latencyMs} ms | the faster HTTP setup of each execution | | ${range(result.ratios.vsFasterSetup, '×')}`,
			);
		}
	}
	for (const result of input.oneItem ?? []) {
		const ratios: Record<string, Summary> = {
			'HTTP Request (header)': result.ratios.vsHeader,
			'HTTP Request (Bearer credential)': result.ratios.vsBearer,
		};
		for (const [name, node] of Object.entries(result.nodes)) {
			const ratio = ratios[name];
			lines.push(
				`1 | ${result.latencyMs} ms | ${name} | ${range(node.msPerRun)} per run | ${ratio ? range(ratio, '×') : ''}`,
			);
		}
		lines.push(
			`1 | ${result.latencyMs} ms | the faster HTTP setup of each execution | | ${range(result.ratios.vsFasterSetup, '×')}`,
			`1 | ${result.latencyMs} ms | Milvus Alias requests per run: ${countsText(result.milvusRequests)}; round trips in sequence: ${countsText(result.milvusRoundTrips)}`,
		);
	}
	return `${lines.join('\n')}\n`;
}
