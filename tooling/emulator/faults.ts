// Injected faults: answers a real Milvus (or a proxy in front of it) gives that no state produces.
import { API_ROOT, JSON_CONTENT_TYPE, jsonAnswer } from './http';
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

/**
 * A success answer listing `count` names (`data`), written as the client reads it and never
 * held whole: the alias list of a big cluster, or an endless answer of a few hundred MB.
 */
export interface LargeListFault extends FaultBase {
	kind: 'largeList';
	count: number;
	/** Length of each name (default 255, Milvus's longest; at least 8). */
	nameLength?: number;
	/** Send Content-Length up front (default: chunked, so only reading tells the size). */
	declareLength?: boolean;
}

export type EmulatorFault =
	StatusFault | CodeFault | HangFault | ResetFault | NonJsonFault | TimeoutFault | LargeListFault;

const FAULT_KINDS: ReadonlyArray<EmulatorFault['kind']> = [
	'status',
	'code',
	'hang',
	'reset',
	'nonJson',
	'timeout',
	'largeList',
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
		if (fault.kind === 'largeList' && !(Number.isInteger(fault.count) && fault.count >= 0))
			throw new Error('emulator: largeList.count must be an integer >= 0');
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

/** The part of Node's http.ServerResponse a streamed answer writes to. */
interface WritableAnswer {
	readonly destroyed: boolean;
	writeHead: (status: number, headers: Record<string, string | number>) => unknown;
	write: (chunk: string) => boolean;
	end: (chunk: string) => unknown;
	once: (event: 'drain', listener: () => void) => unknown;
}

/** An answer written over time by `stream`, for bodies too large to build in memory. */
export interface StreamedAnswer {
	stream: (res: WritableAnswer) => void;
}

const LIST_HEAD = '{"code":0,"data":[';
const LIST_TAIL = ']}';
/** Names per write: about 64 KiB at the longest names. */
const NAMES_PER_CHUNK = 256;

/** Writes a `largeList` answer chunk by chunk, waiting for the client to read each one. */
function largeList(fault: LargeListFault): StreamedAnswer {
	const { count } = fault;
	const nameLength = Math.max(8, fault.nameLength ?? 255);
	const name = (index: number) => `"a${String(index).padStart(nameLength - 1, '0')}"`;
	const size =
		LIST_HEAD.length + count * (nameLength + 2) + Math.max(0, count - 1) + LIST_TAIL.length;
	return {
		stream: (res) => {
			res.writeHead(200, {
				'Content-Type': JSON_CONTENT_TYPE,
				...(fault.declareLength ? { 'Content-Length': size } : {}),
			});
			let next = 0;
			const writeMore = () => {
				while (!res.destroyed) {
					const end = Math.min(count, next + NAMES_PER_CHUNK);
					const names: string[] = [];
					for (let index = next; index < end; index++) names.push(name(index));
					const chunk = `${next === 0 ? LIST_HEAD : ','}${names.join(',')}`;
					next = end;
					if (next >= count) {
						res.end(chunk + LIST_TAIL);
						return;
					}
					// Backpressure: the next chunk is made only when the client has read this one.
					if (!res.write(chunk)) {
						res.once('drain', writeMore);
						return;
					}
				}
			};
			writeMore();
		},
	};
}

/**
 * What a fault sends: an answer (whole, or streamed), or 'reset' (tear the connection down), or
 * 'hang' (send nothing).
 */
export function faultAnswer(
	fault: EmulatorFault,
	behaviour: ProfileBehaviour,
): Answer | StreamedAnswer | 'reset' | 'hang' {
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
		case 'largeList':
			return largeList(fault);
	}
}
