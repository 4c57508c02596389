import type { MilvusFailure } from './failures';
import { isCertificateProblem, MILVUS_CODE } from './failures';

/** What the user was doing when a call failed: enough to write a message that says what to do. */
export interface FailureContext {
	operation: string;
	aliasName?: string;
	collectionName?: string;
	/** The database as given, or undefined for the server's default. */
	dbName?: string;
	endpoint: string;
	hostPort: string;
	attempts: number;
	timeoutMs: number;
}

export interface Explanation {
	/** What happened. */
	message: string;
	/** What to do about it. */
	description: string;
	/** n8n's declared failure cause, read by n8n's retry and error UI. */
	cause?:
		'rate-limited' | 'temporarily-unavailable' | 'credential-invalid' | 'configuration-invalid';
}

const database = (ctx: FailureContext) => `database "${ctx.dbName ?? 'default'}"`;
const tried = (ctx: FailureContext) => (ctx.attempts > 1 ? ` (tried ${ctx.attempts} times)` : '');
const MAY_HAVE_APPLIED =
	'The change may still have been applied on the server: run the Get operation to check before trying again.';
/** Operations that change aliases; the others (Get, Get Many, the collection list) only read. */
const CHANGING_OPERATIONS = new Set(['create', 'upsert', 'update', 'delete']);
/** The "may have applied" warning, only where something could have changed. */
const mayHaveApplied = (ctx: FailureContext) =>
	CHANGING_OPERATIONS.has(ctx.operation) ? `${MAY_HAVE_APPLIED} ` : '';
const TOKEN_HINT =
	'Check the token in the "Milvus REST API" credential: "user:password" for self-hosted Milvus with authentication enabled, or an API key (or "user:password") for Zilliz Cloud.';

function explainMilvusCode(failure: MilvusFailure, ctx: FailureContext): Explanation {
	const code = failure.milvusCode;
	const message = `Milvus error ${code}: ${failure.detail}`;
	const alias = `Alias "${ctx.aliasName ?? ''}"`;
	const collection = `Collection "${ctx.collectionName ?? ''}"`;
	switch (code) {
		case MILVUS_CODE.collectionNotFound:
			return {
				message,
				description: `${collection} does not exist in ${database(ctx)}. Check the collection name and the Database Name; an alias can only point at a collection of its own database, never at another alias. Create (and load) the collection before pointing an alias at it.`,
				cause: 'configuration-invalid',
			};
		case MILVUS_CODE.databaseNotFound:
			return {
				message,
				description: `Database "${ctx.dbName ?? 'default'}" does not exist on this server. Check the Database Name, or leave it empty to use the server's default database (Zilliz Cloud Serverless clusters have no databases: leave it empty there).`,
				cause: 'configuration-invalid',
			};
		case MILVUS_CODE.aliasNotFound:
			return {
				message,
				description:
					ctx.operation === 'update'
						? `${alias} does not exist in ${database(ctx)}, and Update only repoints an existing alias. Use Create or Update to create it when it is missing.`
						: `${alias} does not exist in ${database(ctx)}. Check the alias name and the Database Name; Get Many lists the aliases that exist.`,
				cause: 'configuration-invalid',
			};
		case MILVUS_CODE.aliasCollectionNameConflict:
			return {
				message,
				description: `"${ctx.aliasName ?? ''}" is already the name of a collection in ${database(ctx)}, and an alias must differ from every collection name. Choose another alias name.`,
				cause: 'configuration-invalid',
			};
		case MILVUS_CODE.aliasAlreadyExists:
			return {
				message,
				description: `${alias} already points to another collection. Use Update to repoint it, or Create or Update to make it point at "${ctx.collectionName ?? ''}" whatever its state.`,
				cause: 'configuration-invalid',
			};
		case MILVUS_CODE.notAuthenticated:
			return {
				message,
				description: `Milvus did not accept the credential. ${TOKEN_HINT}`,
				cause: 'credential-invalid',
			};
		case MILVUS_CODE.invalidParameter:
			return {
				message,
				description:
					'Milvus rejected a name as invalid. Names start with a letter or an underscore and contain only letters, digits and underscores (at most 255).',
				cause: 'configuration-invalid',
			};
		case MILVUS_CODE.notJson:
		case MILVUS_CODE.missingParameter:
			return {
				message,
				description:
					'Milvus could not read the request body. A proxy between n8n and Milvus may be rewriting requests, or this Milvus version is not supported; please report it with your Milvus version.',
			};
		case MILVUS_CODE.rateLimited:
			return {
				message: `${message}${tried(ctx)}`,
				description:
					"Milvus is rate-limiting alias changes. Lower the node's Concurrency option, raise Max Retries or Retry Delay, or raise the server's DDL quota (quotaAndLimits.ddl).",
				cause: 'rate-limited',
			};
		case MILVUS_CODE.timeout:
			return {
				message: `${message}${tried(ctx)}`,
				description: `Milvus did not finish within the Timeout (${ctx.timeoutMs} ms). ${mayHaveApplied(ctx)}If the server is busy, raise the Timeout option.`,
				cause: 'temporarily-unavailable',
			};
		default:
			if (failure.httpStatus === 403) return explainForbidden(message, ctx);
			return {
				message,
				description: `Milvus refused the ${ctx.operation} request for ${database(ctx)}; its message above says why.`,
			};
	}
}

function explainForbidden(message: string, ctx: FailureContext): Explanation {
	return {
		message,
		description: `The user of the credential's token lacks the privilege for this operation in ${database(ctx)}. Grant it with Milvus RBAC (alias privileges such as CreateAlias, DropAlias, DescribeAlias, ListAliases), or use a token with more rights.`,
		cause: 'credential-invalid',
	};
}

/** Turns a classified failure into a message (what happened) and a description (what to do). */
export function explainFailure(failure: MilvusFailure, ctx: FailureContext): Explanation {
	switch (failure.kind) {
		case 'milvus':
			return explainMilvusCode(failure, ctx);
		case 'http':
			if (failure.httpStatus === 404) {
				return {
					message: `No Milvus REST API v2 at ${ctx.endpoint} (HTTP 404: ${failure.detail || 'not found'})`,
					description:
						"Check the credential's Endpoint: the Milvus host and its REST port (19530 by default), plus the path prefix if a reverse proxy serves Milvus under one. The node needs the REST API v2 (Milvus 2.4 or newer, or Zilliz Cloud).",
					cause: 'configuration-invalid',
				};
			}
			if (failure.httpStatus === 401) {
				return {
					message: `Milvus answered HTTP 401: ${failure.detail}`,
					description: `Milvus did not accept the credential. ${TOKEN_HINT}`,
					cause: 'credential-invalid',
				};
			}
			if (failure.httpStatus === 403)
				return explainForbidden(`Milvus answered HTTP 403: ${failure.detail}`, ctx);
			if (failure.transient) {
				return {
					message: `Milvus or a proxy in front of it is unavailable (HTTP ${failure.httpStatus})${tried(ctx)}`,
					description:
						`${failure.detail ? `The server said: ${failure.detail}. ` : ''}Try again later, or raise Max Retries. ${failure.ambiguous ? mayHaveApplied(ctx) : ''}`.trim(),
					cause: 'temporarily-unavailable',
				};
			}
			if (failure.httpStatus === 400 && /HTTP request to an HTTPS server/i.test(failure.detail)) {
				// Go's (and so Milvus's) HTTPS server answering a plain-HTTP request.
				return {
					message: `Milvus answered HTTP 400: ${failure.detail}`,
					description: `The server at ${ctx.hostPort} uses TLS: change the credential's Endpoint to start with https:// (and turn on "Ignore SSL Issues (Insecure)" if its certificate is self-signed).`,
					cause: 'configuration-invalid',
				};
			}
			return {
				message: `Milvus answered HTTP ${failure.httpStatus}${failure.detail ? `: ${failure.detail}` : ''}`,
				description: `Check that the credential's Endpoint (${ctx.endpoint}) points at Milvus's REST API.`,
			};
		case 'notMilvus':
			return {
				message: `The server at ${ctx.endpoint} answered, but not with Milvus JSON (HTTP ${failure.httpStatus}${failure.detail ? `: "${failure.detail}"` : ''})`,
				description:
					"Check that the credential's Endpoint points at Milvus itself, not at another service, a proxy's login page or a web UI (such as Attu).",
				cause: 'configuration-invalid',
			};
		case 'timeout':
			return {
				message: `Milvus did not answer within ${ctx.timeoutMs} ms${tried(ctx)}`,
				description: `${mayHaveApplied(ctx)}If the server is reachable but slow, raise the Timeout option; otherwise check the Endpoint and the network between n8n and Milvus.`,
				cause: 'temporarily-unavailable',
			};
		case 'tls':
			// Node.js error codes stay out of messages (n8n's NodeApiError swaps such messages for
			// generic ones); the description carries them.
			if (isCertificateProblem(failure.networkCode)) {
				return {
					message: `The TLS certificate of ${ctx.hostPort} is not trusted`,
					description: `Node.js reported ${failure.networkCode}: ${failure.detail}. If the server uses a self-signed certificate, turn on "Ignore SSL Issues (Insecure)" in the credential (only on networks you trust), or make n8n trust its CA (NODE_EXTRA_CA_CERTS).`,
					cause: 'configuration-invalid',
				};
			}
			return {
				message: `The TLS handshake with ${ctx.hostPort} failed`,
				description: `The Endpoint starts with https:// but the server did not complete a TLS handshake (${failure.networkCode ? `${failure.networkCode}: ` : ''}${failure.detail}). Self-hosted Milvus serves plain HTTP unless TLS is configured: try http://. Behind a TLS proxy, check that it serves this host name.`,
				cause: 'configuration-invalid',
			};
		case 'blocked':
			return {
				message: failure.detail,
				description: `n8n's SSRF protection blocks requests to ${ctx.hostPort}. Ask your n8n administrator to allow the Milvus host (N8N_SSRF_ALLOWED_HOSTNAMES or N8N_SSRF_ALLOWED_IP_RANGES).`,
				cause: 'configuration-invalid',
			};
		case 'cancelled':
			// "canceled" (one l): n8n marks an execution whose error message contains it as canceled, not failed.
			return {
				message: 'The execution was canceled before Milvus answered',
				description:
					mayHaveApplied(ctx).trim() || 'Nothing was changed: this operation only reads.',
			};
		case 'network':
		default:
			return explainNetwork(failure, ctx);
	}
}

function explainNetwork(failure: MilvusFailure, ctx: FailureContext): Explanation {
	switch (failure.networkCode) {
		case 'ECONNREFUSED':
			return {
				message: `Nothing is listening at ${ctx.hostPort}: the connection was refused`,
				description:
					"Check the host and port in the credential's Endpoint (Milvus serves REST on 19530 by default) and that Milvus is running and reachable from n8n.",
				cause: 'configuration-invalid',
			};
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return {
				message: `The host name in ${ctx.endpoint} could not be resolved`,
				description:
					"Check the spelling of the host in the credential's Endpoint and that the machine running n8n can resolve it (DNS, Docker network names).",
				cause: 'configuration-invalid',
			};
		default:
			return {
				message: `The connection to ${ctx.hostPort} was closed before Milvus answered${tried(ctx)}`,
				description: `${mayHaveApplied(ctx)}If this keeps happening, check the Endpoint's scheme: a server that uses TLS needs https://, and a proxy may be dropping connections.`,
				cause: 'temporarily-unavailable',
			};
	}
}
