/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-hardcoded-secrets -- end-to-end tests, never part of the package: they run n8n and use a test password */
/**
 * The node's builderHint texts as a real `n8n start` serves them: logged in as the owner, the
 * node types the editor loads (GET /types/nodes.json). On n8n 2.x the texts are there and n8n's
 * own type synthesis for nodes without shipped definitions (n8n/dist/modules/mcp-registry/
 * synthesize-type-def.js, the path of n8n's node catalog for the AI workflow builder, via
 * @n8n/workflow-sdk) writes them into the node's type file. On n8n 1.x the node loads as before.
 * The package is installed by hand into ~/.n8n/nodes with N8N_UNVERIFIED_PACKAGES_ENABLED=false.
 */
import childProcess from 'node:child_process';
import path from 'node:path';

import type { N8nInstance, N8nServer } from '../../tooling/n8n';
import { createN8n, installPaths, n8nMajor } from '../../tooling/n8n';
import { MilvusAlias } from '../../nodes/MilvusAlias/MilvusAlias.node';

const OWNER = {
	email: 'builder-hint@example.com',
	firstName: 'Builder',
	lastName: 'Hint',
	password: 'E2e-Passw0rd-123',
};

/* eslint-disable @typescript-eslint/no-explicit-any -- n8n's answers and node descriptions, read loosely */
let n8n: N8nInstance;
let server: N8nServer;
let served: any;

/** The node description as the source declares it: the texts the served one must carry. */
const declared = new MilvusAlias().description;
const declaredProperty = (name: string): any =>
	(declared.properties as any[]).find((property) => property.name === name);
const OPTION_NAMES = ['requireLoaded', 'waitForLoad'];

beforeAll(async () => {
	// n8n 3.0's default (docs: v3.0 breaking changes): unverified community packages cannot be
	// installed from the editor. A package installed by hand into ~/.n8n/nodes still loads.
	n8n = await createN8n({ mode: 'package', env: { N8N_UNVERIFIED_PACKAGES_ENABLED: 'false' } });
	server = await n8n.startServer();
	let cookie = '';
	const call = async (method: string, urlPath: string, body?: unknown) => {
		const response = await fetch(`${server.baseUrl}${urlPath}`, {
			method,
			headers: { 'content-type': 'application/json', 'browser-id': 'builder-hint', cookie },
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(60000),
		});
		const text = await response.text();
		if (!response.ok)
			throw new Error(`${method} ${urlPath} → HTTP ${response.status}: ${text.slice(0, 300)}`);
		const setCookie = response.headers
			.getSetCookie()
			.find((entry) => entry.startsWith('n8n-auth='));
		if (setCookie) cookie = setCookie.split(';')[0];
		return JSON.parse(text);
	};
	await call('POST', '/rest/owner/setup', OWNER);
	await call('POST', '/rest/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
	const nodeTypes: any[] = await call('GET', '/types/nodes.json');
	served = nodeTypes.find((type) => type.name === n8n.nodeType);
}, 300000);

afterAll(async () => {
	if (n8n) await n8n.dispose();
}, 60000);

test("the node type the editor loads is the package's, with every parameter (unverified packages off)", () => {
	expect(served).toBeDefined();
	expect(served.displayName).toBe('Milvus Alias');
	expect(served.properties.map((property: any) => property.name)).toEqual(
		(declared.properties as any[]).map((property) => property.name),
	);
});

const describeOnN8n2 = n8nMajor() >= 2 ? describe : describe.skip;

describeOnN8n2('n8n 2.x: builderHint for the AI workflow builder', () => {
	const servedProperties = () => served.properties as any[];
	const servedOption = (name: string) =>
		servedProperties()
			.filter((property) => property.name === 'options')
			.flatMap((property) => property.options)
			.find((option: any) => option.name === name);

	test("served: the node's search hint and related node, and each key parameter's hint", () => {
		expect(served.builderHint).toEqual(declared.builderHint);
		expect(served.builderHint.searchHint).toMatch(
			/^Use to switch what a Milvus or Zilliz Cloud alias points at/,
		);
		for (const name of ['aliasName', 'dbName']) {
			expect({ name, hint: servedProperties().find((p) => p.name === name).builderHint }).toEqual({
				name,
				hint: { propertyHint: declaredProperty(name).builderHint.propertyHint },
			});
		}
		const collections = servedProperties().filter((p) => p.name === 'collectionName');
		expect(collections.length).toBeGreaterThan(0);
		for (const collection of collections) {
			expect(collection.builderHint.propertyHint).toMatch(
				/^A collection name, e\.g\. "products_v2"/,
			);
		}
		for (const name of OPTION_NAMES) {
			expect(servedOption(name)?.builderHint.propertyHint).toMatch(/^Turn on /);
		}
	});

	test("n8n's own type synthesis writes them into the node's type definition", () => {
		const install = installPaths();
		const synthesize = path.join(
			install.n8nDir,
			'node_modules/n8n/dist/modules/mcp-registry/synthesize-type-def.js',
		);
		const script = `const { synthesizeNodeTypeDef } = require(${JSON.stringify(synthesize)});
let input = ''; process.stdin.on('data', (c) => (input += c));
process.stdin.on('end', () => process.stdout.write(synthesizeNodeTypeDef(JSON.parse(input))));`;
		const typeFile = childProcess.execFileSync(install.node, ['-e', script], {
			input: JSON.stringify(served),
			encoding: 'utf8',
			timeout: 60000,
			maxBuffer: 16 * 1024 * 1024,
		});
		const hintLines = typeFile
			.split('\n')
			.filter((line) => line.includes('@builderHint'))
			.map((line) => line.replace(/^\s*\* @builderHint /, ''));
		const expected = [
			declared.builderHint!.searchHint!,
			...['aliasName', 'dbName'].map((name) => declaredProperty(name).builderHint.propertyHint),
			...OPTION_NAMES.map((name) => servedOption(name).builderHint.propertyHint),
			servedProperties().find((p) => p.name === 'collectionName').builderHint.propertyHint,
		].map((text: string) => text.replace(/</g, '&lt;').replace(/>/g, '&gt;'));
		for (const text of expected) expect(hintLines).toContain(text);
	});
});
