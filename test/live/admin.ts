/**
 * What the live suite does to a Milvus besides running the node: create, load, release and drop
 * its own collections and remove aliases, over the REST API v2 (the same calls on a real Milvus,
 * Zilliz Cloud and the emulator). Every collection it creates is remembered, so `cleanUp` can
 * remove it even when a scenario failed half-way.
 */
import { sleep } from 'n8n-workflow';

export interface AdminSettings {
	/** Base URL without `/v2/...`; a trailing slash is fine. */
	endpoint: string;
	/** Sent as `Authorization: Bearer <token>` when set. */
	token?: string;
	/** Sent as `dbName` when set (Zilliz Serverless has no databases). */
	dbName?: string;
	/** Per request. */
	timeoutMs: number;
}

/** A Milvus answer with a non-success code, or a transport failure, as one readable error. */
export class AdminCallError extends Error {
	constructor(
		readonly path: string,
		readonly code: number | undefined,
		message: string,
	) {
		super(`${path}: ${code === undefined ? '' : `Milvus error ${code}: `}${message}`);
	}
}

const MAX_MESSAGE = 300;

export class MilvusAdmin {
	private readonly created = new Set<string>();

	constructor(private readonly settings: AdminSettings) {}

	/** POSTs `body` (plus dbName) and returns `data`; throws AdminCallError on any failure. */
	async call(path: string, body: Record<string, unknown> = {}): Promise<unknown> {
		const { endpoint, token, dbName, timeoutMs } = this.settings;
		const url = `${endpoint.replace(/\/+$/, '')}/v2/vectordb/${path}`;
		let response: Response | undefined;
		let unreachable = '';
		try {
			response = await fetch(url, {
				method: 'POST',
				headers: {
					'Content-Type': 'application/json',
					...(token ? { Authorization: `Bearer ${token}` } : {}),
				},
				body: JSON.stringify({ ...(dbName ? { dbName } : {}), ...body }),
				signal: AbortSignal.timeout(timeoutMs),
				redirect: 'manual',
			});
		} catch (error) {
			unreachable = (error as Error).message;
		}
		if (!response) throw new AdminCallError(path, undefined, unreachable);
		const text = await response.text();
		let answer: { code?: unknown; message?: unknown; data?: unknown } | undefined;
		try {
			answer = JSON.parse(text) as typeof answer;
		} catch {
			answer = undefined;
		}
		const code = typeof answer?.code === 'number' ? answer.code : undefined;
		if (response.status === 200 && (code === 0 || code === 200)) return answer?.data;
		const message = typeof answer?.message === 'string' ? answer.message : text;
		throw new AdminCallError(
			path,
			code,
			`HTTP ${response.status}: ${message
				.slice(0, MAX_MESSAGE)
				.split(token || '\u0000')
				.join('***')}`,
		);
	}

	/**
	 * Quick-setup collection (Milvus builds the index and starts loading it). Remembered for
	 * clean-up before the request is sent, so a create that times out is still removed.
	 */
	async createCollection(collectionName: string): Promise<void> {
		this.created.add(collectionName);
		await this.call('collections/create', { collectionName, dimension: 4 });
	}

	async loadCollection(collectionName: string): Promise<void> {
		await this.call('collections/load', { collectionName });
	}

	async releaseCollection(collectionName: string): Promise<void> {
		await this.call('collections/release', { collectionName });
	}

	async dropCollection(collectionName: string): Promise<void> {
		await this.call('collections/drop', { collectionName });
		this.created.delete(collectionName);
	}

	async loadState(collectionName: string): Promise<string> {
		const data = (await this.call('collections/get_load_state', { collectionName })) as {
			loadState?: unknown;
		};
		return String(data?.loadState);
	}

	/** Waits (bounded) until the collection is loaded; quick-setup collections load on their own. */
	async waitLoaded(collectionName: string, limitMs = 20_000): Promise<void> {
		const until = Date.now() + limitMs;
		for (;;) {
			const state = await this.loadState(collectionName);
			if (state === 'LoadStateLoaded') return;
			if (Date.now() > until) {
				throw new AdminCallError('collections/get_load_state', undefined, `still ${state}`);
			}
			await sleep(100);
		}
	}

	async listCollections(): Promise<string[]> {
		const data = await this.call('collections/list');
		return Array.isArray(data) ? data.map(String) : [];
	}

	async listAliases(): Promise<string[]> {
		const data = await this.call('aliases/list');
		return Array.isArray(data) ? data.map(String) : [];
	}

	async dropAlias(aliasName: string): Promise<void> {
		await this.call('aliases/drop', { aliasName });
	}

	/**
	 * Removes what the suite made: first every alias whose name starts with `prefix` (Milvus
	 * 2.5.5+ refuses to drop a collection that still has aliases), then every collection this
	 * admin created. Keeps going past failures and returns them, so one leftover does not hide
	 * the others.
	 */
	async cleanUp(prefix: string): Promise<string[]> {
		const problems: string[] = [];
		const attempt = async (what: () => Promise<void>) => {
			try {
				await what();
			} catch (error) {
				problems.push((error as Error).message);
			}
		};
		let aliases: string[] = [];
		await attempt(async () => {
			aliases = await this.listAliases();
		});
		for (const alias of aliases.filter((name) => name.startsWith(prefix))) {
			await attempt(async () => await this.dropAlias(alias));
		}
		for (const collection of [...this.created]) {
			await attempt(async () => await this.dropCollection(collection));
		}
		return problems;
	}
}
