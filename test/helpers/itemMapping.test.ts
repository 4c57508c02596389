/**
 * compileItemMapping on its own: which saved parameter values it takes for plain mappings of
 * the item, what `resolve` gives for an item's json, and every shape it must leave to n8n
 * (does not compile). That the results equal n8n's own evaluation is checked through n8n's
 * engine in test/actions/parameterReader.test.ts.
 */
import { compileItemMapping } from '../../nodes/MilvusAlias/helpers/itemMapping';

/** The mapping of `saved`, failing the test when it does not compile. */
function mappingOf(saved: string) {
	const mapping = compileItemMapping(saved);
	if (!mapping) throw new Error(`${JSON.stringify(saved)} did not compile`);
	return mapping;
}

describe('accepted shapes: the texts and string fields joined', () => {
	const item = {
		collection: 'books_v1',
		alias: 'books',
		version: 'v2',
		x: 'one',
		y: 'two',
		meta: { name: 'nested', target: { collection: 'deep' } },
		_a1: { b_2: 'odd_names' },
		empty: '',
		spaced: '  padded  ',
		unicode: 'Zürich 東京',
	};

	test.each<[string, string, string]>([
		['a single field', '={{ $json.collection }}', 'books_v1'],
		['a nested path', '={{ $json.meta.name }}', 'nested'],
		['a deeper path', '={{ $json.meta.target.collection }}', 'deep'],
		['identifiers with _ and digits', '={{ $json._a1.b_2 }}', 'odd_names'],
		['"lit" + field', '={{ "m_" + $json.alias }}', 'm_books'],
		['field + "lit"', '={{ $json.alias + "_live" }}', 'books_live'],
		['\'lit\' + field + "-" + field', `={{ 'lit' + $json.x + "-" + $json.y }}`, 'litone-two'],
		['a quoted text holding the other quote', `={{ "it's " + $json.x + ' "q"' }}`, `it's one "q"`],
		['a quoted text that reads like a field', '={{ "$json.x" + $json.y }}', '$json.xtwo'],
		['an empty quoted text', '={{ "" + $json.x + \'\' }}', 'one'],
		['text before a block', '=products_{{ $json.version }}', 'products_v2'],
		['text after a block', '={{ $json.alias }}_live', 'books_live'],
		['text around a block', '=pre {{ $json.x }} post', 'pre one post'],
		['two blocks with text between', '={{ $json.x }}_{{ $json.y }}', 'one_two'],
		['two adjacent blocks', '={{ $json.x }}{{ $json.y }}', 'onetwo'],
		['blocks and text everywhere', '=a{{ $json.x }}b{{ "c" + $json.y }}d', 'aonebctwod'],
		['quotes and $ in the text outside blocks', `="a'b $ c{{ $json.x }}`, `"a'b $ cone`],
		['no spaces inside the block', '={{$json.x}}', 'one'],
		['many spaces inside the block', '={{     $json.x     }}', 'one'],
		['no spaces around +', '={{"m_"+$json.x}}', 'm_one'],
		['many spaces around +', '={{ "m_"    +    $json.x }}', 'm_one'],
		['newlines and tabs inside the block', '={{\n\t"m_" +\n\t$json.x\n}}', 'm_one'],
		['an empty field', '={{ $json.empty }}', ''],
		['an empty field in a join', '=a{{ $json.empty }}b', 'ab'],
		['a value with spaces, kept as is', '={{ $json.spaced }}', '  padded  '],
		['a value with non-ASCII text', '={{ $json.unicode }}', 'Zürich 東京'],
	])('%s: %s gives %j', (_label, saved, expected) => {
		expect(mappingOf(saved).resolve(item)).toBe(expected);
	});

	test('the mapping is compiled once and resolves each item on its own', () => {
		const mapping = mappingOf('={{ "m_" + $json.alias }}');
		expect(['a', 'b', 'c'].map((alias) => mapping.resolve({ alias }))).toEqual([
			'm_a',
			'm_b',
			'm_c',
		]);
	});

	test('an own property named like an Object method is a field like any other', () => {
		expect(mappingOf('={{ $json.toString }}').resolve({ toString: 'own' })).toBe('own');
	});

	test('a json without a prototype is read the same', () => {
		const json = Object.assign(Object.create(null) as object, { a: 'bare' });
		expect(mappingOf('={{ $json.a }}').resolve(json)).toBe('bare');
	});
});

describe('resolve gives undefined (n8n evaluates) unless every field is an own string', () => {
	test.each<[string, string, unknown]>([
		['a missing field', '={{ $json.missing }}', { other: 'x' }],
		['a missing field in a join', '={{ "m_" + $json.missing }}', {}],
		['one of two fields missing', '={{ $json.a }}_{{ $json.b }}', { a: 'x' }],
		['a number', '={{ $json.a }}', { a: 42 }],
		['a number in a join', '={{ "m_" + $json.a }}', { a: 7 }],
		['zero', '=v{{ $json.a }}', { a: 0 }],
		['a boolean', '={{ $json.a }}', { a: true }],
		['false', '={{ $json.a }}', { a: false }],
		['null', '={{ $json.a }}', { a: null }],
		['undefined held as a value', '={{ $json.a }}', { a: undefined }],
		['an object', '={{ $json.a }}', { a: { b: 'x' } }],
		['an array', '={{ $json.a }}', { a: ['x'] }],
		['an inherited method (toString)', '={{ $json.toString }}', {}],
		['an inherited method (hasOwnProperty)', '={{ $json.hasOwnProperty }}', { a: 'x' }],
		['an inherited field', '={{ $json.a }}', Object.create({ a: 'inherited' }) as object],
		['a path through a string', '={{ $json.a.length }}', { a: 'text' }],
		['a path through a string field', '={{ $json.a.b }}', { a: 'text' }],
		['a path through a number', '={{ $json.a.b }}', { a: 5 }],
		['a path through null', '={{ $json.a.b }}', { a: null }],
		['a path through a missing field', '={{ $json.a.b }}', {}],
		['an array length', '={{ $json.a.length }}', { a: ['x'] }],
		['no json', '={{ $json.a }}', undefined],
		['a null json', '={{ $json.a }}', null],
		['a string json', '={{ $json.length }}', 'text'],
	])('%s: %s', (_label, saved, json) => {
		expect(mappingOf(saved).resolve(json)).toBeUndefined();
	});
});

describe('shapes left to n8n: compileItemMapping gives undefined', () => {
	test.each<[string, unknown]>([
		['undefined', undefined],
		['null', null],
		['a number', 42],
		['a boolean', true],
		['an object', { a: '={{ $json.a }}' }],
		['an array', ['={{ $json.a }}']],
		['a resource locator', { __rl: true, mode: 'name', value: '={{ $json.a }}' }],
	])('not a string: %s', (_label, saved) => {
		expect(compileItemMapping(saved)).toBeUndefined();
	});

	test.each<[string, string]>([
		['no leading =', '{{ $json.a }}'],
		['no leading =, text', 'products_{{ $json.a }}'],
		['a leading space before =', ' ={{ $json.a }}'],
		['= alone', '='],
		['plain text, no block', '=plain text'],
		['a method call', '={{ $json.a.trim() }}'],
		['parentheses', '={{ ($json.a) }}'],
		['a computed member', '={{ $json["a"] }}'],
		['a computed member, single quotes', "={{ $json['a'] }}"],
		['no field (texts only)', '={{ "a" + "b" }}'],
		['no field (one text)', '={{ "a" }}'],
		['no field, text outside', '=x{{ "a" }}y'],
		['an escape in a quoted text', '={{ "a\\n" + $json.x }}'],
		['an escaped quote', '={{ "a\\"" + $json.x }}'],
		['a newline in a quoted text', '={{ "a\nb" + $json.x }}'],
		['a carriage return in a quoted text', '={{ "a\rb" + $json.x }}'],
		['an unclosed quote', '={{ "a + $json.x }}'],
		['a backslash in the text', '=a\\b{{ $json.x }}'],
		['an escaped block in the text', '=\\{{ $json.x }}'],
		['a { in the text', '=a{b{{ $json.x }}'],
		['a } in the text', '=a}b{{ $json.x }}'],
		['a brace in a quoted text', '={{ "{" + $json.x }}'],
		['an unclosed block', '={{ $json.a'],
		['an unclosed second block', '={{ $json.a }}{{ $json.b'],
		['a stray }', '={{ $json.a }}}'],
		['a nested block', '={{ {{ $json.a }} }}'],
		['an empty block', '={{ }}'],
		['an empty block beside a field', '={{ $json.a }}{{}}'],
		['constructor', '={{ $json.constructor }}'],
		['constructor, nested', '={{ $json.a.constructor }}'],
		['__proto__', '={{ $json.a.__proto__ }}'],
		['prototype', '={{ $json.prototype }}'],
		// n8n-workflow's isSafeObjectProperty list: n8n refuses these with its own message.
		['caller', '={{ $json.caller }}'],
		['callee, nested', '={{ $json.a.callee }}'],
		['getPrototypeOf', '={{ $json.getPrototypeOf }}'],
		// n8n's constructor test runs on the whole template.
		['constructor inside a longer name', '={{ $json.constructorName }}'],
		['.constructor in the text', '=x.constructor{{ $json.a }}'],
		['.constructor in a quoted text', '={{ "x.constructor" + $json.a }}'],
		// `$` names mean something of their own to n8n.
		['a $ field', '={{ $json.$ }}'],
		['a $-prefixed field', '={{ $json.a.$b }}'],
		['U+2028 in a quoted text', '={{ "\u2028" + $json.a }}'],
		['U+2029 in the text', '=a\u2029{{ $json.a }}'],
		['a tab in a quoted text', '={{ "a\tb" + $json.a }}'],
		['subtraction', '={{ $json.a - $json.b }}'],
		['a number term', '={{ $json.a + 1 }}'],
		['a leading +', '={{ + $json.a }}'],
		['a trailing +', '={{ $json.a + }}'],
		['two terms without +', '={{ $json.a $json.b }}'],
		['a comma', '={{ $json.a, $json.b }}'],
		['a semicolon', '={{ $json.a; }}'],
		['$input', '={{ $input.item.json.a }}'],
		['$json alone', '={{ $json }}'],
		['another variable', '={{ $node.a }}'],
		['a space after the dot', '={{ $json. a }}'],
		['a space before the dot', '={{ $json .a }}'],
		['optional chaining', '={{ $json?.a }}'],
		['nullish coalescing', '={{ $json.a ?? "x" }}'],
		['a conditional', '={{ $json.a ? $json.a : "x" }}'],
		['a template literal', '={{ `m_${$json.a}` }}'],
		['a line comment', '={{ $json.a // note\n}}'],
		['a block comment', '={{ /* note */ $json.a }}'],
		['an identifier starting with a digit', '={{ $json.1a }}'],
		['a non-ASCII identifier', '={{ $json.größe }}'],
	])('%s: %j', (_label, saved) => {
		expect(compileItemMapping(saved)).toBeUndefined();
	});
});
