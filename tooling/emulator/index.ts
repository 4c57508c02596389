// Milvus REST API v2 emulator (alias endpoints plus the collection endpoints the node and its suites use),
// answering as a real Milvus server does: codes, messages, HTTP statuses, auth parsing, gin's 404 and
// trailing-slash redirect, JSON binding errors (1801/1802) and dbName resolution. Test-only, node built-ins
// only, listens on 127.0.0.1.
export { MilvusEmulator, startEmulator } from './server';
export type {
	CodeFault,
	EmulatorFault,
	HangFault,
	LargeListFault,
	NonJsonFault,
	ResetFault,
	StatusFault,
	TimeoutFault,
} from './faults';
export {
	DEFAULT_PROFILE,
	PROFILE_BEHAVIOURS,
	PROFILE_DESCRIPTIONS,
	PROFILES,
	isProfileName,
} from './profiles';
export type { ProfileBehaviour, ProfileName } from './profiles';
export { DEFAULT_TIMEOUT_SECONDS } from './timeouts';
export type {
	CollectionInfo,
	EmulatorAuthOptions,
	EmulatorCollectionOptions,
	EmulatorDatabaseSeed,
	EmulatorOptions,
	LoadState,
	RecordedRequest,
} from './types';
