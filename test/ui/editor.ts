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

/** The href of the node panel's "Docs" link. */
export async function docsHref(ndv: Locator): Promise<string> {
	return (await ndv.locator('a', { hasText: 'Docs' }).first().getAttribute('href')) ?? '';
}

/** Labels of the node's parameters, top to bottom, as the panel shows them. */
export async function fieldLabels(ndv: Locator): Promise<string[]> {
	const labels = ndv.locator(`${byTestId('node-parameters')} ${byTestId('input-label')}`);
	return (await labels.allInnerTexts()).map((text) => text.replace(/\s*\*$/, '').trim());
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

/** Opens a "From list" picker and returns it (search box and items inside). */
export async function openCollectionList(page: Page, ndv: Locator, index = 0): Promise<Locator> {
	await ndv.locator(byTestId('rlc-input')).nth(index).click();
	const list = page.locator(`${byTestId('resource-locator-dropdown')}:visible`);
	await list.waitFor();
	return list;
}

/** Names the list shows once it settled (n8n searches the server as you type). */
export async function listedNames(list: Locator): Promise<string[]> {
	const items = list.locator(byTestId('rlc-item'));
	await items
		.first()
		.waitFor({ timeout: 15000 })
		.catch(() => undefined);
	return (await items.allInnerTexts()).map((text) => text.trim());
}

export async function searchList(page: Page, list: Locator, text: string): Promise<void> {
	await list.locator(`${byTestId('rlc-search')} input`).fill(text);
	await page.waitForTimeout(1200); // the editor debounces the search before asking the server
}

export async function pickFromList(list: Locator, name: string): Promise<void> {
	await list.locator(byTestId('rlc-item')).filter({ hasText: name }).first().click();
}

/** Runs the open node with "Execute step" and waits for its run status. */
export async function executeStep(ndv: Locator): Promise<'success' | 'error'> {
	await ndv.locator(byTestId('node-execute-button')).click();
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
		result.push(Object.fromEntries(headers.map((header, index) => [header, cells[index] ?? ''])));
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

/** Texts of the visible toasts (title and message). */
export async function toasts(page: Page): Promise<string[]> {
	return await page.locator('.el-notification:visible').allInnerTexts();
}

export async function closeNodePanel(ndv: Locator): Promise<void> {
	await ndv.locator(byTestId('ndv-close-button')).click();
	await ndv.waitFor({ state: 'hidden' });
}

/** Name and subtitle of every node on the canvas (innerText lines). */
export async function canvasNodes(page: Page): Promise<string[][]> {
	const nodes = await page.locator(byTestId('canvas-node')).allInnerTexts();
	return nodes.map((text) => text.split('\n').map((line) => line.trim()));
}

export interface CredentialTestResult {
	ok: boolean;
	/** The banner and, for a failure, the details n8n shows under "More details". */
	text: string;
}

/** The credential modal that the node's "Connect" button or the credential picker opens. */
export function credentialModal(page: Page): Locator {
	return page.locator(byTestId('editCredential-modal'));
}

export async function openNewCredential(ndv: Locator): Promise<void> {
	await ndv.locator(byTestId('node-credentials-slot')).getByRole('button').first().click();
}

/** Fills the form, saves (n8n tests on save) and reads the verdict as a user sees it. */
export async function saveAndTestCredential(
	page: Page,
	data: { endpoint: string; token: string },
): Promise<CredentialTestResult> {
	const modal = credentialModal(page);
	await modal.locator(`${byTestId('parameter-input-endpoint')} input`).fill(data.endpoint);
	await modal.locator(`${byTestId('parameter-input-token')} input`).fill(data.token);
	const tested = page.waitForResponse(
		(response) =>
			response.url().includes('/rest/credentials/test') && response.request().method() === 'POST',
		{ timeout: 60000 },
	);
	await modal.locator(byTestId('credential-save-button')).click();
	await tested;
	const success = modal.locator(byTestId('credentials-config-container-test-success'));
	const failure = modal.getByText('Couldn’t connect with these settings');
	await success.or(failure).first().waitFor({ timeout: 30000 });
	if (await success.isVisible()) return { ok: true, text: (await success.innerText()).trim() };
	const more = modal.getByText('More details');
	if (await more.isVisible()) await more.click();
	const banner = modal.locator('[data-test-id^="credentials-config-container-test"]').first();
	const text = (await banner.count())
		? await banner.innerText()
		: await failure.locator('xpath=ancestor::div[2]').innerText();
	return { ok: false, text: text.replace(/\s+/g, ' ').trim() };
}

export async function closeCredentialModal(page: Page): Promise<void> {
	const modal = credentialModal(page);
	await modal.locator('.el-dialog__headerbtn, [aria-label="Close this dialog"]').first().click();
	await modal.waitFor({ state: 'hidden' });
}
