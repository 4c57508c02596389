/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- a test, never part of the package: it reads the source files */
/**
 * The source's floors, from the bottom: helpers (no Milvus, no n8n errors), transport (sends,
 * retries, classifies and bounds answers), messages (what the user reads), actions and methods
 * (what the node does), then the node, the credential and its authentication. An import goes to
 * the same floor or below, never up, and no file reaches itself through its imports (type-only
 * imports count: a circle of types is a circle of meaning).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const FLOORS: Array<[prefix: string, floor: number]> = [
	['nodes/MilvusAlias/helpers/', 0],
	['nodes/MilvusAlias/transport/', 1],
	['nodes/MilvusAlias/messages/', 2],
	['nodes/MilvusAlias/actions/', 3],
	['nodes/MilvusAlias/methods/', 3],
	['nodes/MilvusAlias/', 4],
	['credentials/', 4],
];

function sourceFiles(folder: string): string[] {
	return readdirSync(join(ROOT, folder)).flatMap((name) => {
		const path = `${folder}/${name}`;
		if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

const FILES = [...sourceFiles('nodes'), ...sourceFiles('credentials')];

const floorOf = (file: string) => FLOORS.find(([prefix]) => file.startsWith(prefix))?.[1] ?? -1;

/** The project files a file imports (relative imports only; packages are not floors). */
function importsOf(file: string): string[] {
	const text = readFileSync(join(ROOT, file), 'utf8');
	return [...text.matchAll(/from '(\.[^']*)'/g)].map(([, specifier]) => {
		const target = relative(ROOT, resolve(ROOT, dirname(file), specifier));
		return FILES.includes(`${target}.ts`) ? `${target}.ts` : `${target}/index.ts`;
	});
}

const GRAPH = new Map(FILES.map((file) => [file, importsOf(file)]));

test('every source file is on a floor, and every import reaches a source file', () => {
	expect(FILES.filter((file) => floorOf(file) < 0)).toEqual([]);
	const missing = [...GRAPH].flatMap(([file, targets]) =>
		targets.filter((target) => !GRAPH.has(target)).map((target) => `${file} -> ${target}`),
	);
	expect(missing).toEqual([]);
});

test('no import goes up a floor', () => {
	const upward = [...GRAPH].flatMap(([file, targets]) =>
		targets
			.filter((target) => floorOf(target) > floorOf(file))
			.map((target) => `${file} -> ${target}`),
	);
	expect(upward).toEqual([]);
});

test('no import circle', () => {
	const circles: string[] = [];
	const state = new Map<string, 'open' | 'done'>();
	const visit = (file: string, path: string[]) => {
		if (state.get(file) === 'done') return;
		if (state.get(file) === 'open') {
			circles.push([...path.slice(path.indexOf(file)), file].join(' -> '));
			return;
		}
		state.set(file, 'open');
		for (const target of GRAPH.get(file) ?? []) visit(target, [...path, file]);
		state.set(file, 'done');
	};
	for (const file of FILES) visit(file, []);
	expect(circles).toEqual([]);
});
