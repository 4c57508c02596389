/**
 * Which servers the live suite runs against, from its environment: emulator profiles
 * (`MILVUS_LIVE_PROFILES`, set by `npm run test:live -- --emulator …`), or the real Milvus or
 * Zilliz Cloud of `MILVUS_ENDPOINT` / `MILVUS_TOKEN` / `MILVUS_DB`, only with
 * `MILVUS_LIVE_CONFIRM=yes` because the suite creates and drops collections there.
 */
import { PROFILES, isProfileName } from '../../tooling/emulator';
import type { ProfileName } from '../../tooling/emulator';

export type LiveEnvironment = Record<string, string | undefined>;

export type TargetPlan =
	| { kind: 'emulator'; profiles: ProfileName[] }
	| { kind: 'real'; endpoint: string; token?: string; dbName: string };

/** `all` or a comma-separated list of profile names. Throws on an unknown one. */
export function parseProfiles(value: string): ProfileName[] {
	const names = value === 'all' ? [...PROFILES] : value.split(',').map((name) => name.trim());
	const unknown = names.filter((name) => !isProfileName(name));
	if (unknown.length > 0 || names.length === 0) {
		throw new Error(
			`Unknown emulator profile "${unknown.join(', ')}": use all or ${PROFILES.join(', ')}`,
		);
	}
	return names as ProfileName[];
}

/** The plan, or an error that says what to set. */
export function planFrom(env: LiveEnvironment): TargetPlan {
	if (env.MILVUS_LIVE_PROFILES) {
		return { kind: 'emulator', profiles: parseProfiles(env.MILVUS_LIVE_PROFILES) };
	}
	const endpoint = env.MILVUS_ENDPOINT;
	if (!endpoint) {
		throw new Error(
			'Set MILVUS_ENDPOINT (and MILVUS_TOKEN, optionally MILVUS_DB) to run against a real Milvus, or use --emulator <profile>|all',
		);
	}
	if (env.MILVUS_LIVE_CONFIRM !== 'yes') {
		throw new Error(
			`Refusing to start: the suite creates and drops collections and aliases named n8nlive_… in ${endpoint}` +
				`${env.MILVUS_DB ? ` (database ${env.MILVUS_DB})` : ''}. Set MILVUS_LIVE_CONFIRM=yes to run it.`,
		);
	}
	return {
		kind: 'real',
		endpoint,
		token: env.MILVUS_TOKEN || undefined,
		dbName: env.MILVUS_DB ?? '',
	};
}
