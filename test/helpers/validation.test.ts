/** The input rules, as pure functions: what each accepts, and the message for what it rejects. */
import {
	InvalidInputError,
	readBoolean,
	readName,
	readOptionalName,
	readText,
	readWholeNumber,
} from '../../nodes/MilvusAlias/helpers/validation';

const rejects = (read: () => unknown, message: RegExp) => {
	expect(read).toThrow(InvalidInputError);
	expect(read).toThrow(message);
};

describe('readBoolean', () => {
	test.each([
		[true, true],
		[false, false],
		['true', true],
		[' FALSE ', false],
	])('%p reads as %p', (value, expected) => {
		expect(readBoolean('Return All', value)).toBe(expected);
	});

	test.each([
		['yes', /but got the text "yes"/],
		[1, /but got number 1/],
		['', /but got nothing \(empty\)/],
		[undefined, /but got nothing \(empty\)/],
		[{}, /but got an object/],
	])('%p is rejected', (value, got) => {
		rejects(() => readBoolean('Return All', value), /^Return All must be true or false, /);
		rejects(() => readBoolean('Return All', value), got);
	});
});

describe('readWholeNumber', () => {
	test.each([
		[5, 5],
		['5', 5],
		[' 12 ', 12],
		['3.0', 3],
		[0, 0],
	])('%p reads as %p', (value, expected) => {
		expect(readWholeNumber('Limit', value, { min: 0 })).toBe(expected);
	});

	test.each([
		['2.5', /but got the text "2\.5"/],
		[2.5, /but got number 2\.5/],
		['five', /but got the text "five"/],
		['0x10', /but got the text "0x10"/],
		['', /but got nothing \(empty\)/],
		[null, /but got nothing \(empty\)/],
		[Number.NaN, /but got number NaN/],
		[true, /but got boolean true/],
	])('%p is rejected', (value, got) => {
		rejects(
			() => readWholeNumber('Limit', value, { min: 1 }),
			/^Limit must be a whole number at least 1, /,
		);
		rejects(() => readWholeNumber('Limit', value, { min: 1 }), got);
	});

	test('the range is enforced and stated', () => {
		rejects(
			() => readWholeNumber('Concurrency', '101', { min: 1, max: 100 }),
			/^Concurrency must be a whole number from 1 to 100, but got 101$/,
		);
		rejects(
			() => readWholeNumber('Limit', 0, { min: 1 }),
			/^Limit must be a whole number at least 1, but got 0$/,
		);
	});
});

describe('names', () => {
	test("text is trimmed; a name must follow Milvus's rule", () => {
		expect(readName('Alias Name', '  books_v2 ')).toBe('books_v2');
		rejects(
			() => readName('Alias Name', 'books-v2'),
			/^Alias Name "books-v2" is not a valid Milvus name/,
		);
		rejects(() => readName('Alias Name', ''), /^Alias Name is empty/);
	});

	test('only text is a name: booleans, numbers and arrays are rejected, not converted', () => {
		rejects(() => readText('Alias Name', true), /^Alias Name must be text, but got boolean true$/);
		rejects(() => readText('Alias Name', ['books']), /^Alias Name must be text, but got an array$/);
		rejects(() => readText('Alias Name', 7), /^Alias Name must be text, but got number 7$/);
	});

	test('an optional name may be empty', () => {
		expect(readOptionalName('Database Name', '')).toBe('');
		expect(readOptionalName('Database Name', '  ')).toBe('');
		expect(readOptionalName('Database Name', ' library ')).toBe('library');
	});

	// An expression that gives nothing is a mistake, not "empty": an empty Database Name is the
	// default database and an empty filter lists every alias.
	test.each([
		[undefined, 'undefined'],
		[null, 'null'],
	])('an expression that gave %p is refused for optional and required names', (value, shown) => {
		const gaveNothing = new RegExp(
			`^Database Name is an expression that gave nothing \\(${shown}\\) for this item: check the field it reads`,
		);
		rejects(() => readOptionalName('Database Name', value), gaveNothing);
		rejects(() => readName('Database Name', value), gaveNothing);
		rejects(() => readText('Database Name', value), gaveNothing);
	});

	test('a huge value is shortened in the message', () => {
		const message = (() => {
			try {
				readName('Alias Name', `-${'x'.repeat(10_000)}`);
			} catch (error) {
				return (error as Error).message;
			}
			return '';
		})();
		expect(message.length).toBeLessThan(300);
	});
});
