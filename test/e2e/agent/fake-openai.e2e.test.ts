/**
 * The scripted fake model on its own (no n8n): it answers turn by turn, in JSON or as a stream,
 * and refuses loudly what the script does not allow, so an agent test cannot pass by accident.
 */
import type { FakeOpenAi } from './fake-openai';
import { startFakeOpenAi, toolResults } from './fake-openai';

let fake: FakeOpenAi;

beforeAll(async () => {
	fake = await startFakeOpenAi();
});

afterAll(async () => {
	await fake.close();
});

const getAliasTool = {
	type: 'function',
	function: { name: 'Get_Alias', description: 'Get an alias', parameters: { type: 'object' } },
};

async function chat(body: object) {
	const response = await fetch(`${fake.url}/chat/completions`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	return { status: response.status, text: await response.text() };
}

test('calls the scripted tool, then answers from the tool results it received', async () => {
	fake.play([
		{ toolCalls: [{ tool: 'Get_Alias', args: { aliasName: 'products' } }] },
		{ answer: (request) => `saw ${toolResults(request)[0].content}` },
	]);
	const first = await chat({ messages: [{ role: 'user', content: 'hi' }], tools: [getAliasTool] });
	expect(first.status).toBe(200);
	const [call] = JSON.parse(first.text).choices[0].message.tool_calls;
	expect(call.function).toEqual({ name: 'Get_Alias', arguments: '{"aliasName":"products"}' });

	const second = await chat({
		messages: [
			{ role: 'assistant', content: null, tool_calls: [{ id: call.id, function: call.function }] },
			{ role: 'tool', tool_call_id: call.id, content: '[{"collectionName":"products_v1"}]' },
		],
		tools: [getAliasTool],
	});
	expect(JSON.parse(second.text).choices[0].message.content).toBe(
		'saw [{"collectionName":"products_v1"}]',
	);
	expect(fake.failures).toEqual([]);
});

test('streams the same answer when the client asks for a stream', async () => {
	fake.play([{ toolCalls: [{ tool: 'Get_Alias', args: { aliasName: 'products' } }] }]);
	const streamed = await chat({ stream: true, messages: [], tools: [getAliasTool] });
	expect(streamed.text).toContain('"name":"Get_Alias"');
	expect(streamed.text.trim().endsWith('data: [DONE]')).toBe(true);
});

test('refuses a tool that was not offered, and a request beyond the script', async () => {
	fake.play([{ toolCalls: [{ tool: 'Delete_Alias', args: { aliasName: 'products' } }] }]);
	const refused = await chat({ messages: [], tools: [getAliasTool] });
	expect(refused.status).toBe(400);
	expect(fake.failures).toEqual([
		'fake model: turn 1 calls Delete_Alias, not offered (offered: Get_Alias)',
	]);

	const beyond = await chat({ messages: [], tools: [getAliasTool] });
	expect(beyond.status).toBe(400);
	expect(fake.failures[1]).toBe('fake model: request 2 arrived, the script has 1 turns');
});

test('computes a turn from the request, and refuses what OpenAI refuses or what cannot be computed', async () => {
	fake.play([
		{ toolCalls: (request) => [{ tool: request.tools?.[0].function.name ?? '', args: {} }] },
		// Taken by the request with a name OpenAI refuses: it is refused before its turn is played.
		{ answer: () => 'not reached' },
		{
			toolCalls: () => {
				throw new Error('no tool fits');
			},
		},
	]);
	const computed = await chat({ messages: [], tools: [getAliasTool] });
	expect(JSON.parse(computed.text).choices[0].message.tool_calls[0].function.name).toBe(
		'Get_Alias',
	);
	const longName = 'Create_or_update_an_alias_to_point_at_a_collection_in_Milvus_Alias';
	const tooLong = { type: 'function', function: { ...getAliasTool.function, name: longName } };
	expect((await chat({ messages: [], tools: [tooLong] })).status).toBe(400);
	expect((await chat({ messages: [], tools: [getAliasTool] })).status).toBe(400);
	expect(fake.failures).toEqual([
		`fake model: tool names OpenAI refuses: ${longName}`,
		'fake model: turn 3: no tool fits',
	]);
});
