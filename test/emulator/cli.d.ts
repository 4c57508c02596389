import type { EmulatorOptions, MilvusEmulator } from './emulator';

export interface CliIo {
	write(text: string): void;
	logLine?(text: string): void;
}

export function parseArgs(argv: string[]): { options: EmulatorOptions; log: boolean };
export function main(argv: string[], io: CliIo): Promise<MilvusEmulator>;
export const SEEDS: Record<string, EmulatorOptions['databases']>;
export const USAGE: string;
