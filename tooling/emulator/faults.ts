// Injected faults: answers a real Milvus (or a proxy in front of it) gives that no state produces.
import { API_ROOT, jsonAnswer } from './http';
import type { Answer } from './http';
import type { ProfileBehaviour } from './profiles';
import { timeoutAnswer } from './timeouts';

interface FaultBase {
	/**
	 * Path after the prefix, e.g. '/v2/vectordb/aliases/create' (shorthand 'aliases/create' accepted).
	 * Omitted: any request.
	 */
	path?: string;
	/** How many matching requests this fault answers (default 1). */
	times?: number;
	/** Perform the real operation (state change) first, then answer with the fault. */
	applyFirst?: boolean;
}

export interface StatusFault extends FaultBase {
	kind: 'status';
	/** Default 503. */
	status?: number;
	/** Default 'upstream unavailable'. */
	body?: string;
	/** Default 'text/plain; charset=utf-8'. */
	contentType?: string;
	headers?: Record<string, string>;
}

export interface CodeFault extends FaultBase {
	kind: 'code';
	/** Default 65535. */
	code?: number;
	/** Default: Milvus's text for 1800/1807/10001/65535, else 'emulated error'. */
	message?: string;
	/** HTTP status, default 200 (use 408 with code 10001). */
	status?: number;
	headers?: Record<string, string>;
}

export interface HangFault extends FaultBase {
	kind: 'hang';
}

export interface ResetFault extends FaultBase {
	kind: 'reset';
}

/** The server's own request timeout, as the profile's release answers it (see timeouts.ts). */
export interface TimeoutFault extends FaultBase {
	kind: 'timeout';
}

export interface NonJsonFault extends FaultBase {
	kind: 'nonJson';
	/** Default 200. */
	status?: number;
	/** Default '<html>oops</html>'. */
	body?: string;
	/** Default 'text/html; charset=utf-8'. */
	contentType?: string;
	headers?: Record<string, string>;
}

export type EmulatorFault =
	StatusFault | CodeFault | HangFault | ResetFault | NonJsonFault | TimeoutFault;

const FAULT_KINDS: ReadonlyArray<EmulatorFault['kind']> = [
	'status',
	'code',
	'hang',
	'reset',
	'nonJson',
	'timeout',
];

/**
 * Milvus's own texts for the codes tests inject most (pkg/util/merr/errors.go). 1807 never comes from
 * an open-source server on alias routes (the REST limiter does not count them, simple_rate_limiter.go
 * 2.4.10+): only this fault produces it, standing for a proxy or Zilliz Cloud.
 */
export const DEFAULT_CODE_MESSAGES: Readonly<Record<number, string>> = {
	1800: "user hasn't authenticated",
	1807: 'request is rejected by limiter, error: rate limit exceeded[rate=1]',
	10001: 'request timeout',
	65535: 'unexpected error',
};

type QueuedFault = EmulatorFault & { path: string | undefined; remaining: number };

function normalizeFaultPath(path: unknown): string | undefined {
	if (path === undefined || path === null) return undefined;
	if (typeof path !== 'string') throw new Error('fault.path must be a string');
	if (path.startsWith('/')) return path;
	if (path.startsWith('v2/')) return '/' + path;
	return API_ROOT + path; // shorthand: 'aliases/create'
}

/** Faults in injection order; each answers `times` matching requests. */
export class FaultQueue {
	private readonly queue: QueuedFault[] = [];

	add(fault: EmulatorFault): void {
		if (!fault || !FAULT_KINDS.includes(fault.kind)) {
			throw new Error(`emulator: fault.kind must be one of ${FAULT_KINDS.join(', ')}`);
		}
		const times = fault.times === undefined ? 1 : fault.times;
		if (!Number.isInteger(times) || times < 1)
			throw new Error('emulator: fault.times must be a positive integer');
		this.queue.push({ ...fault, path: normalizeFaultPath(fault.path), remaining: times });
	}

	clear(): void {
		this.queue.length = 0;
	}

	/** The first fault matching the route path, consumed once; null when none. */
	take(routePath: string): EmulatorFault | null {
		const index = this.queue.findIndex((f) => f.path === undefined || f.path === routePath);
		if (index === -1) return null;
		const fault = this.queue[index];
		fault.remaining -= 1;
		if (fault.remaining <= 0) this.queue.splice(index, 1);
		return fault;
	}
}

function textAnswer(
	status: number,
	contentType: string,
	body: string,
	headers: Record<string, string> | undefined,
): Answer {
	return { status, headers: { 'Content-Type': contentType, ...(headers || {}) }, body };
}

/** What a fault sends: an answer, or 'reset' (tear the connection down), or 'hang' (send nothing). */
export function faultAnswer(
	fault: EmulatorFault,
	behaviour: ProfileBehaviour,
): Answer | 'reset' | 'hang' {
	switch (fault.kind) {
		case 'status':
			return textAnswer(
				fault.status || 503,
				fault.contentType || 'text/plain; charset=utf-8',
				fault.body === undefined ? 'upstream unavailable' : String(fault.body),
				fault.headers,
			);
		case 'nonJson':
			return textAnswer(
				fault.status || 200,
				fault.contentType || 'text/html; charset=utf-8',
				fault.body === undefined ? '<html>oops</html>' : String(fault.body),
				fault.headers,
			);
		case 'code': {
			const code = fault.code === undefined ? 65535 : fault.code;
			const message =
				fault.message === undefined
					? DEFAULT_CODE_MESSAGES[code] || 'emulated error'
					: fault.message;
			return jsonAnswer(fault.status || 200, { code, message }, { ...(fault.headers || {}) });
		}
		case 'timeout':
			return timeoutAnswer(behaviour);
		case 'reset':
			return 'reset';
		case 'hang':
			return 'hang';
	}
}
