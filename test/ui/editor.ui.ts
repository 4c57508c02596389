/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- test tooling, never part of the package: it reads the environment and writes screenshots */
/**
 * The node in n8n's editor, used as a user would: Chromium against a real n8n 2.41.1 with the
 * package installed from its tarball and the Milvus emulator behind the credential. The steps run
 * in order on one workflow, like one user session. Run by `npm run test:ui` (test/ui/run.ts);
 * with MILVUS_ALIAS_UI_SCREENSHOTS set to a folder it also writes the README's pictures there.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import type { Locator, Page } from 'playwright-core';

import type { INodePropertyOptions } from 'n8n-workflow';

import { aliasOperationProperty } from '../../nodes/MilvusAlias/actions/alias';
import * as editor from './editor';
import type { BrowserSession, UiEnvironment } from './environment';
import { createWorkflow, openBrowser, startEnvironment, TOKEN } from './environment';

const SCREENSHOTS = process.env.MILVUS_ALIAS_UI_SCREENSHOTS;
const log = (line: string) => process.stdout.write(`[ui] ${line}\n`);

const codex = JSON.parse(
	readFileSync(
		join(__dirname, '..', '..', 'nodes', 'MilvusAlias', 'MilvusAlias.node.json'),
		'utf8',
	),
);
const operations = (aliasOperationProperty.options ?? []) as INodePropertyOptions[];
/** The action the user picks; n8n also names the new node after it. */
const upsertAction = String(operations.find((operation) => operation.value === 'upsert')?.action);

/** Writes docs/images/<name>.png (cropped to `target`) in screenshot mode only. */
async function picture(name: string, target: Locator): Promise<void> {
	if (!SCREENSHOTS) return;
	mkdirSync(SCREENSHOTS, { recursive: true });
	await target.screenshot({ path: join(SCREENSHOTS, `${name}.png`), animations: 'disabled' });
	log(`wrote ${join(SCREENSHOTS, `${name}.png`)}`);
}

/**
 * How many pixels an icon paints in the bottom-right 20×20 of a 64×64 rendering, where n8n draws
 * a node's success tick and warning triangle. Drawn by the browser (the suite's TypeScript has no
 * DOM types, hence the script text).
 */
async function paintedInBottomRight(page: Page, iconUrl: string): Promise<number> {
	return await page.evaluate(`(async () => {
		const image = new Image();
		image.src = ${JSON.stringify(iconUrl)};
		await image.decode();
		const canvas = document.createElement('canvas');
		canvas.width = 64;
		canvas.height = 64;
		const context = canvas.getContext('2d');
		context.drawImage(image, 0, 0, 64, 64);
		const pixels = context.getImageData(44, 44, 20, 20).data;
		let painted = 0;
		for (let index = 3; index < pixels.length; index += 4) if (pixels[index] > 0) painted++;
		return painted;
	})()`);
}

describe('Milvus Alias in the n8n editor', () => {
	let environment: UiEnvironment;
	let session: BrowserSession;
	let page: Page;
	let ndv: Locator;
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
		page.on('response', (response) => {
			if (response.url().startsWith(environment.baseUrl) && response.status() >= 400)
				failedApiCalls.push(`${response.status()} ${response.url()}`);
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
				await picture('node-search', page.locator('[data-test-id="node-creator"]'));
		}
	});

	step(
		'the icon loads in both themes and leaves the corner for n8n’s status marks free',
		async () => {
			const results = await editor.searchNodes(page, 'milvus alias');
			const icon = results.filter({ hasText: 'Milvus Alias' }).first().locator('img').first();
			const light = new URL(String(await icon.getAttribute('src')), environment.baseUrl).href;
			assert.match(light, /milvus\.svg$/);
			const dark = light.replace(/milvus\.svg$/, 'milvus.dark.svg');
			for (const url of [light, dark]) {
				assert.equal(
					await paintedInBottomRight(page, url),
					0,
					`${url} draws in the bottom-right corner`,
				);
			}
		},
	);

	step('the action list names what each operation does to an alias', async () => {
		const actions = await editor.openActions(page);
		const expected = operations.map((operation) => String(operation.action));
		assert.equal(expected.length, 6);
		for (const action of expected) {
			assert.ok(actions.includes(action), `action "${action}" missing from ${actions.join(' | ')}`);
			assert.match(action, /alias/i);
		}
		ndv = await editor.pickAction(page, upsertAction);
	});

	step('the Docs link still works with the query string n8n appends', async () => {
		const href = await editor.docsHref(ndv);
		const primary = codex.resources.primaryDocumentation[0].url as string;
		assert.ok(href.startsWith(`${primary}?utm_source=`), `Docs link: ${href}`);
		const url = new URL(href);
		assert.equal(url.hash, '', 'a fragment before the query would swallow it');
		assert.equal(`${url.origin}${url.pathname}`, primary);
	});

	step('credential Test: wrong token, wrong path, missing scheme, right token', async () => {
		await editor.openCredential(ndv);
		const modal = editor.credentialModal(page);
		await modal.waitFor();
		const milvus = environment.milvus.url;

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
		await editor.openCredential(ndv);
		await modal.waitFor();
		await picture('credential', modal.locator('.el-dialog').first().or(modal).first());

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
		await picture('node-panel-create-or-update', ndv.locator('[data-test-id="node-parameters"]'));
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
		await picture('output-create-or-update', ndv.locator('[data-test-id="output-panel"]'));
	});

	step(
		'Execute step: Create of an alias that points elsewhere shows 1602 in plain words',
		async () => {
			await editor.selectOperation(page, ndv, 'Create');
			const list = await editor.openCollectionList(ndv);
			await editor.pickFromList(list, 'movies');
			assert.equal(await editor.executeStep(ndv), 'error');
			const shown = await editor.shownError(ndv);
			// The headline alone must tell what happened; Milvus's code and text follow it.
			assert.doesNotMatch(shown.message, /^Milvus error/);
			assert.match(shown.message, /"products"/);
			assert.match(shown.message, /products_v2/);
			assert.match(shown.message, /Milvus error 1602/);
			const toastTexts = await editor.toasts(page);
			assert.ok(
				toastTexts.some((text) => text.includes(shown.message)),
				`the toast shows the same message: ${toastTexts.join(' | ')}`,
			);
			assert.equal(environment.milvus.getAliases().products, 'products_v2');
			await picture('error-1602', ndv.locator('[data-test-id="output-panel"]'));
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

	step(
		'the blue/green example on the canvas',
		async () => {
			const example = JSON.parse(
				readFileSync(join(__dirname, '..', '..', 'examples', 'blue-green.json'), 'utf8'),
			);
			const id = await createWorkflow(session, environment.baseUrl, example);
			await editor.openWorkflow(page, environment.baseUrl, id);
			await page.locator('[data-test-id="zoom-to-fit"]').click();
			await page.waitForTimeout(800);
			await picture('blue-green-canvas', page.locator('[data-test-id="canvas-wrapper"]'));
		},
		{ skip: !SCREENSHOTS },
	);

	step('no browser errors and no failed n8n API calls caused by the node', () => {
		const ours = session.problems.filter((problem) => !problem.includes('Failed to load resource'));
		assert.deepEqual(ours, []);
		assert.equal(failedApiCalls.length, expectedFailures, failedApiCalls.join('\n'));
	});
});
