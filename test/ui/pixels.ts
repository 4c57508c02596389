/**
 * Pixel comparisons of PNG screenshots, decoded and counted by Chromium itself on a blank page
 * (the suite needs no image library). The suite's TypeScript has no DOM types, hence the script
 * text.
 */
import type { BrowserContext } from 'playwright-core';

/** A rectangle in a picture's own pixels (top-left origin). */
export interface Box {
	x: number;
	y: number;
	width: number;
	height: number;
}

export interface PixelDifference {
	/** Width × height of the first picture and of the second. */
	sizes: [string, string];
	/** Pixels whose colour differs by more than the threshold in some channel (0 if sizes differ). */
	differing: number;
	total: number;
	/** Of `differing`, how many fall inside each of the given boxes. */
	differingIn: number[];
}

/** A channel difference below this is anti-aliasing or colour rounding, not a change. */
const CHANNEL_THRESHOLD = 40;

/**
 * Compares two pictures pixel by pixel; `boxes` are counted separately, `ignore` not at all
 * (a value that differs from run to run, such as a port).
 */
export async function comparePngs(
	context: BrowserContext,
	first: Buffer,
	second: Buffer,
	boxes: Box[] = [],
	ignore: Box[] = [],
): Promise<PixelDifference> {
	const page = await context.newPage();
	try {
		const urls = [first, second].map((png) => `data:image/png;base64,${png.toString('base64')}`);
		return (await page.evaluate(`(async () => {
			const boxes = ${JSON.stringify(boxes)};
			const ignore = ${JSON.stringify(ignore)};
			const inside = (box, x, y) => x >= box.x && x < box.x + box.width && y >= box.y && y < box.y + box.height;
			const pixels = async (url) => {
				const image = new Image();
				image.src = url;
				await image.decode();
				const canvas = document.createElement('canvas');
				canvas.width = image.naturalWidth;
				canvas.height = image.naturalHeight;
				const context = canvas.getContext('2d');
				context.drawImage(image, 0, 0);
				return { width: canvas.width, height: canvas.height, data: context.getImageData(0, 0, canvas.width, canvas.height).data };
			};
			const [a, b] = [await pixels(${JSON.stringify(urls[0])}), await pixels(${JSON.stringify(urls[1])})];
			const sizes = [a.width + 'x' + a.height, b.width + 'x' + b.height];
			const result = { sizes, differing: 0, total: a.width * a.height, differingIn: boxes.map(() => 0) };
			if (sizes[0] !== sizes[1]) return result;
			for (let y = 0; y < a.height; y++) {
				for (let x = 0; x < a.width; x++) {
					const at = (y * a.width + x) * 4;
					let most = 0;
					for (let channel = 0; channel < 3; channel++)
						most = Math.max(most, Math.abs(a.data[at + channel] - b.data[at + channel]));
					if (most <= ${CHANNEL_THRESHOLD} || ignore.some((box) => inside(box, x, y))) continue;
					result.differing++;
					boxes.forEach((box, index) => {
						if (inside(box, x, y)) result.differingIn[index]++;
					});
				}
			}
			return result;
		})()`)) as PixelDifference;
	} finally {
		await page.close();
	}
}
