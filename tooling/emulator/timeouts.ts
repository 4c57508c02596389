// The server-side request timeout (internal/distributed/proxy/httpserver/timeout_middleware.go): the
// Request-Timeout header in seconds, default 30 s (HTTPDefaultTimeout), and the answer on expiry.
import { jsonAnswer } from './http';
import type { Answer } from './http';
import type { ProfileBehaviour } from './profiles';

export const DEFAULT_TIMEOUT_SECONDS = 30;

/** strconv.Atoi: an optional sign and decimal digits; anything else is ignored by the server. */
function parseSeconds(header: string | undefined): number | undefined {
	if (header === undefined || !/^[+-]?\d+$/.test(header)) return undefined;
	return Math.max(0, Number(header));
}

/** Which timeout each request gets; through 2.5.9 a value sent once stays in force for its route. */
export class RequestTimeouts {
	private readonly stuck = new Map<string, number>();

	constructor(private readonly sticksPerRoute: boolean) {}

	/** The timeout (s) for a request on `route` carrying `header`; remembers it where it sticks. */
	apply(route: string, header: string | undefined): number {
		const seconds = parseSeconds(header);
		if (seconds === undefined) return this.effective(route);
		if (this.sticksPerRoute) this.stuck.set(route, seconds);
		return seconds;
	}

	/** The timeout (s) a request without the header gets on `route`. */
	effective(route: string): number {
		return this.stuck.get(route) ?? DEFAULT_TIMEOUT_SECONDS;
	}
}

/** 408 as the profile's release writes it: plain text `timeout`, or JSON code 10001 from 2.5.4. */
export function timeoutAnswer(behaviour: ProfileBehaviour): Answer {
	if (behaviour.timeoutAnswer === 'json') {
		return jsonAnswer(408, { code: 10001, message: 'request timeout' });
	}
	return {
		status: 408,
		headers: { 'Content-Type': 'text/plain; charset=utf-8' },
		body: 'timeout',
	};
}
