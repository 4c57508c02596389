/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development tooling, never part of the package: a command-line program (argv, stdout, signals) */
/**
 * Runs the Milvus REST API v2 emulator as a process (demo, manual testing, real-n8n e2e runs).
 *
 *   npx tsx tooling/emulator/cli.ts [--port 19530] [--profile 2.5] [--auth root:Milvus]...
 *        [--api-key KEY]... [--seed demo] [--prefix /milvus] [--tls] [--legacy-success-code]
 *        [--latency MS] [--log]
 *
 * Prints exactly one line `MILVUS_EMULATOR_URL=<url>` on stdout once listening (the URL has no
 * prefix; append --prefix yourself), then runs until SIGTERM/SIGINT. --log writes one line per
 * request to stderr.
 */
import { DEFAULT_PROFILE, PROFILE_DESCRIPTIONS, PROFILES, isProfileName } from './profiles';
import { startEmulator } from './server';
import type { MilvusEmulator } from './server';
import * as testTls from './tls';
import type { EmulatorOptions, RecordedRequest } from './types';

export const USAGE =
	'usage: npx tsx tooling/emulator/cli.ts [--port N] [--profile NAME] [--auth user:password]... ' +
	'[--api-key KEY]... [--seed demo] [--prefix /path] [--tls] [--legacy-success-code] [--latency MS] [--log]\n' +
	'profiles (default ' +
	DEFAULT_PROFILE +
	'):\n' +
	PROFILES.map((name) => `  ${name}: ${PROFILE_DESCRIPTIONS[name]}`).join('\n');

export const SEEDS: Record<string, NonNullable<EmulatorOptions['databases']>> = {
	demo: {
		default: {
			collections: { products_v1: { loaded: true }, products_v2: { loaded: true } },
			aliases: { products: 'products_v1' },
		},
	},
};

export interface CliIo {
	write(text: string): void;
	logLine?(text: string): void;
}

/** Parses CLI arguments into emulator options (+ `log`). Throws an Error with a usage message. */
export function parseArgs(argv: string[]): { options: EmulatorOptions; log: boolean } {
	const options: EmulatorOptions = { port: 0 };
	let log = false;
	const users: Record<string, string> = {};
	const apiKeys: string[] = [];
	let authSeen = false;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const next = (): string => {
			if (i + 1 >= argv.length) throw new Error(`${arg} needs a value\n${USAGE}`);
			i += 1;
			return argv[i];
		};
		switch (arg) {
			case '--port': {
				const value = next();
				const port = Number(value);
				if (!Number.isInteger(port) || port < 0 || port > 65535)
					throw new Error(`invalid --port ${value}`);
				options.port = port;
				break;
			}
			case '--auth': {
				const value = next();
				const colon = value.indexOf(':');
				if (colon <= 0 || colon === value.length - 1)
					throw new Error(`--auth expects user:password, got ${value}`);
				users[value.slice(0, colon)] = value.slice(colon + 1);
				authSeen = true;
				break;
			}
			case '--api-key': {
				const value = next();
				if (value === '' || value.includes(':'))
					throw new Error('--api-key expects a non-empty key without ":"');
				apiKeys.push(value);
				authSeen = true;
				break;
			}
			case '--seed': {
				const value = next();
				if (!Object.prototype.hasOwnProperty.call(SEEDS, value)) {
					throw new Error(`unknown --seed ${value} (known: ${Object.keys(SEEDS).join(', ')})`);
				}
				options.databases = SEEDS[value];
				break;
			}
			case '--profile': {
				const value = next();
				if (!isProfileName(value)) {
					throw new Error(`unknown --profile ${value} (known: ${PROFILES.join(', ')})`);
				}
				options.profile = value;
				break;
			}
			case '--prefix':
				options.pathPrefix = next();
				break;
			case '--tls':
				options.tls = { key: testTls.key, cert: testTls.cert };
				break;
			case '--legacy-success-code':
				options.legacySuccessCode = true;
				break;
			case '--latency': {
				const value = next();
				const ms = Number(value);
				if (!(ms >= 0)) throw new Error(`invalid --latency ${value}`);
				options.latency = ms;
				break;
			}
			case '--log':
				log = true;
				break;
			case '--help':
			case '-h':
				throw new Error(USAGE);
			default:
				throw new Error(`unknown argument ${arg}\n${USAGE}`);
		}
	}
	if (authSeen) options.auth = { users, apiKeys };
	return { options, log };
}

/** Starts an emulator from CLI arguments and writes the URL line with `io.write`. */
export async function main(argv: string[], io: CliIo): Promise<MilvusEmulator> {
	const { options, log } = parseArgs(argv);
	const emulator = await startEmulator(options);
	const logLine = io.logLine;
	if (log && logLine) {
		const requests = emulator.requests;
		const push = requests.push.bind(requests);
		requests.push = (...entries: RecordedRequest[]) => {
			for (const entry of entries)
				logLine(
					`${new Date(entry.at).toISOString()} ${entry.method} ${entry.url} ${entry.rawBody}`,
				);
			return push(...entries);
		};
	}
	io.write(`MILVUS_EMULATOR_URL=${emulator.url}\n`);
	return emulator;
}

if (require.main === module) {
	main(process.argv.slice(2), {
		write: (text) => process.stdout.write(text),
		logLine: (text) => process.stderr.write(text + '\n'),
	}).then(
		(emulator) => {
			let stopping = false;
			const stop = () => {
				if (stopping) return;
				stopping = true;
				void emulator.close().then(() => process.exit(0));
			};
			process.on('SIGTERM', stop);
			process.on('SIGINT', stop);
		},
		(error: Error) => {
			process.stderr.write(`${error.message}\n`);
			process.exit(2);
		},
	);
}
