// The emulator seed most tests of the emulator share: two collections in default, one in other.
import type { EmulatorOptions } from '../../../tooling/emulator';

export const SEED: EmulatorOptions['databases'] = {
	default: { collections: { books_v1: { loaded: true }, books_v2: { loaded: false } } },
	other: { collections: { books_v1: { loaded: true } } },
};
