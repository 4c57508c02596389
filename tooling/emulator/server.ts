/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development tooling, never part of the package: a loopback HTTP server for tests */
// The emulator's HTTP server: recording, faults, latency, then Milvus's request pipeline
// (gin's trailing-slash redirect, CORS, auth, routing, JSON binding, dbName resolution).
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

import { authenticate } from './auth';
import { bindBody } from './binding';
import { FaultQueue, faultAnswer } from './faults';
import type { EmulatorFault } from './faults';
import { API_ROOT, CORS_HEADERS, jsonAnswer } from './http';
import type { Answer } from './http';
import { DEFAULT_PROFILE, resolveBehaviour } from './profiles';
import type { ProfileBehaviour, ProfileName } from './profiles';
import { findRoute } from './routes';
import type { RouteContext } from './routes';
import { EmulatorState } from './state';
import { RequestTimeouts, timeoutAnswer } from './timeouts';
import type {
	CollectionInfo,
	EmulatorCollectionOptions,
	EmulatorOptions,
	LoadState,
	RecordedRequest,
} from './types';

interface RequestContext {
	req: http.IncomingMessage;
	method: string;
	rawPath: string;
	query: string;
	/** Path after the prefix; null when the request is outside the prefix. */
	routePath: string | null;
	rawBody: string;
	/** JSON.parse(rawBody), or undefined. */
	body: unknown;
}

function normalizePrefix(prefix: string | undefined): string {
	if (!prefix) return '';
	let p = prefix.startsWith('/') ? prefix : '/' + prefix;
	while (p.endsWith('/')) p = p.slice(0, -1);
	return p;
}

function decodePath(rawPath: string): string {
	try {
		return decodeURIComponent(rawPath);
	} catch {
		return rawPath;
	}
}

function firstHeader(req: http.IncomingMessage, name: string): string | undefined {
	const distinct = req.headersDistinct && req.headersDistinct[name];
	if (distinct && distinct.length > 0) return distinct[0];
	const value = req.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

const ALIAS_CHANGES = new Set(['aliases/create', 'aliases/alter', 'aliases/drop']);

/** 'aliases/create' for '/v2/vectordb/aliases/create' (other paths stay as they are). */
function routeKeyOf(path: string): string {
	if (path.startsWith(API_ROOT)) return path.slice(API_ROOT.length);
	if (path.startsWith('v2/vectordb/')) return path.slice('v2/vectordb/'.length);
	return path;
}

function readBody(req: http.IncomingMessage): Promise<string | null> {
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', () => resolve(null));
		req.on('aborted', () => resolve(null));
	});
}

export class MilvusEmulator {
	/** 'http://127.0.0.1:PORT' or 'https://127.0.0.1:PORT', without the path prefix. */
	url = '';
	port = 0;
	/** Every request received (after its body arrived), in arrival order, faulted ones included. */
	readonly requests: RecordedRequest[] = [];

	/** The release this emulator answers as. */
	readonly profile: ProfileName;
	/** The profile's behaviour with the options' overrides. */
	readonly behaviour: Readonly<ProfileBehaviour>;

	private readonly options: EmulatorOptions;
	private readonly pathPrefix: string;
	private readonly clock: () => number;
	private readonly timeouts: RequestTimeouts;
	private readonly state: EmulatorState;
	private readonly faults = new FaultQueue();
	private latency: number;
	/** Time each alias change takes in the coordinator, one change at a time (0 = instant). */
	private changeMs = 0;
	/** get_load_state polls a load started by collections/load answers Loading (0 = loaded at once). */
	private loadAfterPolls = 0;
	/** Settles when the last alias change admitted so far has been executed. */
	private changesDone: Promise<void> = Promise.resolve();
	private closed = false;
	private closePromise: Promise<void> | undefined;
	private server: http.Server | https.Server | undefined;
	private readonly sockets = new Set<Socket>();
	private readonly waiters = new Set<{ resolve: () => void; timer: NodeJS.Timeout }>();
	/** One-shot test hooks per route key ('aliases/describe'), taken by the next request there. */
	private readonly nextOnRoute = new Map<string, { extraDelayMs: number; after?: () => void }>();

	constructor(options: EmulatorOptions = {}) {
		this.options = options;
		this.pathPrefix = normalizePrefix(options.pathPrefix);
		this.profile = options.profile ?? DEFAULT_PROFILE;
		this.behaviour = resolveBehaviour(options.profile, {
			...options.behaviour,
			...(options.legacySuccessCode ? { successCode: 200 } : {}),
		});
		this.clock = options.clock ?? Date.now;
		this.timeouts = new RequestTimeouts(this.behaviour.requestTimeoutSticksPerRoute);
		this.state = new EmulatorState({
			clock: this.clock,
			onlyDefaultDatabase: this.behaviour.databases
				? undefined
				: `profile ${this.profile} has no databases; seed 'default' only`,
		});
		this.latency = typeof options.latency === 'number' ? options.latency : 0;
		for (const [dbName, dbSeed] of Object.entries(options.databases || {})) {
			this.addDatabase(dbName);
			for (const [name, collectionOptions] of Object.entries(dbSeed?.collections || {})) {
				this.addCollection(dbName, name, collectionOptions);
			}
			for (const [alias, target] of Object.entries(dbSeed?.aliases || {})) {
				this.setAlias(dbName, alias, target);
			}
		}
	}

	// --- state helpers (direct changes for tests, no Milvus checks beyond consistency) ------

	/** Idempotent. Throws on a profile without databases (zilliz-serverless), except for 'default'. */
	addDatabase(name: string): void {
		this.state.addDatabase(name);
	}

	/** Creates the database if needed; replaces the load state of an existing collection. Throws if the name is an alias. */
	addCollection(dbName: string, collectionName: string, options?: EmulatorCollectionOptions): void {
		this.state.addCollection(dbName, collectionName, options);
	}

	/** Throws if the collection does not exist. */
	setLoaded(dbName: string, collectionName: string, loaded: boolean): void {
		this.setLoadState(dbName, collectionName, loaded ? 'LoadStateLoaded' : 'LoadStateNotLoad');
	}

	/** Replaces the load state (and any load under way) of an existing collection. */
	setLoadState(
		dbName: string,
		collectionName: string,
		loadState: LoadState,
		loadProgress?: number,
	): void {
		this.state.setLoadState(dbName, collectionName, loadState, loadProgress);
	}

	/**
	 * How long a load started by `collections/load` takes, in `get_load_state` polls answered
	 * LoadStateLoading before LoadStateLoaded (a real load finishes after the request returns).
	 * Default 0: loaded at once.
	 */
	setLoadAfterPolls(polls: number): void {
		if (!Number.isInteger(polls) || polls < 0)
			throw new Error('emulator: load polls must be a whole number >= 0');
		this.loadAfterPolls = polls;
	}

	/** Removes the collection and every alias pointing to it. */
	dropCollection(dbName: string, collectionName: string): void {
		this.state.dropCollection(dbName, collectionName);
	}

	/** Throws if the database/collection is missing or aliasName is a collection name. */
	setAlias(dbName: string, aliasName: string, collectionName: string): void {
		this.state.setAlias(dbName, aliasName, collectionName);
	}

	removeAlias(dbName: string, aliasName: string): void {
		this.state.removeAlias(dbName, aliasName);
	}

	/** alias -> collection; {} for an unknown database. dbName defaults to 'default'. */
	getAliases(dbName = 'default'): Record<string, string> {
		return this.state.aliases(dbName);
	}

	getCollections(dbName = 'default'): Record<string, CollectionInfo> {
		return this.state.collections(dbName);
	}

	getDatabases(): string[] {
		return [...this.state.dbs.keys()];
	}

	/**
	 * The timeout (s) a request without a Request-Timeout header gets on `route` ('aliases/create' or
	 * the full path): 30, or on profiles where the header sticks, the last value any client sent there.
	 */
	effectiveTimeoutSeconds(route: string): number {
		return this.timeouts.effective(routeKeyOf(route));
	}

	clearRequests(): void {
		this.requests.length = 0;
	}

	/** Queue a fault; faults are consumed in order. Throws on an unknown kind. */
	injectFault(fault: EmulatorFault): void {
		this.faults.add(fault);
	}

	clearFaults(): void {
		this.faults.clear();
	}

	/** Fixed delay (ms) before every answer (0 = none). */
	setLatency(ms: number): void {
		if (typeof ms !== 'number' || !(ms >= 0))
			throw new Error('emulator: latency must be a number >= 0');
		this.latency = ms;
	}

	/**
	 * Time (ms) each alias change (create, alter, drop) takes, one change at a time, as Milvus's
	 * coordinator executes DDL serially: concurrent changes wait in line (0 = instant, the default).
	 */
	setChangeTime(ms: number): void {
		if (typeof ms !== 'number' || !(ms >= 0))
			throw new Error('emulator: change time must be a number >= 0');
		this.changeMs = ms;
	}

	/** Waits for this change's turn in the coordinator, then for its execution. */
	private async executeChangeInTurn(): Promise<void> {
		const turn = this.changesDone.then(async () => await this.delay(this.changeMs));
		this.changesDone = turn;
		await turn;
	}

	/**
	 * Runs `change` once, right after the next request on `route` ('aliases/describe') has been
	 * handled and before its answer leaves: another writer acting between two requests of a client.
	 */
	afterNextAnswer(route: string, change: () => void): void {
		this.hookOf(route).after = change;
	}

	/** Holds the next answer on `route` `ms` longer than the latency, once (a slow first answer). */
	delayNextAnswer(route: string, ms: number): void {
		if (typeof ms !== 'number' || !(ms >= 0))
			throw new Error('emulator: delay must be a number >= 0');
		this.hookOf(route).extraDelayMs = ms;
	}

	private hookOf(route: string) {
		const key = routeKeyOf(route.startsWith('/') ? route : `/v2/vectordb/${route}`);
		let hook = this.nextOnRoute.get(key);
		if (!hook) {
			hook = { extraDelayMs: 0 };
			this.nextOnRoute.set(key, hook);
		}
		return hook;
	}

	// --- HTTP -------------------------------------------------------------------------------

	private delay(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const waiter = {
				resolve,
				timer: setTimeout(() => {
					this.waiters.delete(waiter);
					resolve();
				}, ms),
			};
			this.waiters.add(waiter);
		});
	}

	/** Computes the real answer, performing state changes. */
	private respond(ctx: RequestContext): Answer {
		const { method, rawPath, query, routePath } = ctx;
		if (method === 'OPTIONS') return { status: 204, headers: { ...CORS_HEADERS }, body: '' };

		const routeKey =
			routePath !== null && routePath.startsWith(API_ROOT)
				? routePath.slice(API_ROOT.length)
				: null;
		const route = findRoute(routeKey);

		// gin RedirectTrailingSlash: runs before any middleware (no CORS, no auth).
		if (method === 'POST' && !route && routeKey !== null && routeKey.endsWith('/')) {
			if (findRoute(routeKey.slice(0, -1))) {
				return {
					status: 307,
					headers: { Location: rawPath.slice(0, -1) + (query ? '?' + query : '') },
					body: '',
				};
			}
		}

		const responseHeaders: Record<string, string> = { ...CORS_HEADERS };
		if (this.options.auth) {
			const result = authenticate(this.options.auth, firstHeader(ctx.req, 'authorization') || '');
			if (result.wwwAuthenticate)
				responseHeaders['WWW-Authenticate'] = 'Basic realm="restricted", charset="UTF-8"';
			if (!result.ok) {
				return jsonAnswer(
					401,
					{ code: 1800, message: "user hasn't authenticated" },
					responseHeaders,
				);
			}
		}

		if (method !== 'POST' || !route) {
			return {
				status: 404,
				headers: { ...responseHeaders, 'Content-Type': 'text/plain' },
				body: '404 page not found',
			};
		}

		const bound = bindBody(ctx.rawBody, route.struct);
		if (bound.error) return jsonAnswer(200, bound.error, responseHeaders);

		const routeContext = this.resolveDatabase(ctx, bound.req.dbName);
		if ('error' in routeContext) return jsonAnswer(200, routeContext.error, responseHeaders);

		const result = route.handler(routeContext, bound.req);
		if (result.error) return jsonAnswer(result.status, result.error, responseHeaders);
		const body: Record<string, unknown> = { code: this.behaviour.successCode, data: result.data };
		if (result.message !== undefined) body.message = result.message;
		return jsonAnswer(200, body, responseHeaders);
	}

	/**
	 * dbName resolution (handler_v2.go wrapperPost): body dbName if non-empty → DB-Name header →
	 * 'default'; then the profile's database rules.
	 */
	private resolveDatabase(
		ctx: RequestContext,
		bodyDbName: string,
	): RouteContext | { error: { code: number; message: string } } {
		const { behaviour } = this;
		const body = ctx.body as Record<string, unknown> | undefined;
		if (behaviour.emptyDbName === 'reject' && body && body.dbName === '') {
			// The proposed rejection of an empty dbName (not in any release; text INFERRED).
			return { error: { code: 1100, message: 'dbName should not be empty: invalid parameter' } };
		}
		const named = bodyDbName || firstHeader(ctx.req, 'db-name') || '';
		const dbName = named || 'default';
		if (behaviour.databaseCheck === 'rest' && !this.state.dbs.has(dbName)) {
			return { error: { code: 800, message: `database not found, database: ${dbName}` } };
		}
		// Without databases (zilliz-serverless) only a request that names none reaches the data.
		const db = !behaviour.databases && named !== '' ? undefined : this.state.dbs.get(dbName);
		return { db, dbName, behaviour, now: this.clock(), loadAfterPolls: this.loadAfterPolls };
	}

	private send(res: http.ServerResponse, answer: Answer): void {
		if (res.destroyed || res.writableEnded) return;
		const headers = { ...answer.headers };
		if (answer.status !== 204 && answer.status !== 304)
			headers['Content-Length'] = Buffer.byteLength(answer.body);
		res.writeHead(answer.status, headers);
		res.end(answer.status === 204 ? undefined : answer.body);
	}

	/**
	 * Answers with the fault, or (reset) tears the connection down, or (hang) never answers.
	 * Returns whether the client now has its outcome (false for a hang).
	 */
	private answerFault(
		fault: EmulatorFault,
		req: http.IncomingMessage,
		res: http.ServerResponse,
	): boolean {
		const answer = faultAnswer(fault, this.behaviour);
		if (answer === 'reset') {
			// Send a TCP RST (client sees ECONNRESET); for TLS, reset the underlying TCP socket.
			const socket = req.socket as Socket & { encrypted?: boolean; _parent?: Socket };
			const tcp = socket.encrypted ? socket._parent : socket;
			if (tcp && typeof tcp.resetAndDestroy === 'function') {
				try {
					tcp.resetAndDestroy();
				} catch {
					// fall through to destroy
				}
			}
			socket.destroy();
		} else if (answer !== 'hang') {
			if ('stream' in answer) answer.stream(res);
			else this.send(res, answer);
		}
		// hang: the socket is destroyed by the client or by close().
		return answer !== 'hang';
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const rawBody = await readBody(req);
		if (rawBody === null || this.closed) return;

		const rawUrl = req.url || '/';
		const q = rawUrl.indexOf('?');
		const rawPath = q === -1 ? rawUrl : rawUrl.slice(0, q);
		const query = q === -1 ? '' : rawUrl.slice(q + 1);
		const path = decodePath(rawPath);
		let routePath: string | null = null;
		if (this.pathPrefix === '') routePath = path;
		else if (path.startsWith(this.pathPrefix + '/')) routePath = path.slice(this.pathPrefix.length);

		let body: unknown;
		try {
			body = JSON.parse(rawBody);
		} catch {
			body = undefined;
		}
		const method = req.method || 'GET';
		const timeoutSeconds = this.timeouts.apply(
			routeKeyOf(routePath === null ? path : routePath),
			firstHeader(req, 'request-timeout'),
		);
		const record: RecordedRequest = {
			method,
			path: rawPath,
			url: rawUrl,
			headers: { ...req.headers },
			rawBody,
			body,
			at: Date.now(),
			timeoutSeconds,
		};
		this.requests.push(record);
		const answered = () => {
			record.arrivalsWhenAnswered = this.requests.length;
		};
		const routeKey = routeKeyOf(routePath ?? path);
		const hook = this.nextOnRoute.get(routeKey);
		this.nextOnRoute.delete(routeKey);

		const fault = this.faults.take(routePath === null ? path : routePath);
		const ctx: RequestContext = { req, method, rawPath, query, routePath, rawBody, body };
		const timeoutMs = timeoutSeconds * 1000;
		if (this.latency >= timeoutMs && !fault) {
			// The server answers 408 when the timeout expires; the handler goes on and its change applies.
			await this.delay(timeoutMs);
			if (this.closed) return;
			this.send(res, timeoutAnswer(this.behaviour));
			answered();
			// Without latency left, apply in the same tick: a client reading the 408 sees the change.
			if (this.latency > timeoutMs) await this.delay(this.latency - timeoutMs);
			if (!this.closed) this.respond(ctx);
			return;
		}
		const delayMs = this.latency + (hook?.extraDelayMs ?? 0);
		if (delayMs > 0) await this.delay(delayMs);
		if (this.closed) return;
		if (this.changeMs > 0 && ALIAS_CHANGES.has(routeKey)) {
			await this.executeChangeInTurn();
			if (this.closed) return;
		}

		if (fault) {
			if (fault.applyFirst) this.respond(ctx);
			hook?.after?.();
			if (this.answerFault(fault, req, res)) answered();
			return;
		}
		const answer = this.respond(ctx);
		hook?.after?.();
		this.send(res, answer);
		answered();
	}

	/** Binds 127.0.0.1 (ephemeral port unless given) and sets url/port. */
	async listen(port?: number): Promise<void> {
		const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
			this.handle(req, res).catch((error: unknown) => {
				// A bug in the emulator: answer like gin's recovery middleware.
				if (!res.headersSent && !res.destroyed) {
					const message = error instanceof Error ? error.message : String(error);
					this.send(res, jsonAnswer(500, { code: 500, message }));
				}
			});
		};
		const tls = this.options.tls;
		const server = tls
			? https.createServer({ key: tls.key, cert: tls.cert }, handler)
			: http.createServer(handler);
		this.server = server;
		server.on('connection', (socket: Socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		// Never let a TLS handshake failure (e.g. the client rejecting the certificate) crash anything.
		server.on('tlsClientError', () => {});
		server.on('clientError', (_error, socket: Socket) => socket.destroy());
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(port || 0, '127.0.0.1', () => {
				server.off('error', reject);
				resolve();
			});
		});
		this.port = (server.address() as AddressInfo).port;
		this.url = `${tls ? 'https' : 'http'}://127.0.0.1:${this.port}`;
	}

	/** Stops listening and destroys every open socket (hanging requests end). Idempotent. */
	close(): Promise<void> {
		if (this.closePromise) return this.closePromise;
		this.closed = true;
		for (const waiter of this.waiters) {
			clearTimeout(waiter.timer);
			waiter.resolve();
		}
		this.waiters.clear();
		const server = this.server;
		this.closePromise = new Promise<void>((resolve) => {
			if (!server) return resolve();
			server.close(() => resolve());
			for (const socket of this.sockets) socket.destroy();
			server.closeAllConnections();
		});
		return this.closePromise;
	}
}

/** Starts an emulator on 127.0.0.1 (ephemeral port unless options.port is given). */
export async function startEmulator(options?: EmulatorOptions): Promise<MilvusEmulator> {
	const emulator = new MilvusEmulator(options);
	await emulator.listen(options?.port);
	return emulator;
}
