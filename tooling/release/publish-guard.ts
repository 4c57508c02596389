/**
 * Who may publish: only the tag-triggered workflow `.github/workflows/publish.yml`, with an OIDC
 * token for npm provenance, from the tag that names the package's version. n8n verifies only
 * community packages published from a GitHub Action with a provenance statement, and a plain
 * `npm publish` from a laptop has neither. Pure: it reads the environment it is given.
 */

export interface PublishContext {
	/** The version in package.json. */
	version: string;
	/** Whether this publish asks npm for a provenance statement. */
	provenance: boolean;
}

/** Environment values quoted in a refusal are cut short: they are whatever the shell holds. */
const quote = (value: string | undefined) =>
	value === undefined ? 'unset' : JSON.stringify(value.slice(0, 80));

/** Why this publish must not go ahead, or undefined when it may. */
export function publishRefusal(
	env: NodeJS.ProcessEnv,
	context: PublishContext,
): string | undefined {
	if (env.GITHUB_ACTIONS !== 'true') {
		return `publishing runs only in GitHub Actions (.github/workflows/publish.yml, started by pushing the tag ${context.version}), never from a workstation: n8n verifies only packages with an npm provenance statement`;
	}
	if (!env.ACTIONS_ID_TOKEN_REQUEST_URL || !env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
		return 'GitHub Actions gave this job no OIDC token: the publish job needs "permissions: id-token: write" for npm provenance and trusted publishing';
	}
	if (!context.provenance) {
		return 'provenance is off: publish with --provenance (package.json publishConfig sets it)';
	}
	if (env.GITHUB_REF_TYPE !== 'tag' || env.GITHUB_REF_NAME !== context.version) {
		return `version ${context.version} is published from the tag ${context.version} only; this run is for the ${env.GITHUB_REF_TYPE === 'tag' ? 'tag' : 'ref'} ${quote(env.GITHUB_REF_NAME)}`;
	}
	return undefined;
}

/**
 * Whether npm will attach provenance when it runs a lifecycle script: `--provenance` on the
 * command line (npm exports it as npm_config_provenance), else package.json's publishConfig.
 */
export function provenanceRequested(
	env: NodeJS.ProcessEnv,
	publishConfig: { provenance?: unknown } | undefined,
): boolean {
	if (env.npm_config_provenance !== undefined) return env.npm_config_provenance === 'true';
	return publishConfig?.provenance === true;
}
