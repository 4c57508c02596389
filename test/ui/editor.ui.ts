/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- test tooling, never part of the package: it reads the environment and writes screenshots */
/**
 * The node in n8n's editor, used as a user would: Chromium against a real n8n 2.41.1 with the
 * package installed from its tarball and the Milvus emulator behind the credential. The steps run
 * in order on one workflow, like one user session. Run by `npm run test:ui` (test/ui/run.ts);
 * The README's pictures are taken at the steps they show and compared with docs/images (see
 * pictures.ts); with MILVUS_ALIAS_UI_SCREENSHOTS set to a folder they are written there instead.
 * Expected texts come from the test or the README (expected.ts), never from the package's code.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import type { Locator, Page } from 'playwright-core';

import type { DocsStandIn } from './docs-stand-in';
import { standInForGitHub } from './docs-stand-in';
import * as editor from './editor';
import type { BrowserSession, UiEnvironment } from './environment';
import {
	createCredential,
	createWorkflow,
	openBrowser,
	startEnvironment,
	TOKEN,
} from './environment';
import {
	CREDENTIAL_DOCS_URL,
	promisedFailure,
	readmeActions,
	readmeAnchors,
	REPOSITORY_URL,
} from './expected';
import { Pictures, readmePictures } from './pictures';
import type { Box, PixelDifference } from './pixels';
import { comparePngs } from './pixels';

const log = (line: string) => process.stdout.write(`[ui] ${line}\n`);
const ROOT = join(__dirname, '..', '..');
const ICONS = { light: 'milvus.svg', dark: 'milvus.dark.svg' } as const;
/** Where n8n serves an installed community package's icon files. */
const iconUrl = (baseUrl: string, file: string) =>
	`${baseUrl}/icons/n8n-nodes-milvus-alias/dist/icons/${file}`;
const iconFile = (file: string) => readFileSync(join(ROOT, 'icons', file), 'utf8');

const actions = readmeActions();
/** The action the user picks; n8n also names the new node after it. */
const upsertAction = String(actions.get('Create or Update'));

/** The credential name examples/blue-green.json refers to. */
const DEMO_CREDENTIAL = 'Milvus (demo)';
const MANUAL_TRIGGER = {
	id: 'start',
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	parameters: {},
};

/**
 * The pixels each of `parts` paints on the rendered `node`: the node's screenshot with the part
 * hidden compared with the node as shown, counted also inside each part's box.
 */
async function paintedBy(
	node: Locator,
	[icon, badge]: [Locator, Locator],
): Promise<Record<'icon' | 'badge', PixelDifference>> {
	const origin = await node.boundingBox();
	const boxes: Box[] = [];
	for (const part of [icon, badge]) {
		const box = await part.boundingBox();
		assert.ok(origin && box);
		boxes.push({ ...box, x: box.x - origin.x, y: box.y - origin.y });
	}
	const shown = await node.screenshot({ animations: 'disabled' });
	const without = async (part: Locator) => {
		await part.evaluate((element) => {
			element.style.visibility = 'hidden';
		});
		const shot = await node.screenshot({ animations: 'disabled' });
		await part.evaluate((element) => {
			element.style.visibility = '';
		});
		return await comparePngs(node.page().context(), shown, shot, boxes);
	};
	return { icon: await without(icon), badge: await without(badge) };
}

/** What the browser fetched from n8n's icon path: status and body, by URL. */
type IconResponses = Map<string, Promise<{ status: number; body: string }>>;

describe('Milvus Alias in the n8n editor', () => {
	let environment: UiEnvironment;
	let session: BrowserSession;
	let page: Page;
	let ndv: Locator;
	let pictures: Pictures;
	/** The credential the example workflows use, saved by the dark-theme step. */
	let credentialId = '';
	let github: DocsStandIn;
	const icons: IconResponses = new Map();
	/** Responses of n8n's own API that failed, and when they were expected. */
	const failedApiCalls: string[] = [];
	let expectedFailures = 0;

	/**
	 * The steps build on each other (one workflow, one node), so after a failure the later steps
	 * are reported as skipped instead of failing for the same reason.
	 */
	let failedStep: string | undefined;
	function step(name: string, run: () => Promise<void> | void, options: { skip?: boolean } = {}) {
		test(name, options, async (context) => {
			if (failedStep) return context.skip(`after the failure of "${failedStep}"`);
			try {
				await run();
			} catch (error) {
				failedStep = name;
				const shot = join(tmpdir(), `milvus-alias-ui-failure-${Date.now()}.png`);
				if (page && (await page.screenshot({ path: shot }).catch(() => undefined)))
					log(`screenshot of the failure: ${shot}`);
				throw error;
			}
		});
	}

	before(async () => {
		environment = await startEnvironment(log);
		session = await openBrowser(environment.baseUrl);
		page = session.page;
		editor.watchExecutions(page);
		pictures = new Pictures(session.context, process.env.MILVUS_ALIAS_UI_SCREENSHOTS, log);
		github = await standInForGitHub(session.context);
		page.on('response', (response) => {
			if (response.url().startsWith(environment.baseUrl) && response.status() >= 400)
				failedApiCalls.push(`${response.status()} ${response.url()}`);
			if (response.url().startsWith(iconUrl(environment.baseUrl, '')))
				icons.set(
					response.url(),
					response.text().then((body) => ({ status: response.status(), body })),
				);
		});
	});

	after(async () => {
		if (session) await session.close();
		if (environment) await environment.stop();
	});

	step('node search finds the node by its name and by what it is for', async () => {
		await editor.openNewWorkflow(page, environment.baseUrl);
		for (const query of ['milvus alias', 'zilliz', 'blue green']) {
			const results = await editor.searchNodes(page, query);
			await results
				.filter({ hasText: 'Milvus Alias' })
				.first()
				.waitFor({ timeout: 30000 })
				.catch(() => undefined);
			const names = (await results.allInnerTexts()).map((text) => text.split('\n')[0]);
			assert.ok(
				names.some((text) => text.startsWith('Milvus Alias')),
				`searching "${query}" should list Milvus Alias, got: ${names.join(' | ')}`,
			);
			if (query === 'milvus alias')
				await pictures.take('node-search', page.locator('[data-test-id="node-creator"]'));
		}
	});

	step('the nodes panel shows the light icon, as the package ships it', async () => {
		const results = await editor.searchNodes(page, 'milvus alias');
		const icon = results.filter({ hasText: 'Milvus Alias' }).first().locator('img').first();
		const src = new URL(String(await icon.getAttribute('src')), environment.baseUrl).href;
		assert.equal(src, iconUrl(environment.baseUrl, ICONS.light));
		await icon.evaluate(
			async (image) => await (image as unknown as { decode(): Promise<void> }).decode(),
		);
		const served = await icons.get(src);
		assert.ok(served, `the browser never fetched ${src}`);
		assert.equal(served.status, 200);
		assert.equal(served.body, iconFile(ICONS.light));
	});

	step('the action list names what each operation does to an alias', async () => {
		const shown = await editor.openActions(page);
		assert.deepEqual(
			[...actions.keys()],
			['Create', 'Create or Update', 'Update', 'Delete', 'Get', 'Get Many'],
			'the README names an action per operation',
		);
		for (const action of actions.values()) {
			assert.ok(shown.includes(action), `action "${action}" missing from ${shown.join(' | ')}`);
			assert.match(action, /alias/i);
		}
		ndv = await editor.pickAction(page, upsertAction);
	});

	step('the Docs link opens the README on GitHub, with the query string n8n appends', async () => {
		const tab = await editor.followLink(editor.docsLink(ndv));
		try {
			const url = new URL(tab.url());
			assert.equal(`${url.origin}${url.pathname}`, REPOSITORY_URL);
			assert.equal(url.searchParams.get('utm_source'), 'n8n_app');
			assert.equal(url.hash, '', 'a fragment before the query would swallow it');
			assert.ok(github.requested.includes(url.href), github.requested.join(' | '));
			assert.equal(await tab.title(), 'n8n-nodes-milvus-alias');
		} finally {
			await tab.close();
		}
	});

	step('credential Test: wrong token, wrong path, missing scheme, right token', async () => {
		await editor.openCredential(ndv);
		const modal = editor.credentialModal(page);
		await modal.waitFor();
		const milvus = environment.milvus.url;

		// The modal's "read the docs" leads to the README's Credentials section.
		const tab = await editor.followLink(editor.credentialDocsLink(modal));
		try {
			assert.equal(tab.url(), CREDENTIAL_DOCS_URL);
			assert.ok(readmeAnchors().includes('credentials'), 'the README has a Credentials section');
			assert.equal(await tab.evaluate('document.getElementById("credentials") !== null'), true);
		} finally {
			await tab.close();
		}

		const wrongToken = await editor.saveAndTestCredential(page, {
			endpoint: milvus,
			token: 'root:wrong-password',
		});
		assert.equal(wrongToken.ok, false);
		assert.match(wrongToken.text, /did not accept the credential/);
		assert.match(wrongToken.text, /user:password/);

		const wrongPath = await editor.saveAndTestCredential(page, {
			endpoint: `${milvus}/not-milvus`,
			token: TOKEN,
		});
		assert.equal(wrongPath.ok, false);
		assert.match(wrongPath.text, /No Milvus REST API v2 at /);

		const right = await editor.saveAndTestCredential(page, { endpoint: milvus, token: TOKEN });
		assert.equal(right.ok, true, right.text);
		assert.match(right.text, /Connection (tested )?successful/);
		// n8n tests a saved credential again when its modal opens, and shows the verdict above the
		// form when the answer comes: the picture waits for that answer and its banner, so it
		// shows the same state in every run (it was taken before or after the banner by chance).
		const retested = page
			.waitForResponse((response) => response.url().includes('/rest/credentials/test'), {
				timeout: 15000,
			})
			.catch(() => undefined);
		await editor.openCredential(ndv);
		await modal.waitFor();
		if (await retested) {
			await modal
				.locator('[data-test-id="credentials-config-container-test-success"]')
				.waitFor({ timeout: 10000 });
		}
		// The modal fills its form after it opens: the picture waits for the saved Endpoint.
		const endpoint = modal.locator('[data-test-id="parameter-input-endpoint"] input');
		await endpoint.waitFor();
		for (let waited = 0; (await endpoint.inputValue()) !== milvus; waited += 100) {
			assert.ok(waited < 10000, `the Endpoint shows "${await endpoint.inputValue()}"`);
			await page.waitForTimeout(100);
		}
		// The emulator's port in the Endpoint changes from run to run.
		await pictures.take('credential', modal.locator('.el-dialog').first().or(modal).first(), [
			endpoint,
		]);

		// host:port is read as http://host:port, by the Test and by executions alike.
		const noScheme = await editor.saveAndTestCredential(page, {
			endpoint: milvus.replace(/^http:\/\//, ''),
			token: TOKEN,
		});
		assert.doesNotMatch(noScheme.text, /ERR_INVALID_URL|Invalid URL/);
		assert.equal(noScheme.ok, true, `missing scheme: ${noScheme.text}`);
		await editor.closeCredentialModal(page);
		await editor.openCredential(ndv);
		await editor.saveAndTestCredential(page, { endpoint: milvus, token: TOKEN });
		for (const request of environment.milvus.requests) {
			assert.match(request.path, /\/v2\/vectordb\/collections\/list$/);
		}
		await editor.closeCredentialModal(page);
	});

	step('Create or Update: fields users fill first, operation texts about aliases', async () => {
		const labels = await editor.fieldLabels(ndv);
		const at = (label: string) => labels.indexOf(label);
		assert.ok(at('Alias Name') >= 0 && at('Collection') >= 0, labels.join(' | '));
		assert.ok(at('Alias Name') < at('Collection'), labels.join(' | '));
		assert.ok(at('Collection') < at('Database Name'), `Database Name last: ${labels.join(' | ')}`);

		const options = await editor.operationOptions(page, ndv);
		const upsert = options.find((option) => option.name === 'Create or Update');
		assert.ok(upsert, options.map((option) => option.name).join(' | '));
		assert.match(upsert.description, /alias/i);
		assert.doesNotMatch(upsert.description, /Create a new record/);
	});

	step('Collection "From list": the server’s collections, narrowed by search', async () => {
		await editor.fillText(ndv, 'aliasName', 'products');
		const list = await editor.openCollectionList(ndv);
		assert.deepEqual((await editor.listedNames(list)).sort(), [
			'movies',
			'products_v1',
			'products_v2',
		]);
		await editor.searchList(page, list, 'v2');
		assert.deepEqual(await editor.listedNames(list), ['products_v2']);
		await editor.pickFromList(list, 'products_v2');
		await pictures.take(
			'node-panel-create-or-update',
			ndv.locator('[data-test-id="node-parameters"]'),
		);
	});

	step('Execute step: Create or Update repoints the alias and says so', async () => {
		assert.equal(await editor.executeStep(ndv), 'success');
		assert.deepEqual(await editor.outputTable(ndv), [
			{
				aliasName: 'products',
				collectionName: 'products_v2',
				dbName: 'default',
				action: 'updated',
				previousCollectionName: 'products_v1',
			},
		]);
		assert.equal(environment.milvus.getAliases().products, 'products_v2');
		await pictures.take('output-create-or-update', ndv.locator('[data-test-id="output-panel"]'));
	});

	step(
		'Execute step: Create of an alias that points elsewhere shows 1602 in plain words',
		async () => {
			await editor.selectOperation(page, ndv, 'Create');
			const list = await editor.openCollectionList(ndv);
			await editor.pickFromList(list, 'movies');
			// The previous step's "Node executed successfully" must not stand in for this step's toast.
			await editor.dismissToasts(page);
			assert.equal(await editor.executeStep(ndv), 'error');
			const shown = await editor.shownError(ndv);
			// What the README's Troubleshooting table promises, headline and the hint under it.
			const promised = promisedFailure('Alias points to another collection (Milvus 1602)', {
				alias: 'products',
				collection: 'movies',
			});
			assert.match(shown.message, promised.message);
			assert.match(shown.message, /products_v2/, 'Milvus’s own words name where it points');
			assert.equal(shown.description, promised.description);
			const toast = await editor.waitForToast(page, shown.message);
			assert.ok(toast.includes(shown.message), toast);
			assert.equal(environment.milvus.getAliases().products, 'products_v2');
			await pictures.take('error-1602', ndv.locator('[data-test-id="output-panel"]'));
		},
	);

	step('Create: a new alias', async () => {
		await editor.fillText(ndv, 'aliasName', 'catalog');
		assert.equal(await editor.executeStep(ndv), 'success');
		assert.deepEqual(await editor.outputTable(ndv), [
			{ aliasName: 'catalog', collectionName: 'movies', dbName: 'default' },
		]);
		assert.equal(environment.milvus.getAliases().catalog, 'movies');
	});

	step('Get Many: Create’s collection does not carry over as a filter', async () => {
		await editor.selectOperation(page, ndv, 'Get Many');
		const labels = await editor.fieldLabels(ndv);
		assert.ok(labels.includes('Filters'), labels.join(' | '));
		assert.ok(!labels.includes('Collection'), `no top-level Collection: ${labels.join(' | ')}`);
		assert.equal(await editor.executeStep(ndv), 'success');
		const rows = await editor.outputTable(ndv);
		assert.deepEqual(rows.map((row) => `${row.aliasName}→${row.collectionName}`).sort(), [
			'catalog→movies',
			'films→movies',
			'products→products_v2',
		]);
	});

	step('"From list" with an unknown database says so in plain words', async () => {
		await editor.selectOperation(page, ndv, 'Update');
		await editor.fillText(ndv, 'dbName', 'nosuchdb');
		expectedFailures += 1; // n8n answers a failed list search with HTTP 500
		const list = await editor.openCollectionList(ndv);
		const text = (await list.locator('[data-test-id="rlc-error-container"]').innerText()).replace(
			/\s+/g,
			' ',
		);
		assert.match(text, /nosuchdb/);
		assert.match(text, /Milvus error 800/);
		assert.doesNotMatch(text.replace('Could not load list', '').trim(), /^Milvus error/);
		await page.keyboard.press('Escape');
		await editor.fillText(ndv, 'dbName', '');
	});

	step('the canvas shows the operation and alias under the node’s name', async () => {
		await editor.selectOperation(page, ndv, 'Create or Update');
		await editor.fillText(ndv, 'aliasName', 'products');
		await editor.closeNodePanel(ndv);
		const nodes = await editor.canvasNodes(page);
		const node = nodes.find((lines) => lines.includes(upsertAction));
		assert.ok(node, JSON.stringify(nodes));
		assert.ok(node.includes('Create or Update: products'), JSON.stringify(node));
	});

	step('dark theme: the node on the canvas shows the dark icon beside its run status', async () => {
		credentialId = await createCredential(session, environment.baseUrl, {
			name: DEMO_CREDENTIAL,
			endpoint: environment.milvus.url,
			token: TOKEN,
		});
		const id = await createWorkflow(session, environment.baseUrl, {
			name: 'Dark theme',
			nodes: [
				{ ...MANUAL_TRIGGER, position: [0, 0] },
				{
					id: 'switch-alias',
					name: 'Switch Alias',
					type: environment.nodeType,
					typeVersion: 1,
					position: [240, 0],
					parameters: {
						resource: 'alias',
						operation: 'upsert',
						aliasName: 'products',
						collectionName: { __rl: true, mode: 'name', value: 'products_v2' },
					},
					credentials: { milvusRestApi: { id: credentialId, name: DEMO_CREDENTIAL } },
				},
			],
			connections: { Start: { main: [[{ node: 'Switch Alias', type: 'main', index: 0 }]] } },
		});
		await editor.setTheme(page, 'dark');
		try {
			await editor.openWorkflow(page, environment.baseUrl, id);
			assert.equal(await editor.appliedTheme(page), 'dark');
			const node = editor.canvasNode(page, 'Switch Alias');
			const icon = node.locator('img').first();
			const src = new URL(String(await icon.getAttribute('src')), environment.baseUrl).href;
			assert.equal(src, iconUrl(environment.baseUrl, ICONS.dark));
			await icon.evaluate(
				async (image) => await (image as unknown as { decode(): Promise<void> }).decode(),
			);
			const served = await icons.get(src);
			assert.ok(served, `the browser never fetched ${src}`);
			assert.equal(served.status, 200);
			assert.equal(served.body, iconFile(ICONS.dark));
			assert.notEqual(served.body, iconFile(ICONS.light));

			await editor.executeWorkflow(page);
			const badge = node.locator('[data-test-id="canvas-node-status-success"]');
			await badge.waitFor({ timeout: 60000 });
			assert.equal(environment.milvus.getAliases().products, 'products_v2');
			const painted = await paintedBy(node, [icon, badge]);
			// Visible: a dark-theme icon drawn in dark colours would barely differ from the node.
			assert.ok(
				painted.icon.differing > 0.15 * 40 * 40,
				`icon paints ${painted.icon.differing} px`,
			);
			assert.equal(painted.icon.differingIn[1], 0, 'the icon draws under the status badge');
			assert.ok(
				painted.badge.differingIn[1] > 20,
				`badge paints ${painted.badge.differingIn[1]} px`,
			);
		} finally {
			await editor.setTheme(page, 'light');
		}
	});

	step('the blue/green example on the canvas, its credential set, no node marked', async () => {
		const example = JSON.parse(readFileSync(join(ROOT, 'examples', 'blue-green.json'), 'utf8'));
		// As after importing it: the user picks their credential on the nodes that use one.
		for (const node of example.nodes)
			if (node.credentials?.milvusRestApi)
				node.credentials.milvusRestApi = { id: credentialId, name: DEMO_CREDENTIAL };
		const id = await createWorkflow(session, environment.baseUrl, example);
		await editor.openWorkflow(page, environment.baseUrl, id);
		await page.locator('[data-test-id="zoom-to-fit"]').click();
		await page.waitForTimeout(800);
		const canvas = page.locator('[data-test-id="canvas-wrapper"]');
		assert.deepEqual(await editor.warningMarks(canvas), []);
		await pictures.take('blue-green-canvas', canvas);
	});

	step('the README’s pictures are the editor as it is now, with no node marked', () => {
		const missing = readmePictures().filter((name) => !pictures.taken.has(name));
		assert.deepEqual(missing, [], 'README pictures no step takes');
		assert.deepEqual(pictures.problems, []);
	});

	step('no browser errors and no failed n8n API calls caused by the node', () => {
		const ours = session.problems.filter((problem) => !problem.includes('Failed to load resource'));
		assert.deepEqual(ours, []);
		assert.equal(failedApiCalls.length, expectedFailures, failedApiCalls.join('\n'));
	});
});
