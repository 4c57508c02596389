/**
 * The credential's endpoint, normalised: trimmed, no trailing slash, any path prefix kept
 * (a Milvus behind a reverse proxy at https://gw.example.com/milvus), scheme required.
 */
export interface MilvusEndpoint {
	/** Base URL that `/v2/vectordb/...` is appended to. */
	baseUrl: string;
	/** The same URL without user info, safe to show in messages. */
	display: string;
	/** host:port, for messages about connections. */
	hostPort: string;
}

export function parseEndpoint(raw: unknown): MilvusEndpoint | { invalid: string } {
	const text = typeof raw === 'string' ? raw.trim() : '';
	if (text === '') {
		return {
			invalid:
				"The credential's Endpoint is empty. Set it to the Milvus URL, e.g. http://localhost:19530",
		};
	}
	if (!/^https?:\/\//i.test(text)) {
		return {
			invalid: `The credential's Endpoint "${text}" does not start with http:// or https://. Use e.g. http://${text.replace(/^[a-z]+:\/\//i, '')}`,
		};
	}
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return {
			invalid: `The credential's Endpoint "${text}" is not a valid URL. Use e.g. http://localhost:19530`,
		};
	}
	const path = url.pathname.replace(/\/+$/, '');
	const defaultPort = url.protocol === 'https:' ? '443' : '80';
	const hostPort = `${url.hostname}:${url.port || defaultPort}`;
	const display = `${url.protocol}//${url.host}${path}`;
	// Keep user info (if any) in the URL we call: it is the user's choice, but never shown.
	const auth = url.username ? `${url.username}${url.password ? `:${url.password}` : ''}@` : '';
	return { baseUrl: `${url.protocol}//${auth}${url.host}${path}`, display, hostPort };
}
