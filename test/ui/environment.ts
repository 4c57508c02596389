/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/require-node-api-error -- test tooling, never part of the package: it starts processes and a browser for a throwaway n8n owner 
/**
 * What the browser suite runs against: the Milvus emulator, a real n8n 2.41.1 (`n8n start`) with
 * this package installed from its tarball as a community package, an owner account, and Chromium
 * driven by playwright-core. Everything started here is stopped by `stop()`, bounded.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

import type { MilvusEmulator } from '../../tooling/emulator';
import { startEmulator } from '../../tooling/emulator';
import type { N8nInstance } from '../../tooling/n8n';
import { createN8n } from '../../tooling/n8n';

export const CHROMIUM = '/usr/bin/chromium';
export const TOKEN = 'root:Milvus';
export const OWNER = {
	email: 'owner@milvus-alias.test',
	firstName: 'Ada',
	lastName: 'Owner',
	password: 'Ui-Suite-Passw0rd',
};

/** Flags known to work on this kind of machine (no sandbox, no GPU, no background traffic). */
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** The collections a user picks from; `products` makes a Create to another collection fail with 1602. */
function seed() {
	return {
		auth: { users: { root: 'Milvus' } },
		databases: {
			default: {
				collections: { products_v1: {}, products_v2: {}, movies: {} },
				aliases: { products: 'products_v1', films: 'movies' },
			},
		},
	};
}

export interface UiEnvironment {
	milvus: MilvusEmulator;
	baseUrl: string;
	nodeType: string;
	serverLog(): string;
	stop(): Promise<void>;
}

export async function startEnvironment(log: (line: string) => void): Promise<UiEnvironment> {
	const milvus = await startEmulator(seed());
	let n8n: N8nInstance | undefined;
	try {
		log(`emulator on ${milvus.url}; installing the package into a fresh n8n from its tarball`);
		n8n = await createN8n({ mode: 'package' });
		const server = await n8n.startServer({ readyTimeoutMs: 120000 });
		log(`n8n ${server.baseUrl} (pid ${server.pid})`);
		await setUpOwner(server.baseUrl);
		const started = n8n;
		return {
			milvus,
			baseUrl: server.baseUrl,
			nodeType: started.nodeType,
			serverLog: () => server.log(),
			async stop() {
				await started.dispose();
				await milvus.close();
			},
		};
	} catch (error) {
		if (n8n) await n8n.dispose();
		await milvus.close();
		throw error;
	}
}

async function setUpOwner(baseUrl: string): Promise<void> {
	const response = await fetch(`${baseUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(OWNER),
		signal: AbortSignal.timeout(30000),
	});
	if (!response.ok)
		throw new Error(
			`owner setup: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`,
		);
}

export interface BrowserSession {
	browser: Browser;
	context: BrowserContext;
	page: Page;
	/** Console errors and uncaught page errors, in order. */
	problems: string[];
	close(): Promise<void>;
}

/** Chromium with a fresh profile, logged in as the owner (the login sets n8n's auth cookie). */
export async function openBrowser(baseUrl: string): Promise<BrowserSession> {
	const profile = mkdtempSync(join(tmpdir(), 'milvus-alias-ui-profile-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		args: CHROMIUM_ARGS,
		viewport: { width: 1440, height: 900 },
		timeout: 60000,
	});
	const browser = context.browser() as Browser;
	context.setDefaultTimeout(30000);
	const problems: string[] = [];
	const page = context.pages()[0] || (await context.newPage());
	page.on('console', (message: ConsoleMessage) => {
		if (message.type() === 'error') problems.push(`console: ${message.text()}`);
	});
	page.on('pageerror', (error: Error) => problems.push(`pageerror: ${error.message}`));
	const login = await context.request.post(`${baseUrl}/rest/login`, {
		data: { emailOrLdapLoginId: OWNER.email, password: OWNER.password },
		timeout: 30000,
	});
	if (!login.ok()) throw new Error(`login: HTTP ${login.status()} ${await login.text()}`);
	return {
		browser,
		context,
		page,
		problems,
		async close() {
			await context.close();
			rmSync(profile, { recursive: true, force: true });
		},
	};
}

/** Saves a workflow through n8n's REST API as the logged-in owner; returns its id. */
export async function createWorkflow(
	session: BrowserSession,
	baseUrl: string,
	workflow: { name: string; nodes: unknown[]; connections: unknown },
): Promise<string> {
	const { name, nodes, connections } = workflow;
	const response = await session.context.request.post(`${baseUrl}/rest/workflows`, {
		data: { name, nodes, connections, settings: { executionOrder: 'v1' } },
		timeout: 30000,
	});
	if (!response.ok())
		throw new Error(`create workflow: HTTP ${response.status()} ${await response.text()}`);
	return ((await response.json()) as { data: { id: string } }).data.id;
}

/** Saves a Milvus REST API credential through n8n's REST API as the logged-in owner; returns its id. */
export async function createCredential(
	session: BrowserSession,
	baseUrl: string,
	credential: { name: string; endpoint: string; token: string },
): Promise<string> {
	const { name, endpoint, token } = credential;
	const response = await session.context.request.post(`${baseUrl}/rest/credentials`, {
		data: { name, type: 'milvusRestApi', data: { endpoint, token, ignoreSslIssues: false } },
		timeout: 30000,
	});
	if (!response.ok())
		throw new Error(`create credential: HTTP ${response.status()} ${await response.text()}`);
	return ((await response.json()) as { data: { id: string } }).data.id;
}
