/* eslint-disable @n8n/community-nodes/require-node-api-error -- test tooling, never part of the package: it drives a browser */
/**
 * What a user does in n8n's editor, as page actions: the selectors (n8n 2.41.1's data-test-id
 * attributes) live here, so the suite reads as the user's steps and one editor change is one edit.
 */
import type { Locator, Page } from 'playwright-core';

const byTestId = (id: string) => `[data-test-id="${id}"]`;

/** Opens a new workflow and waits until the canvas is usable (n8n loads node types first). */
export async function openNewWorkflow(page: Page, baseUrl: string): Promise<void> {
	await page.goto(`${baseUrl}/workflow/new`, { timeout: 90000 });
	await page.locator(byTestId('canvas-add-button')).waitFor({ timeout: 90000 });
}

/** Opens a saved workflow and waits for its nodes. */
export async function openWorkflow(page: Page, baseUrl: string, id: string): Promise<void> {
	await page.goto(`${baseUrl}/workflow/${id}`, { timeout: 90000 });
	await page.locator(byTestId('canvas-node')).first().waitFor({ timeout: 90000 });
}

/** The node creator's search results for `query`, as shown (name and description). */
export async function searchNodes(page: Page, query: string): Promise<Locator> {
	const creator = page.locator(byTestId('node-creator'));
	if (!(await creator.isVisible())) await page.locator(byTestId('canvas-add-button')).click();
	const search = creator.locator('input').first();
	await search.fill(query);
	return creator.locator(byTestId('item-iterator-item'));
}

/** Opens Milvus Alias in the node creator and returns the names of its actions. */
export async function openActions(page: Page): Promise<string[]> {
	const results = await searchNodes(page, 'milvus alias');
	await results.filter({ hasText: 'Milvus Alias' }).first().click();
	const actions = page.locator(`${byTestId('node-creator')} ${byTestId('item-iterator-item')}`);
	await actions.filter({ hasText: /alias/i }).first().waitFor();
	return (await actions.allInnerTexts()).map((text) => text.trim());
}

/** Adds the node by clicking one of its actions; n8n opens the node panel (NDV). */
export async function pickAction(page: Page, action: string): Promise<Locator> {
	await page
		.locator(`${byTestId('node-creator')} ${byTestId('item-iterator-item')}`)
		.filter({ hasText: new RegExp(`^\\s*${action}\\s*$`) })
		.click();
	const ndv = page.locator(byTestId('ndv'));
	await ndv.waitFor();
	return ndv;
}

/** Labels of the node's parameters, top to bottom, as the panel shows them. */
export async function fieldLabels(ndv: Locator): Promise<string[]> {
	const labels = ndv.locator(`${byTestId('node-parameters')} ${byTestId('input-label')}`);
	// A label's text also holds its hint and the Fixed/Expression switch: the name is the first line.
	return (await labels.allInnerTexts()).map((text) =>
		text
			.split('\n')[0]
			.replace(/\s*\*$/, '')
			.trim(),
	);
}

/** The operation dropdown's entries: name and description. */
export async function operationOptions(
	page: Page,
	ndv: Locator,
): Promise<Array<{ name: string; description: string }>> {
	await ndv.locator(byTestId('parameter-input-operation')).click();
	const items = page.locator('.el-select-dropdown__item:visible');
	await items.first().waitFor();
	const texts = await items.allInnerTexts();
	await page.keyboard.press('Escape');
	return texts.map((text) => {
		const [name, ...rest] = text.split('\n');
		return { name: name.trim(), description: rest.join(' ').trim() };
	});
}

export async function selectOperation(page: Page, ndv: Locator, name: string): Promise<void> {
	await ndv.locator(byTestId('parameter-input-operation')).click();
	await page
		.locator('.el-select-dropdown__item:visible')
		.filter({ has: page.getByText(name, { exact: true }) })
		.click();
	await ndv.locator(`${byTestId('parameter-input-operation')} input`).waitFor();
}

export async function fillText(ndv: Locator, parameter: string, value: string): Promise<void> {
	await ndv.locator(`${byTestId(`parameter-input-${parameter}`)} input`).fill(value);
}

/**
 * Opens the Collection picker in "From list" mode; returns the parameter's container, which also
 * holds the open list (its items, its search box, or its error).
 */
export async function openCollectionList(ndv: Locator): Promise<Locator> {
	const picker = ndv.locator(byTestId('resource-locator-collectionName'));
	await picker.locator(byTestId('rlc-input')).click();
	await picker
		.locator(`${byTestId('rlc-item')}, ${byTestId('rlc-error-container')}`)
		.first()
		.waitFor({ timeout: 60000 });
	return picker;
}

/** Names the open list shows. */
export async function listedNames(picker: Locator): Promise<string[]> {
	return (await picker.locator(byTestId('rlc-item')).allInnerTexts()).map((text) => text.trim());
}

/** Types into the list's search (focused when the list opens) and waits for the server's answer. */
export async function searchList(page: Page, picker: Locator, text: string): Promise<void> {
	const answered = page.waitForResponse(
		(response) => response.url().includes('/rest/dynamic-node-parameters/resource-locator-results'),
		{ timeout: 60000 },
	);
	await page.keyboard.type(text);
	await answered;
	await picker.locator(byTestId('rlc-item')).first().waitFor();
}

export async function pickFromList(picker: Locator, name: string): Promise<void> {
	await picker.locator(byTestId('rlc-item')).filter({ hasText: name }).first().click();
}

const finishedExecutions = new WeakMap<Page, Set<string>>();

/**
 * Follows n8n's push connection, where the end of every execution is announced, so a run is
 * known to be over before its output is read (the panel holds the previous run's until then).
 * Call before the page opens the editor.
 */
export function watchExecutions(page: Page): void {
	const finished = new Set<string>();
	finishedExecutions.set(page, finished);
	page.on('websocket', (socket) =>
		socket.on('framereceived', (frame) => {
			const text = String(frame.payload);
			if (!text.includes('"executionFinished"')) return;
			const message = JSON.parse(text) as { data?: { executionId?: string } };
			if (message.data?.executionId) finished.add(message.data.executionId);
		}),
	);
}

/** Clicks `button`, which starts an execution, and waits until n8n announces its end. */
async function runToTheEnd(page: Page, button: Locator): Promise<void> {
	const finished = finishedExecutions.get(page);
	if (!finished) throw new Error('watchExecutions(page) was not called');
	const started = page.waitForResponse(
		(response) => /\/rest\/workflows\/[^/]+\/run/.test(response.url()),
		{ timeout: 60000 },
	);
	await button.click();
	const { data } = (await (await started).json()) as { data: { executionId: string } };
	for (let waited = 0; !finished.has(data.executionId); waited += 100) {
		if (waited > 90000) throw new Error(`execution ${data.executionId} did not finish in 90 s`);
		await page.waitForTimeout(100);
	}
}

/** Runs the open node with "Execute step" and waits for its run status. */
export async function executeStep(ndv: Locator): Promise<'success' | 'error'> {
	const button = ndv.locator(byTestId('node-execute-button'));
	await runToTheEnd(ndv.page(), button);
	// The button shows a spinner instead of its text until the editor has taken the run in.
	await button.filter({ hasText: 'Execute step' }).waitFor({ timeout: 90000 });
	const output = ndv.locator(byTestId('output-panel'));
	const success = output.locator(byTestId('node-run-status-success'));
	const failure = output.locator(byTestId('node-run-status-danger'));
	await success.or(failure).first().waitFor({ timeout: 90000 });
	return (await success.count()) > 0 ? 'success' : 'error';
}

/** The output as a table: header names and one array of cell texts per item. */
export async function outputTable(ndv: Locator): Promise<Array<Record<string, string>>> {
	const output = ndv.locator(byTestId('output-panel'));
	await output.locator(byTestId('radio-button-table')).click();
	const table = output.locator('table').first();
	await table.waitFor();
	const headers = (await table.locator('thead th').allInnerTexts()).map((text) => text.trim());
	const rows = await table.locator('tbody tr').all();
	const result: Array<Record<string, string>> = [];
	for (const row of rows) {
		const cells = (await row.locator('td').allInnerTexts()).map((text) => text.trim());
		// The table ends with an empty column n8n keeps for resizing.
		const named = headers.map((header, index) => [header, cells[index] ?? ''] as const);
		result.push(Object.fromEntries(named.filter(([header]) => header !== '')));
	}
	return result;
}

/** The error the output panel shows: headline and description. */
export async function shownError(ndv: Locator): Promise<{ message: string; description: string }> {
	const output = ndv.locator(byTestId('output-panel'));
	const message = await output.locator(byTestId('node-error-message')).innerText();
	const description = output.locator(byTestId('node-error-description'));
	return {
		message: message.trim(),
		description: (await description.count()) ? (await description.innerText()).trim() : '',
	};
}

const TOAST = '.el-notification';

/** Closes the toasts on screen, so the next one read belongs to what the user does next. */
export async function dismissToasts(page: Page): Promise<void> {
	const toasts = page.locator(`${TOAST}:visible`);
	for (let left = 10; left > 0 && (await toasts.count()) > 0; left--) {
		await toasts
			.first()
			.locator('.el-notification__closeBtn')
			.click()
			.catch(() => undefined);
		await page.waitForTimeout(300);
	}
	await toasts.first().waitFor({ state: 'detached', timeout: 10000 });
}

/** Waits for a toast holding `text`; fails naming the toasts shown instead. */
export async function waitForToast(page: Page, text: string): Promise<string> {
	const toast = page.locator(TOAST).filter({ hasText: text }).first();
	try {
		await toast.waitFor({ timeout: 30000 });
	} catch {
		const shown = await page.locator(`${TOAST}:visible`).allInnerTexts();
		throw new Error(`no toast with "${text}" within 30 s; shown: ${shown.join(' | ') || 'none'}`);
	}
	return (await toast.innerText()).trim();
}

export async function closeNodePanel(ndv: Locator): Promise<void> {
	await ndv.locator(byTestId('ndv-close-button')).click();
	await ndv.waitFor({ state: 'hidden' });
}

/** The canvas node named `name`. */
export function canvasNode(page: Page, name: string): Locator {
	return page.locator(byTestId('canvas-node')).filter({ hasText: name });
}

/**
 * The marks n8n puts on a node that needs attention, found inside `target`: an issue (red
 * triangle), parameters changed since the last run (orange triangle), a node type that is not
 * installed.
 */
export async function warningMarks(target: Locator): Promise<string[]> {
	const marks = ['node-issues', 'canvas-node-status-warning', 'node-not-installed'];
	const found: string[] = [];
	for (const mark of marks) {
		const count = await target.locator(byTestId(mark)).count();
		if (count > 0) found.push(`${count} × ${mark}`);
	}
	return found;
}

/** Runs the open workflow with the canvas's "Execute workflow" button, to the end. */
export async function executeWorkflow(page: Page): Promise<void> {
	await runToTheEnd(page, page.locator(byTestId('execute-workflow-button')));
}

/** n8n's theme setting (Settings › Personal › Theme keeps it in the browser's storage). */
export async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
	await page.evaluate(`localStorage.setItem('N8N_THEME', ${JSON.stringify(theme)})`);
}

/** The theme n8n applied to the page. */
export async function appliedTheme(page: Page): Promise<string | null> {
	return await page.locator('body').getAttribute('data-theme');
}

/** Clicks a link that opens in a new tab; returns that tab once its page has loaded. */
export async function followLink(link: Locator): Promise<Page> {
	const opened = link.page().context().waitForEvent('page', { timeout: 30000 });
	await link.click();
	const tab = await opened;
	await tab.waitForLoadState('load', { timeout: 30000 });
	return tab;
}

/** The Docs link of the node panel. */
export function docsLink(ndv: Locator): Locator {
	return ndv.locator('a', { hasText: 'Docs' }).first();
}

/** The credential modal's "read the docs" link. */
export function credentialDocsLink(modal: Locator): Locator {
	return modal.locator('a', { hasText: /^docs$/ }).first();
}

/** Name and subtitle of every node on the canvas (innerText lines). */
export async function canvasNodes(page: Page): Promise<string[][]> {
	const nodes = await page.locator(byTestId('canvas-node')).allInnerTexts();
	return nodes.map((text) => text.split('\n').map((line) => line.trim()));
}

export interface CredentialTestResult {
	ok: boolean;
	/** What the user reads: the banner and, for a failure, its details. */
	text: string;
}

/** The credential modal that the node's "Connect" button or the pencil next to it opens. */
export function credentialModal(page: Page): Locator {
	return page.locator(byTestId('editCredential-modal'));
}

/** "Connect to …" when the node has no credential yet, else the pencil of the selected one. */
export async function openCredential(ndv: Locator): Promise<void> {
	const slot = ndv.locator(byTestId('node-credentials-slot'));
	const edit = slot.locator(byTestId('credential-edit-button'));
	if (await edit.isVisible()) await edit.click();
	else await slot.getByRole('button').first().click();
}

/**
 * Fills the form and saves; n8n tests the credential on save. A successful first save closes
 * the modal (the node then uses the credential), so the verdict comes from the banner when the
 * modal stays open and from the Test's answer when it closed.
 */
export async function saveAndTestCredential(
	page: Page,
	data: { endpoint: string; token: string },
): Promise<CredentialTestResult> {
	const modal = credentialModal(page);
	await modal.locator(`${byTestId('parameter-input-endpoint')} input`).fill(data.endpoint);
	await modal.locator(`${byTestId('parameter-input-token')} input`).fill(data.token);
	// The form takes typed values after a short debounce; one taken after the save would leave
	// the credential "changed" and the modal asking to discard it. Leaving the field flushes it.
	await modal.locator(`${byTestId('parameter-input-token')} input`).blur();
	await page.waitForTimeout(500);
	const tested = page.waitForResponse(
		(response) =>
			response.url().includes('/rest/credentials/test') && response.request().method() === 'POST',
		{ timeout: 60000 },
	);
	await modal.locator(byTestId('credential-save-button')).click();
	const answer = (await (await tested).json()) as { data: { status: string; message: string } };
	const success = modal.locator(byTestId('credentials-config-container-test-success'));
	const failure = modal.getByText('Couldn’t connect with these settings');
	await success
		.or(failure)
		.first()
		.waitFor({ timeout: 10000 })
		.catch(() => undefined);
	if (!(await modal.isVisible()))
		return { ok: answer.data.status === 'OK', text: answer.data.message };
	if (await success.isVisible()) return { ok: true, text: (await success.innerText()).trim() };
	// Once expanded, the details stay open for the next failed test.
	const more = modal.getByText('More details');
	if (await more.isVisible()) await more.click();
	// The details open under the banner, above the form's first field.
	const form = await modal.locator(byTestId('node-credentials-config-container')).innerText();
	const start = form.indexOf('Couldn’t connect with these settings');
	const end = form.indexOf('\nEndpoint', start);
	return {
		ok: false,
		text: form
			.slice(start, end < 0 ? undefined : end)
			.replace(/\s+/g, ' ')
			.trim(),
	};
}

export async function closeCredentialModal(page: Page): Promise<void> {
	const modal = credentialModal(page);
	if (!(await modal.isVisible())) return;
	await modal.locator('.el-dialog__headerbtn, [aria-label="Close this dialog"]').first().click();
	await modal.waitFor({ state: 'hidden' });
}
