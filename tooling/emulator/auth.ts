// Authentication as Milvus's gin middleware does it (internal/distributed/proxy/service.go authenticate,
// internal/distributed/proxy/httpserver/utils.go ParseUsernamePassword).
import type { EmulatorAuthOptions } from './types';

const BASE64_STD = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function parseBasicAuth(header: string): { user: string; password: string } | null {
	const prefix = 'Basic ';
	if (
		header.length < prefix.length ||
		header.slice(0, prefix.length).toLowerCase() !== prefix.toLowerCase()
	) {
		return null;
	}
	const encoded = header.slice(prefix.length).replace(/[\r\n]/g, '');
	if (!BASE64_STD.test(encoded)) return null;
	const decoded = Buffer.from(encoded, 'base64').toString('utf8');
	const i = decoded.indexOf(':');
	if (i === -1) return null;
	return { user: decoded.slice(0, i), password: decoded.slice(i + 1) };
}

// Case-sensitive: 'bearer ' is not stripped.
function trimBearer(header: string): string {
	return header.startsWith('Bearer ') ? header.slice('Bearer '.length) : header;
}

export interface AuthResult {
	ok: boolean;
	user?: string;
	/** Basic credentials were parsed: the server answers with a WWW-Authenticate header. */
	wwwAuthenticate: boolean;
}

export function authenticate(authConfig: EmulatorAuthOptions, header: string): AuthResult {
	const users = authConfig.users || {};
	const apiKeys = authConfig.apiKeys || [];
	let user = '';
	let password = '';
	let wwwAuthenticate = false;
	const basic = parseBasicAuth(header);
	if (basic) {
		wwwAuthenticate = true;
		user = basic.user;
		password = basic.password;
	} else {
		const token = trimBearer(header);
		const i = token.indexOf(':');
		if (i !== -1) {
			user = token.slice(0, i);
			password = token.slice(i + 1);
		}
	}
	if (
		user !== '' &&
		password !== '' &&
		Object.prototype.hasOwnProperty.call(users, user) &&
		users[user] === password
	) {
		return { ok: true, user, wwwAuthenticate };
	}
	const rawToken = trimBearer(header);
	if (rawToken !== '' && !rawToken.includes(':') && apiKeys.includes(rawToken)) {
		return { ok: true, user: 'apikey-user', wwwAuthenticate };
	}
	return { ok: false, wwwAuthenticate };
}
