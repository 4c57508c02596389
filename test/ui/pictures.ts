/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test tooling, never part of the package: it reads and writes the README's pictures */
/**
 * The README's pictures (docs/images), taken by the browser suite at the steps they show.
 * `npm run test:ui` compares each with the committed file and `npm run docs:screenshots` writes
 * them; both refuse a picture in which n8n marks a node with a warning (an issue, a changed
 * parameter, a node that is not installed). What was wrong is collected, and the suite's last
 * picture step fails on it, so a stale picture does not hide the checks that follow it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { BrowserContext, Locator } from 'playwright-core';

import { dismissToasts, warningMarks } from './editor';
import { README } from './expected';
import type { Box } from './pixels';
import { comparePngs } from './pixels';

export const PICTURES_FOLDER = join(__dirname, '..', '..', 'docs', 'images');

/**
 * The share of pixels that may differ from the committed picture, what changes from run to run
 * left out (the emulator's port in the credential's Endpoint): a changed word is about 0.05 %.
 */
const TOLERANCE = 0.0002;

/** The pictures the README shows, by name (docs/images/<name>.png). */
export function readmePictures(): string[] {
	return [...README.matchAll(/\(docs\/images\/([\w-]+)\.png\)/g)].map((match) => match[1]);
}

export class Pictures {
	readonly problems: string[] = [];
	readonly taken = new Set<string>();

	/** `writeTo`: the folder to write the pictures to (docs:screenshots); unset, they are compared. */
	constructor(
		private readonly context: BrowserContext,
		private readonly writeTo: string | undefined,
		private readonly log: (line: string) => void,
	) {}

	/** `ignore`: parts of `target` that differ from run to run (not compared). */
	async take(name: string, target: Locator, ignore: Locator[] = []): Promise<void> {
		this.taken.add(name);
		// Toasts come and go with timing; a picture shows the state, not the last notification.
		await dismissToasts(target.page());
		const marked = await warningMarks(target);
		if (marked.length > 0)
			this.problems.push(`${name}: n8n marks a node with a warning: ${marked.join(', ')}`);
		const png = await target.screenshot({ animations: 'disabled' });
		if (this.writeTo) {
			mkdirSync(this.writeTo, { recursive: true });
			writeFileSync(join(this.writeTo, `${name}.png`), png);
			this.log(`wrote ${join(this.writeTo, `${name}.png`)}`);
			return;
		}
		const committed = join(PICTURES_FOLDER, `${name}.png`);
		if (!existsSync(committed)) {
			this.problems.push(`${name}: docs/images/${name}.png is missing`);
			return;
		}
		const origin = await target.boundingBox();
		const skipped: Box[] = [];
		for (const part of ignore) {
			const box = await part.boundingBox();
			if (origin && box) skipped.push({ ...box, x: box.x - origin.x, y: box.y - origin.y });
		}
		const difference = await comparePngs(this.context, readFileSync(committed), png, [], skipped);
		const share = difference.differing / difference.total;
		const stale =
			difference.sizes[0] !== difference.sizes[1]
				? `size ${difference.sizes[0]} committed, ${difference.sizes[1]} now`
				: share > TOLERANCE
					? `${(share * 100).toFixed(2)} % of the pixels differ`
					: undefined;
		if (stale) {
			const fresh = join(tmpdir(), `milvus-alias-ui-${name}-${Date.now()}.png`);
			writeFileSync(fresh, png);
			this.problems.push(`${name}: docs/images/${name}.png is stale (${stale}; now: ${fresh})`);
		} else this.log(`${name}: matches docs/images/${name}.png (${(share * 100).toFixed(3)} %)`);
	}
}
