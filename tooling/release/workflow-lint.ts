/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling, never part of the package */
/**
 * Schema check of the GitHub Actions workflow files with @action-validator/core (GitHub's workflow
 * schema, compiled to WebAssembly: it runs offline, as no GitHub runner exists where CI runs).
 */
import { validateWorkflow } from '@action-validator/core';
import type { ValidationError } from '@action-validator/core';
import fs from 'node:fs';
import path from 'node:path';

/** One line per problem: where, and what the schema says, most specific first. */
function describe(errors: ValidationError[], into: string[] = []): string[] {
	for (const error of errors) {
		// A YAML parse error comes with an empty path and, usually, a location.
		const location = 'location' in error ? error.location : undefined;
		const where =
			('path' in error && error.path) || (location ? `line ${location.line}` : '(whole file)');
		into.push(`${where}: ${error.title}${error.detail ? ` (${error.detail})` : ''}`);
		if ('states' in error) for (const state of error.states ?? []) describe(state.errors, into);
	}
	return into;
}

/** The problems in one workflow's text; empty when it is valid. */
export function workflowProblems(text: string): string[] {
	return describe(validateWorkflow(text).errors);
}

/** Every `.yml`/`.yaml` file in `dir` with its problems. Throws when there is none to check. */
export function lintWorkflowDir(dir: string): Array<{ file: string; problems: string[] }> {
	const files = fs
		.readdirSync(dir)
		.filter((name) => /\.ya?ml$/.test(name))
		.sort();
	if (files.length === 0) throw new Error(`no workflow files in ${dir}`);
	return files.map((file) => ({
		file,
		problems: workflowProblems(fs.readFileSync(path.join(dir, file), 'utf8')),
	}));
}
