// Runs before every test file (jest `setupFiles`), before n8n-core is loaded.
// n8n-core reads its configuration from the environment lazily; pin what the tests rely on.
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

// InstanceSettings writes <user folder>/.n8n/config; keep it out of $HOME.
process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'milvus-alias-n8n-'));
// ErrorReporter logs every node error with an axios stack; tests assert on errors instead.
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL || 'silent';
// The emulator listens on loopback; a CI environment must not turn SSRF protection on by accident.
// Tests of SSRF protection set it themselves.
process.env.N8N_SSRF_PROTECTION_ENABLED = 'false';
for (const proxyVariable of [
	'HTTP_PROXY',
	'HTTPS_PROXY',
	'ALL_PROXY',
	'http_proxy',
	'https_proxy',
	'all_proxy',
]) {
	delete process.env[proxyVariable];
}
