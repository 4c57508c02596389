import type { MilvusFailure } from '../transport/failures';
import { isCertificateProblem, MILVUS_CODE } from '../transport/failures';
import type { EndpointProblemId } from '../transport/endpoint';
import type { TokenProblemId } from '../transport/token';
import { NAME_RULE } from '../helpers/validation';

/**
 * One record per kind of failure: the texts users read. Texts are templates; `{alias}`,
 * `{collection}`, `{db}`, `{endpoint}`, `{hostPort}`, `{timeoutMs}`, `{timeLimitMs}`, `{value}`,
 * `{networkCode}` and `{detail}` are filled in by `explain.ts` (server-derived values arrive
 * there redacted and bounded). Whether a failure is retried, and whether a change may have
 * applied, is not stated here: the classifier (failures.ts) and the retry loop decide it, and
 * test/messages/failureCatalog.test.ts checks the README's Troubleshooting table against
 * what they decide for a representative failure of each record.
 */
export interface FailureRecord {
	/** The README table's "Failure" column. */
	title: string;
	/** What happened, in plain words: the start of the error message. */
	happened: string;
	/** What to do first: the message's second sentence (AI agents see only the message). */
	todo: string;
	/**
	 * What to do first while running a given operation (by its value, e.g. 'upsert'), where the
	 * general advice would be to use that very operation.
	 */
	todoWhile?: Partial<Record<string, string>>;
	/** Further detail for the error's description. */
	advice: string;
	/** n8n's declared failure cause, read by n8n's retry and error UI. */
	cause?:
		'rate-limited' | 'temporarily-unavailable' | 'credential-invalid' | 'configuration-invalid';
}

/** The token advice, worded once (the credential's Test uses it too). */
export const TOKEN_HINT =
	'The Token is "user:password" for self-hosted Milvus with authentication enabled, or an API key (or "user:password") for Zilliz Cloud; leave it empty when authentication is off.';

const EDIT_CREDENTIAL = 'Edit the "Milvus REST API" credential; nothing was sent to Milvus.';

export const ENDPOINT_RECORDS = {
	'endpoint-empty': {
		title: 'Endpoint empty',
		happened: "The credential's Endpoint is empty",
		todo: 'Enter the Milvus REST address, e.g. http://localhost:19530',
		advice: EDIT_CREDENTIAL,
		cause: 'configuration-invalid',
	},
	'endpoint-scheme': {
		title: 'Endpoint with a scheme other than http:// or https://',
		happened: `The credential's Endpoint "{value}" does not use http:// or https://`,
		todo: 'Enter the Milvus REST address, e.g. http://localhost:19530',
		advice: `An Endpoint without a scheme, such as localhost:19530, is read as http://. ${EDIT_CREDENTIAL}`,
		cause: 'configuration-invalid',
	},
	'endpoint-scheme-slashes': {
		title: 'Endpoint with http: or https: not followed by //',
		happened: `The credential's Endpoint "{value}" does not start with http:// or https:// written in full`,
		todo: 'Enter it as http://host:port or https://host:port, e.g. http://localhost:19530',
		advice: `With one slash or none after "http:", URL readers disagree on the host. ${EDIT_CREDENTIAL}`,
		cause: 'configuration-invalid',
	},
	'endpoint-query': {
		title: 'Endpoint with a query string or fragment',
		happened: `The credential's Endpoint "{value}" has a query string or fragment (from "?" or "#" on)`,
		todo: 'Enter the address without it, e.g. https://gw.example.com/milvus',
		advice: `The node appends each request's path (/v2/vectordb/...) to the Endpoint, so a query string or fragment cannot be kept; a proxy that needs one must take it another way. ${EDIT_CREDENTIAL}`,
		cause: 'configuration-invalid',
	},
	'endpoint-invalid': {
		title: 'Endpoint that is not a URL',
		happened: `The credential's Endpoint "{value}" is not a valid URL`,
		todo: 'Enter the Milvus REST address, e.g. http://localhost:19530',
		advice: `An Endpoint without a scheme, such as localhost:19530, is read as http://. ${EDIT_CREDENTIAL}`,
		cause: 'configuration-invalid',
	},
	'endpoint-user-info': {
		title: 'Endpoint with user:password@',
		happened: "The credential's Endpoint contains a user name or password",
		todo: 'Remove "user:password@" from the Endpoint and enter "user:password" in the Token field',
		advice: `The HTTP client would send the address's user info as Basic authentication in place of the token. ${EDIT_CREDENTIAL}`,
		cause: 'configuration-invalid',
	},
} satisfies Record<EndpointProblemId, FailureRecord>;

/**
 * Tokens the HTTP client cannot send as they are: it would drop or change the characters, so
 * Milvus would receive another token (`root:пароль123` went out as `root:123`).
 */
export const TOKEN_RECORDS = {
	'token-not-ascii': {
		title: 'Token with a character outside ASCII',
		happened:
			"The credential's Token contains a character outside ASCII (such as é or п), which an HTTP header cannot carry as it is",
		todo: 'Give the Milvus user a password of ASCII letters, digits and symbols (or use a Zilliz Cloud API key) and enter it in the Token field',
		advice: `n8n's HTTP client would change or drop such characters, so Milvus would receive another token. ${EDIT_CREDENTIAL}`,
		cause: 'credential-invalid',
	},
	'token-control-character': {
		title: 'Token with a line break or control character',
		happened:
			"The credential's Token contains a line break, tab or other control character, which an HTTP header cannot carry",
		todo: 'Enter the Token again without it (a copied token sometimes brings a line break along)',
		advice: `n8n's HTTP client would drop or refuse it, so Milvus would receive another token. ${EDIT_CREDENTIAL}`,
		cause: 'credential-invalid',
	},
} satisfies Record<TokenProblemId, FailureRecord>;

/** Every credential setting that stops a call before anything is sent. */
export const CREDENTIAL_RECORDS = { ...ENDPOINT_RECORDS, ...TOKEN_RECORDS };

export const CALL_RECORDS = {
	refused: {
		title: 'Connection refused',
		happened: 'Nothing is listening at {hostPort}: the connection was refused',
		todo: "Check the host and port in the credential's Endpoint",
		advice:
			'Milvus serves REST on port 19530 by default; check that Milvus is running and reachable from n8n.',
		cause: 'configuration-invalid',
	},
	dns: {
		title: 'Host name does not resolve',
		happened: 'The host name in {endpoint} could not be resolved',
		todo: "Check the spelling of the host in the credential's Endpoint",
		advice: 'The machine running n8n must be able to resolve it (DNS, Docker network names).',
		cause: 'configuration-invalid',
	},
	'tls-untrusted': {
		title: 'Untrusted TLS certificate',
		happened: 'The TLS certificate of {hostPort} is not trusted',
		todo: 'For a self-signed certificate turn on "Ignore SSL Issues (Insecure)" in the credential, or make n8n trust its CA',
		advice:
			'Node.js reported {networkCode}: {detail}. Ignore SSL Issues only on networks you trust; to trust a CA, give n8n NODE_EXTRA_CA_CERTS.',
		cause: 'configuration-invalid',
	},
	'tls-handshake': {
		title: 'https:// for a server without TLS',
		happened: 'The TLS handshake with {hostPort} failed',
		todo: "Try http:// in the credential's Endpoint",
		advice:
			'Node.js reported {networkCode}: {detail}. Self-hosted Milvus serves plain HTTP unless TLS is configured; behind a TLS proxy, check that it serves this host name.',
		cause: 'configuration-invalid',
	},
	'http-to-https': {
		title: 'http:// for a server that uses TLS',
		happened: 'The server at {hostPort} uses TLS',
		todo: "Change the credential's Endpoint to https://",
		advice:
			'Turn on "Ignore SSL Issues (Insecure)" too if its certificate is self-signed. Servers other than Milvus may close the connection instead: see "Connection closed before an answer".',
		cause: 'configuration-invalid',
	},
	unreachable: {
		title: 'Host unreachable',
		happened: 'n8n could not connect to {hostPort}',
		todo: "Check the host and port in the credential's Endpoint and the network between n8n and Milvus",
		advice: 'Node.js reported {networkCode}: {detail}.',
		cause: 'configuration-invalid',
	},
	closed: {
		title: 'Connection closed before an answer',
		happened: 'The connection to {hostPort} was closed before Milvus answered',
		todo: "If it keeps happening, check the Endpoint's scheme and any proxy in between",
		advice: 'A server that uses TLS needs https://, and a proxy may be dropping connections.',
		cause: 'temporarily-unavailable',
	},
	'client-timeout': {
		title: 'Client timeout (no answer within Timeout)',
		happened: 'Milvus did not answer within {timeoutMs} ms',
		todo: 'Raise the Timeout option if the server is slow, or check the Endpoint and the network',
		advice: 'The Timeout option is the wait for each answer.',
		cause: 'temporarily-unavailable',
	},
	'time-limit': {
		title: 'Time Limit per Item ran out',
		happened: 'The item ran out of its Time Limit per Item ({timeLimitMs} ms)',
		todo: 'Raise the Time Limit per Item option, or the Timeout if single answers are slow',
		advice: 'No further attempt starts once the time limit is reached.',
		cause: 'temporarily-unavailable',
	},
	'server-timeout': {
		title: 'Milvus timeout (HTTP 408, Milvus 10001)',
		happened: 'Milvus gave up on the request at its own time limit',
		todo: 'Raise the Timeout option if the server is busy, then run it again',
		advice:
			'Milvus limits each request to 30 s, or to the Timeout option when that is longer. Milvus 2.4 and 2.5.0-2.5.3 answer a plain-text "timeout", later versions code 10001.',
		cause: 'temporarily-unavailable',
	},
	unavailable: {
		title: 'HTTP 502, 503 or 504 from a proxy',
		happened: 'Milvus or a proxy in front of it is unavailable',
		todo: 'Try again later, or raise Max Retries',
		advice: 'The answer came from the server or a gateway in front of it.',
		cause: 'temporarily-unavailable',
	},
	'rate-limited': {
		title: 'Rate limited (Milvus 1807, HTTP 429)',
		happened: 'Milvus or a proxy in front of it is rate-limiting requests',
		todo: 'Lower the Concurrency option, or raise Max Retries or Retry Delay',
		advice:
			'The request was turned away before it ran, so nothing changed. Open-source Milvus does not rate-limit alias calls; a proxy or Zilliz Cloud may.',
		cause: 'rate-limited',
	},
	'not-found': {
		title: 'Wrong endpoint path (HTTP 404)',
		happened: 'No Milvus REST API v2 at {endpoint}',
		todo: "Check the credential's Endpoint: host, REST port (19530 by default) and any reverse-proxy path prefix",
		advice: 'The node needs the REST API v2 (Milvus 2.4 or newer, or Zilliz Cloud).',
		cause: 'configuration-invalid',
	},
	redirect: {
		title: 'Endpoint that redirects (HTTP 3xx)',
		happened: 'The server at {endpoint} redirected the request elsewhere',
		todo: "Enter the address Milvus really serves in the credential's Endpoint",
		advice:
			'Milvus never redirects its REST calls; a redirect comes from a proxy or another service. The node does not follow it, so the token was not sent to the other address.',
		cause: 'configuration-invalid',
	},
	'not-milvus': {
		title: 'Answer that is not Milvus JSON',
		happened: 'The server at {endpoint} answered, but not with Milvus JSON',
		todo: "Point the credential's Endpoint at Milvus itself",
		advice: "Not at another service, a proxy's login page or a web UI such as Attu.",
		cause: 'configuration-invalid',
	},
	'too-large': {
		title: 'Answer larger than 32 MiB',
		happened: 'The answer from {endpoint} is larger than 32 MiB, so the node stopped reading it',
		todo: "Check that the credential's Endpoint points at Milvus itself",
		advice:
			"Milvus's largest answer to this node, the alias list of a database with 100,000 aliases of 255 characters, is under 26 MB; a larger one comes from another service or a proxy.",
		cause: 'configuration-invalid',
	},
	malformed: {
		title: 'Milvus answer without the documented shape',
		happened:
			'The answer from {endpoint} does not have the shape Milvus documents, so it was not used',
		todo: 'Check that the Endpoint points at Milvus 2.4 or newer, and report it with your Milvus version if it does',
		advice: 'The node only outputs values that have the documented shape.',
	},
	'ssrf-blocked': {
		title: "Blocked by n8n's SSRF protection",
		happened: "n8n's SSRF protection blocked the request to {hostPort}",
		todo: 'Ask your n8n administrator to allow the Milvus host (N8N_SSRF_ALLOWED_HOSTNAMES or N8N_SSRF_ALLOWED_IP_RANGES)',
		advice: 'n8n blocks private and loopback addresses when N8N_SSRF_PROTECTION_ENABLED is true.',
		cause: 'configuration-invalid',
	},
	cancelled: {
		// "canceled" (one l): n8n marks an execution whose error message contains it as canceled.
		title: 'Execution canceled',
		happened: 'The execution was canceled before Milvus answered',
		todo: '',
		advice: 'Nothing is retried after a cancel.',
	},
	unauthenticated: {
		title: 'Wrong token (HTTP 401, Milvus 1800)',
		happened: "Milvus did not accept the credential's token",
		todo: 'Check the Token in the "Milvus REST API" credential',
		advice: TOKEN_HINT,
		cause: 'credential-invalid',
	},
	forbidden: {
		title: 'Missing privilege (HTTP 403)',
		happened: 'The user of the token lacks the privilege for this request in database "{db}"',
		todo: 'Grant it with Milvus RBAC, or use a token with more rights',
		advice: 'Alias privileges: CreateAlias, DropAlias, DescribeAlias, ListAliases.',
		cause: 'credential-invalid',
	},
	'http-other': {
		title: 'Other HTTP error',
		happened: 'The server at {endpoint} answered with an HTTP error',
		todo: "Check that the credential's Endpoint points at Milvus's REST API",
		advice: 'The status and the start of the answer are at the end of the message.',
	},
	'collection-not-found': {
		title: 'Collection not found (Milvus 100)',
		happened: 'Collection "{collection}" does not exist in database "{db}"',
		todo: 'Check the collection name and the Database Name, or create (and load) the collection first',
		advice:
			'An alias points at a collection of its own database. Up to Milvus 2.6.11 an alias given as the collection is not found either (from 2.6.12 Milvus resolves it); from Milvus 2.5 a missing database also gives this code when the load state is checked.',
		cause: 'configuration-invalid',
	},
	'database-not-found': {
		title: 'Database not found (Milvus 800)',
		happened: 'Database "{db}" does not exist',
		todo: "Check the Database Name, or leave it empty for the server's default database",
		advice: 'Zilliz Cloud Serverless clusters have no databases: leave it empty there.',
		cause: 'configuration-invalid',
	},
	'invalid-parameter': {
		title: 'Name rejected by Milvus (Milvus 1100)',
		happened: 'Milvus rejected a name or parameter as invalid',
		todo: `Use valid names: a name must ${NAME_RULE}`,
		advice: "Milvus's message at the end says which value it rejected.",
		cause: 'configuration-invalid',
	},
	'alias-not-found': {
		title: 'Alias not found (Milvus 1600)',
		happened: 'Alias "{alias}" does not exist in database "{db}"',
		todo: 'Check the alias name and the Database Name; to create a missing alias, use Create or Update',
		todoWhile: {
			upsert:
				'Check the alias name and the Database Name; if another client dropped it while Create or Update ran, run the item again to create it',
		},
		advice: 'Update only repoints an existing alias. Get Many lists the aliases that exist.',
		cause: 'configuration-invalid',
	},
	'alias-is-collection': {
		title: 'Alias name is a collection name (Milvus 1601)',
		happened: '"{alias}" is already the name of a collection in database "{db}"',
		todo: 'Choose another alias name',
		advice: 'An alias must differ from every collection name in its database.',
		cause: 'configuration-invalid',
	},
	'alias-points-elsewhere': {
		title: 'Alias points to another collection (Milvus 1602)',
		happened: 'Alias "{alias}" already points to another collection',
		todo: 'Use Update, or Create or Update, to repoint it',
		todoWhile: {
			update: 'Use Create or Update to repoint it',
			upsert:
				'Another client may have created it while Create or Update ran: run the item again to repoint it',
		},
		advice:
			'Create never repoints an alias; Create or Update makes it point at "{collection}" whatever its state.',
		cause: 'configuration-invalid',
	},
	'body-not-readable': {
		title: 'Request body not readable (Milvus 1801, 1802)',
		happened: 'Milvus could not read the request',
		todo: 'Check for a proxy that rewrites requests, and report it with your Milvus version',
		advice: 'The node sends JSON bodies as Milvus 2.4 to 2.6 document them.',
	},
	'milvus-other': {
		title: 'Other Milvus error (e.g. 65535)',
		happened: 'Milvus refused the request for database "{db}"',
		todo: "Milvus's own message at the end says why",
		advice: "The code and the message are Milvus's own.",
	},
} satisfies Record<string, FailureRecord>;

export type CallRecordId = keyof typeof CALL_RECORDS;

const BY_MILVUS_CODE: Partial<Record<number, CallRecordId>> = {
	[MILVUS_CODE.collectionNotFound]: 'collection-not-found',
	[MILVUS_CODE.databaseNotFound]: 'database-not-found',
	[MILVUS_CODE.invalidParameter]: 'invalid-parameter',
	[MILVUS_CODE.aliasNotFound]: 'alias-not-found',
	[MILVUS_CODE.aliasCollectionNameConflict]: 'alias-is-collection',
	[MILVUS_CODE.aliasAlreadyExists]: 'alias-points-elsewhere',
	[MILVUS_CODE.notAuthenticated]: 'unauthenticated',
	[MILVUS_CODE.notJson]: 'body-not-readable',
	[MILVUS_CODE.missingParameter]: 'body-not-readable',
	[MILVUS_CODE.rateLimited]: 'rate-limited',
	[MILVUS_CODE.timeout]: 'server-timeout',
};

const BY_HTTP_STATUS: Partial<Record<number, CallRecordId>> = {
	401: 'unauthenticated',
	403: 'forbidden',
	404: 'not-found',
	408: 'server-timeout',
	429: 'rate-limited',
	502: 'unavailable',
	503: 'unavailable',
	504: 'unavailable',
};

/** Which record explains a failure: by Milvus code first, then HTTP status, then kind. */
export function recordIdFor(failure: MilvusFailure): CallRecordId {
	switch (failure.kind) {
		case 'milvus':
			return (
				BY_MILVUS_CODE[failure.milvusCode ?? -1] ??
				(failure.httpStatus === 403 ? 'forbidden' : 'milvus-other')
			);
		case 'http':
			// Go's (and so Milvus's) HTTPS server answering a plain-HTTP request.
			if (failure.httpStatus === 400 && /HTTP request to an HTTPS server/i.test(failure.detail))
				return 'http-to-https';
			return BY_HTTP_STATUS[failure.httpStatus ?? -1] ?? 'http-other';
		case 'redirect':
			return 'redirect';
		case 'notMilvus':
			return 'not-milvus';
		case 'malformed':
			return 'malformed';
		case 'tooLarge':
			return 'too-large';
		case 'timeout':
			return failure.timeLimitMs !== undefined ? 'time-limit' : 'client-timeout';
		case 'tls':
			return isCertificateProblem(failure.networkCode) ? 'tls-untrusted' : 'tls-handshake';
		case 'blocked':
			return 'ssrf-blocked';
		case 'cancelled':
			return 'cancelled';
		case 'network':
		default:
			if (failure.networkCode === 'ECONNREFUSED') return 'refused';
			if (failure.networkCode === 'ENOTFOUND' || failure.networkCode === 'EAI_AGAIN') return 'dns';
			return failure.transient ? 'closed' : 'unreachable';
	}
}
