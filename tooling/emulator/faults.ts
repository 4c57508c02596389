// Injected faults: answers a real Milvus (or a proxy in front of it) gives that no state produces.
import { API_ROOT } from './http';

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
