import type { MilvusFailure, ReadAnswer } from './failures';

/**
 * The most of an answer the node reads. Milvus's largest answer to this node is an alias or
 * collection list: 100,000 names of 255 characters (Milvus's longest) are 25.8 MB of JSON, so
 * 32 MiB leaves room for any real list, and a server sending more (a download, a proxy streaming
 * forever) is cut off at once instead of filling n8n's memory.
 */
export const MAX_ANSWER_BYTES = 32 * 1024 * 1024;

/** The answer as n8n's helper hands it over with `encoding: 'stream'`: the body not yet read. */
export interface StreamedResponse {
	statusCode: number;
	headers?: Record<string, unknown>;
	body: unknown;
}

/** The part of a Node.js readable stream the reader uses. */
interface BodyStream extends AsyncIterable<unknown> {
	destroy: (error?: Error) => unknown;
}

const isBodyStream = (body: unknown): body is BodyStream =>
	typeof body === 'object' &&
	body !== null &&
	Symbol.asyncIterator in body &&
	typeof (body as { destroy?: unknown }).destroy === 'function';

export type ResponseRead = { ok: true; answer: ReadAnswer } | { ok: false; failure: MilvusFailure };

function tooLarge(statusCode: number): ResponseRead {
	return {
		ok: false,
		failure: {
			kind: 'tooLarge',
			httpStatus: statusCode,
			detail: `over ${MAX_ANSWER_BYTES / (1024 * 1024)} MiB`,
			transient: false,
			// The request was received and answered: a change may have been made.
			ambiguous: true,
		},
	};
}

/**
 * The body as n8n's helper reads it without `encoding: 'stream'`: JSON when it parses, else the
 * text (Milvus 2.4's plain-text 408 `timeout`, a proxy's page), '' when empty.
 */
function parsedBody(bytes: Buffer): unknown {
	const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
	if (text === '') return '';
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

/** A promise that rejects when `signal` aborts, and a function to stop listening. */
function rejectionOnAbort(signal: AbortSignal): { aborted: Promise<never>; release: () => void } {
	let release = () => {};
	const aborted = new Promise<never>((_, reject) => {
		const abort = () =>
			reject(Object.assign(new Error('The read was aborted'), { name: 'AbortError' }));
		if (signal.aborted) abort();
		signal.addEventListener('abort', abort, { once: true });
		release = () => signal.removeEventListener('abort', abort);
	});
	// Rejections nobody awaits any more (the read ended first) are not errors.
	aborted.catch(() => undefined);
	return { aborted, release };
}

/** Reads `stream` to its end, or stops after `maxBytes`; undefined when it is larger. */
async function readBounded(
	stream: BodyStream,
	maxBytes: number,
	signal: AbortSignal,
): Promise<Buffer | undefined> {
	// The attempt's bound (time or cancellation) ends a body that is still arriving at once,
	// whether or not the stream can stop while it waits for the server.
	const { aborted, release } = rejectionOnAbort(signal);
	const iterator = stream[Symbol.asyncIterator]();
	const chunks: Buffer[] = [];
	let size = 0;
	let complete = false;
	try {
		for (;;) {
			const next = await Promise.race([iterator.next(), aborted]);
			if (next.done) {
				complete = true;
				return Buffer.concat(chunks, size);
			}
			const chunk = next.value;
			const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
			size += bytes.length;
			if (size > maxBytes) return undefined;
			chunks.push(bytes);
		}
	} finally {
		release();
		// Too large, aborted or broken: the rest of the body is not wanted.
		if (!complete) stream.destroy();
	}
}

/**
 * Reads a streamed answer's body, never holding more than MAX_ANSWER_BYTES of it: a declared
 * Content-Length above the bound is refused before reading, any other body once it passes it.
 * Throws what the stream throws (a reset, the attempt's abort), for the caller to classify.
 */
export async function readResponse(
	response: StreamedResponse,
	signal: AbortSignal,
	maxBytes = MAX_ANSWER_BYTES,
): Promise<ResponseRead> {
	const { statusCode, headers, body } = response;
	const location = typeof headers?.location === 'string' ? headers.location : undefined;
	// A helper that did not stream (n8n's evaluation mocks) hands over the body already read.
	if (!isBodyStream(body)) return { ok: true, answer: { statusCode, body, location } };
	const declared = Number(headers?.['content-length']);
	if (Number.isFinite(declared) && declared > maxBytes) {
		body.destroy();
		return tooLarge(statusCode);
	}
	const bytes = await readBounded(body, maxBytes, signal);
	if (bytes === undefined) return tooLarge(statusCode);
	return { ok: true, answer: { statusCode, body: parsedBody(bytes), location } };
}
