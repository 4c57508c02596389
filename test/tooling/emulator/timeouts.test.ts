// The server-side request timeout as a pure part (timeout_middleware.go v2.4.15 and v2.5.27): which
// value a request gets, and what sticks per route.
import { RequestTimeouts, timeoutAnswer } from '../../../tooling/emulator/timeouts';
import { PROFILE_BEHAVIOURS } from '../../../tooling/emulator';

describe('RequestTimeouts', () => {
	it('reads integer seconds as strconv.Atoi does and ignores anything else', () => {
		const timeouts = new RequestTimeouts(false);
		expect(timeouts.apply('aliases/create', '12')).toBe(12);
		expect(timeouts.apply('aliases/create', '+7')).toBe(7);
		expect(timeouts.apply('aliases/create', '-3')).toBe(0); // a negative timer expires at once
		for (const ignored of ['', '1.5', '10s', ' 5', 'soon', undefined]) {
			expect(timeouts.apply('aliases/create', ignored)).toBe(30);
		}
	});

	it('keeps the last value per route where it sticks (up to 2.5.9), never elsewhere', () => {
		const sticky = new RequestTimeouts(true);
		sticky.apply('aliases/create', '2');
		expect(sticky.apply('aliases/create', undefined)).toBe(2);
		expect(sticky.apply('aliases/alter', undefined)).toBe(30);
		sticky.apply('aliases/create', '40');
		expect(sticky.effective('aliases/create')).toBe(40);

		const fresh = new RequestTimeouts(false);
		fresh.apply('aliases/create', '2');
		expect(fresh.apply('aliases/create', undefined)).toBe(30);
	});
});

describe('timeoutAnswer', () => {
	it('is plain-text 408 "timeout" on 2.4 and JSON 10001 from 2.5.4', () => {
		expect(timeoutAnswer(PROFILE_BEHAVIOURS['2.4'])).toEqual({
			status: 408,
			headers: { 'Content-Type': 'text/plain; charset=utf-8' },
			body: 'timeout',
		});
		expect(timeoutAnswer(PROFILE_BEHAVIOURS['2.5'])).toEqual({
			status: 408,
			headers: { 'Content-Type': 'application/json; charset=utf-8' },
			body: '{"code":10001,"message":"request timeout"}',
		});
	});
});
