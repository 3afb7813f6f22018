'use strict';
// A small OpenAI-compatible server for n8n's AI Agent (OpenAI Chat Model, credential Base URL
// pointed here): a scripted model that calls one tool, then answers with what the tool returned.
// Plain Node http on 127.0.0.1, a free port; records every request it receives.
//
//   POST /v1/chat/completions  no tool result in the messages yet: a tool call to the tool that
//                              `pickTool` chooses among the request's `tools`, with arguments built
//                              from that tool's parameter schema and `answers` (key → value);
//                              `toolCallsPerTurn` identical calls in one answer (as a model that
//                              repeats itself would); with tool results: a final assistant message
//                              quoting each of them.
//                              `stream: true` gets the same as server-sent events.
//   GET  /v1/models            one model, MODEL (for the credential test and the model list)
//   anything else              404 in OpenAI's error shape (the Responses API is not faked:
//                              the Chat Model's "Use Responses API" must be off)
const http = require('node:http');

const MODEL = 'gpt-fake-tools';
const API_KEY = 'sk-fake-openai-key-for-e2e';

/** The default choice: the first tool whose function name mentions eigi, else the only tool. */
function defaultPickTool(tools) {
	const named = tools.filter((tool) => /eigi/i.test(tool.function?.name ?? ''));
	if (named.length) return named[0];
	return tools.length === 1 ? tools[0] : undefined;
}

/** The messages' tool results (role "tool"), content as text. */
function toolResults(messages) {
	return (messages ?? [])
		.filter((message) => message.role === 'tool')
		.map((message) => ({
			toolCallId: message.tool_call_id,
			content:
				typeof message.content === 'string'
					? message.content
					: (message.content ?? []).map((part) => part.text ?? '').join(''),
		}));
}

/**
 * What the final answer says of one tool result: its first item's status, phone number, when it
 * may be called and message, or the raw result when it is not a JSON list of objects.
 */
function describeResult(resultText) {
	let first;
	try {
		const parsed = JSON.parse(resultText);
		first = Array.isArray(parsed) ? parsed[0] : parsed;
	} catch {
		// Not JSON: quoted as it is.
	}
	if (!first || typeof first !== 'object') return `The tool answered: ${resultText}`;
	const facts =
		first.details && typeof first.details === 'object' ? { ...first, ...first.details } : first;
	const parts = [`status "${facts.status ?? 'unknown'}"`];
	if (facts.phoneNumber) parts.push(`number ${facts.phoneNumber}`);
	if (facts.callableFrom) parts.push(`callable from ${facts.callableFrom}`);
	if (facts.error && !facts.status) parts.push(`error "${facts.error}"`);
	const message = facts.message ? ` Message: ${facts.message}` : '';
	return `The eigi tool answered with ${parts.join(', ')}.${message}`;
}

/** The final answer: every tool result of the conversation, in order. */
function finalAnswer(resultTexts) {
	return resultTexts.map(describeResult).join('\n');
}

/** Arguments for every property of the tool's schema: `answers[key]`, else a visible placeholder. */
function argumentsFor(tool, answers) {
	const properties = tool.function?.parameters?.properties ?? {};
	const args = {};
	for (const [key, schema] of Object.entries(properties)) {
		if (key in answers) args[key] = answers[key];
		else if (schema.type === 'number' || schema.type === 'integer') args[key] = 0;
		else if (schema.type === 'boolean') args[key] = false;
		else args[key] = `(no answer scripted for ${key})`;
	}
	return args;
}

function completion(message, finishReason) {
	return {
		id: `chatcmpl-fake-${Date.now()}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: MODEL,
		choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
		usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
	};
}

/** The same answer as chat.completion.chunk events (what an SDK with stream: true reads). */
function streamChunks(message, finishReason) {
	const base = {
		id: `chatcmpl-fake-${Date.now()}`,
		object: 'chat.completion.chunk',
		created: Math.floor(Date.now() / 1000),
		model: MODEL,
	};
	const chunk = (delta, finish = null, extra = {}) => ({
		...base,
		choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
		...extra,
	});
	const chunks = [chunk({ role: 'assistant', content: message.content ?? null })];
	if (message.tool_calls) {
		message.tool_calls.forEach((call, index) =>
			chunks.push(
				chunk({
					tool_calls: [{ index, id: call.id, type: 'function', function: call.function }],
				}),
			),
		);
	}
	chunks.push(chunk({}, finishReason));
	chunks.push({
		...base,
		choices: [],
		usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
	});
	return chunks;
}

function readBody(request) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		request.on('data', (chunk) => chunks.push(chunk));
		request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		request.on('error', reject);
	});
}

function sendJson(response, status, body) {
	const text = JSON.stringify(body);
	response.writeHead(status, {
		'content-type': 'application/json',
		'content-length': Buffer.byteLength(text),
	});
	response.end(text);
}

function openAiError(response, status, message, type = 'invalid_request_error') {
	sendJson(response, status, { error: { message, type, param: null, code: null } });
}

/**
 * Starts the fake. `answers`: the tool arguments by key (what the model "decides");
 * `pickTool(tools)`: which of the request's tools it calls (default: the eigi one).
 */
async function startFakeOpenAi({
	answers = {},
	pickTool = defaultPickTool,
	toolCallsPerTurn = 1,
} = {}) {
	const defaults = { answers, pickTool, toolCallsPerTurn };
	let script = { ...defaults };
	const requests = [];
	let callCounter = 0;

	async function handle(request, response) {
		const url = new URL(request.url, 'http://127.0.0.1');
		const text = await readBody(request);
		let body = null;
		try {
			body = text ? JSON.parse(text) : null;
		} catch {
			// Recorded as text below; answered with 400.
		}
		const record = {
			method: request.method,
			path: url.pathname,
			authorization: request.headers.authorization
				? request.headers.authorization.replace(API_KEY, '<fake key>')
				: null,
			body: body ?? text,
			at: new Date().toISOString(),
		};
		requests.push(record);

		if (request.method === 'GET' && url.pathname === '/v1/models') {
			return sendJson(response, 200, {
				object: 'list',
				data: [{ id: MODEL, object: 'model', created: 1700000000, owned_by: 'fake' }],
			});
		}
		if (request.method !== 'POST' || url.pathname !== '/v1/chat/completions') {
			return openAiError(
				response,
				404,
				`The fake OpenAI API serves POST /v1/chat/completions and GET /v1/models only, not ${request.method} ${url.pathname}`,
			);
		}
		if (!body || typeof body !== 'object') return openAiError(response, 400, 'Body is not JSON');

		const results = toolResults(body.messages);
		let message;
		let finishReason;
		if (results.length) {
			message = {
				role: 'assistant',
				content: finalAnswer(results.map((result) => result.content)),
				refusal: null,
			};
			finishReason = 'stop';
		} else {
			const tools = Array.isArray(body.tools) ? body.tools : [];
			const tool = script.pickTool(tools);
			if (!tool) {
				message = {
					role: 'assistant',
					content: `No tool to call: the request offered ${tools.map((t) => t.function?.name).join(', ') || 'no tools'}.`,
					refusal: null,
				};
				finishReason = 'stop';
			} else {
				const args = JSON.stringify(argumentsFor(tool, script.answers));
				message = {
					role: 'assistant',
					content: null,
					refusal: null,
					tool_calls: Array.from({ length: script.toolCallsPerTurn }, () => {
						callCounter += 1;
						return {
							id: `call_fake_${callCounter}`,
							type: 'function',
							function: { name: tool.function.name, arguments: args },
						};
					}),
				};
				finishReason = 'tool_calls';
			}
		}
		record.answer = message;

		if (body.stream) {
			response.writeHead(200, {
				'content-type': 'text/event-stream',
				'cache-control': 'no-cache',
				connection: 'keep-alive',
			});
			for (const chunk of streamChunks(message, finishReason))
				response.write(`data: ${JSON.stringify(chunk)}\n\n`);
			response.end('data: [DONE]\n\n');
			return;
		}
		sendJson(response, 200, completion(message, finishReason));
	}

	const sockets = new Set();
	const server = http.createServer((request, response) => {
		handle(request, response).catch((error) => {
			if (!response.headersSent) openAiError(response, 500, error.message, 'server_error');
			else response.destroy();
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	const { port } = server.address();

	return {
		baseUrl: `http://127.0.0.1:${port}/v1`,
		apiKey: API_KEY,
		model: MODEL,
		/** Every request received, oldest first (body parsed when JSON). */
		requests: () => requests.slice(),
		/** The chat completion requests only. */
		chatRequests: () =>
			requests.filter((r) => r.method === 'POST' && r.path === '/v1/chat/completions'),
		/** Forgets the requests; `options` replaces `answers`/`pickTool`/`toolCallsPerTurn` until the next reset. */
		reset(options = {}) {
			requests.length = 0;
			callCounter = 0;
			script = { ...defaults, ...options };
		},
		close() {
			for (const socket of sockets) socket.destroy();
			return new Promise((resolve) => server.close(() => resolve()));
		},
	};
}

module.exports = { startFakeOpenAi, finalAnswer, MODEL };
