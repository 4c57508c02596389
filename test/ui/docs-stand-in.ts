/**
 * A stand-in for the project's home on GitHub, inside the browser: every request the browser
 * makes to https://github.com/ is answered here (nothing leaves the machine) and recorded, so a
 * test can follow the editor's Docs links and see which address n8n built. The repository's
 * page is the README, with an element per heading under GitHub's anchor for it; any other
 * address answers 404, as GitHub would.
 */
import type { BrowserContext } from 'playwright-core';

import { README, readmeAnchors, REPOSITORY_URL } from './expected';

export interface DocsStandIn {
	/** Every address the browser asked for, in order. */
	requested: string[];
}

export async function standInForGitHub(context: BrowserContext): Promise<DocsStandIn> {
	const requested: string[] = [];
	const title = README.match(/^# (.+)$/m)?.[1] ?? 'README';
	const page = `<!doctype html><title>${title}</title>${readmeAnchors()
		.map((anchor) => `<h2 id="${anchor}">${anchor}</h2>`)
		.join('')}`;
	await context.route(/^https:\/\/github\.com\//, async (route) => {
		const url = new URL(route.request().url());
		requested.push(url.href);
		const isRepository = `${url.origin}${url.pathname}` === REPOSITORY_URL;
		await route.fulfill({
			status: isRepository ? 200 : 404,
			contentType: 'text/html',
			body: isRepository ? page : '<!doctype html><title>Not Found</title>',
		});
	});
	return { requested };
}
