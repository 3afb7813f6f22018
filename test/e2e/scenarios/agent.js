'use strict';
// eigi Outbound Call as a tool of n8n's AI Agent, in a real n8n run with `n8n execute --id`:
// Manual Trigger → AI Agent (OpenAI Chat Model, its credential's Base URL pointing at the fake
// OpenAI API of lib/fakeOpenAi.js) with eigi Outbound Call attached as a tool whose phone number
// and one metadata field come from $fromAI. The fake model calls the tool with a messy national
// number, then answers with what the tool returned; the fake eigi API records what reached it.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const wf = require('../../../tools/n8n-launcher/workflows');
const { nodeOutput, assertSucceeded, runError } = require('../lib/runData');
const { agentToolErrorsGoToModel } = require('../lib/n8nVersions');

const IDS = {
	call: 'e2eAgentToolCall',
	held: 'e2eAgentToolHeld',
	dryRun: 'e2eAgentToolDryR',
	calledWithin: 'e2eAgentToolTwic',
	optedOut: 'e2eAgentToolOptO',
};

const OPENAI_CREDENTIAL = { id: 'e2eOpenAiCredent', name: 'OpenAI (fake server)' };
const AGENT_TYPE = '@n8n/n8n-nodes-langchain.agent';
const CHAT_MODEL_TYPE = '@n8n/n8n-nodes-langchain.lmChatOpenAi';
// n8n makes a tool node type `<name>Tool` of every node with usableAsTool.
const EIGI_TOOL = `${wf.EIGI_CALL}Tool`;
const TOOL_NODE = 'eigi Outbound Call';
// n8n names the tool after the node: every run of characters outside [a-zA-Z0-9_-] becomes "_".
const TOOL_NAME = 'eigi_Outbound_Call';

// What the fake model "decides": a number as a person types it, and the lead's name.
const ANSWERS = { phone_number: '(415) 555-0142', customer_name: 'Ada' };
const E164 = '+14155550142';

const PHONE_FROM_AI =
	"={{ $fromAI('phone_number', 'The phone number of the person to call, as the user gave it', 'string') }}";
const NAME_FROM_AI =
	"={{ $fromAI('customer_name', 'The first name of the person to call', 'string') }}";

const OUTBOUND = '/v1/public/calls/outbound';

/** A time zone in which it is now about `hour` o'clock (Etc/GMT-N is N hours east of UTC). */
function zoneAtHour(hour) {
	let offset = (hour - new Date().getUTCHours() + 24) % 24;
	if (offset > 14) offset -= 24;
	return offset >= 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}

function openAiCredential(openAi) {
	return {
		...OPENAI_CREDENTIAL,
		type: 'openAiApi',
		data: { apiKey: openAi.apiKey, url: openAi.baseUrl, header: false },
	};
}

/** The eigi tool with Initiate Calls; its phone number and customer_name from the model. */
function eigiTool(agentId, { callingHours = 'anyTime', options = {}, ...parameters } = {}) {
	return wf.node(
		TOOL_NODE,
		EIGI_TOOL,
		1,
		{
			...wf.initiateParameters(agentId, {
				phoneNumber: PHONE_FROM_AI,
				metadataMode: 'fields',
				metadataFields: { field: [{ name: 'customer_name', value: NAME_FROM_AI }] },
				options: { defaultCountry: 'US', ...options },
			}),
			callingHours,
			...parameters,
		},
		{ credentials: { eigiApi: wf.CREDENTIAL } },
	);
}

/**
 * Manual Trigger → AI Agent with `tool`. `agentVersion`: the AI Agent's typeVersion (3, the Tools
 * Agent that hands tool calls to n8n's engine; 2.2, the older one that runs them in LangChain).
 */
function agentWorkflow(id, name, tool, openAi, { agentVersion = 3 } = {}) {
	const trigger = wf.manualTrigger();
	const agent = wf.node('AI Agent', AGENT_TYPE, agentVersion, {
		promptType: 'define',
		text: 'A new lead, Ada, asked to be called back at (415) 555-0142. Call her now about her demo request.',
		options: { enableStreaming: false },
	});
	const model = wf.node(
		'OpenAI Chat Model',
		CHAT_MODEL_TYPE,
		1.3,
		{
			model: { __rl: true, mode: 'id', value: openAi.model },
			// The fake serves Chat Completions; the Responses API (on by default in 1.3) is not faked.
			responsesApiEnabled: false,
			options: { maxRetries: 0 },
		},
		{ credentials: { openAiApi: OPENAI_CREDENTIAL } },
	);
	const connections = {
		...wf.connect([trigger, agent]),
		[model.name]: {
			ai_languageModel: [[{ node: agent.name, type: 'ai_languageModel', index: 0 }]],
		},
		[tool.name]: { ai_tool: [[{ node: agent.name, type: 'ai_tool', index: 0 }]] },
	};
	return wf.workflow(id, name, [trigger, agent, model, tool], connections);
}

function credentials(ctx) {
	return [openAiCredential(ctx.openAi)];
}

function workflows(ctx) {
	const { agentId, openAi } = ctx;
	return [
		agentWorkflow(
			IDS.call,
			'e2e: AI Agent calls a lead with the eigi tool',
			eigiTool(agentId),
			openAi,
		),
		// 03:00 in the callee's zone when the suite imports this; the run follows within minutes, and
		// 08:00-21:00 is hours away on either side.
		agentWorkflow(
			IDS.held,
			'e2e: AI Agent, eigi tool outside Calling Hours',
			eigiTool(agentId, {
				callingHours: 'calleeDaytime',
				options: { calleeTimeZone: zoneAtHour(3) },
			}),
			openAi,
		),
		agentWorkflow(
			IDS.calledWithin,
			'e2e: AI Agent, eigi tool with Skip Numbers Called Recently',
			eigiTool(agentId, { contactPolicy: 'skipRecent', skipCalledWithinHours: 24 }),
			openAi,
		),
		agentWorkflow(
			IDS.dryRun,
			'e2e: AI Agent, eigi tool with Dry Run',
			eigiTool(agentId, { options: { dryRun: true } }),
			openAi,
		),
		// The contact's opt-out, as a workflow would map it from the row the agent works on.
		agentWorkflow(
			IDS.optedOut,
			'e2e: AI Agent, eigi tool for a person who opted out',
			eigiTool(agentId, { optedOut: '={{ "yes" }}' }),
			openAi,
		),
	];
}

async function outboundPosts(fake) {
	return (await fake.requests()).filter(
		(request) => request.method === 'POST' && request.path === OUTBOUND,
	);
}

/** The items the tool node returned to the agent (n8n logs a tool's output as ai_tool). */
function toolOutput(run) {
	const runs = run.data.resultData.runData[TOOL_NODE] ?? [];
	return runs.flatMap((entry) => (entry.data?.ai_tool?.[0] ?? []).map((item) => item.json));
}

function agentAnswer(run) {
	const [item] = nodeOutput(run, 'AI Agent');
	return String(item?.output ?? '');
}

/** What the model got: the tools offered in the first request, the tool messages of the second. */
function conversation(openAi) {
	const chats = openAi.chatRequests();
	assert.ok(chats.length >= 1, 'the Chat Model sent no request to the fake OpenAI API');
	const offered = chats[0].body.tools ?? [];
	const tool = offered.find((entry) => entry.function?.name === TOOL_NAME);
	assert.ok(
		tool,
		`the eigi tool was not offered to the model as ${TOOL_NAME}: ${JSON.stringify(offered.map((t) => t.function?.name))}`,
	);
	const toolMessages = chats.flatMap((chat) =>
		(chat.body.messages ?? []).filter((message) => message.role === 'tool'),
	);
	return { chats, tool, toolMessages };
}

/** The tool result the model received: its text and the JSON it holds (one item per call). */
function receivedResult(toolMessages) {
	assert.ok(toolMessages.length >= 1, 'the model never received the tool result');
	const text = String(toolMessages[toolMessages.length - 1].content);
	let items;
	try {
		items = JSON.parse(text);
	} catch {
		assert.fail(`the tool result the model received is not JSON: ${text.slice(0, 400)}`);
	}
	assert.ok(Array.isArray(items) && items.length === 1, `one item per call: ${text.slice(0, 400)}`);
	return { text, item: items[0] };
}

function tests(ctx) {
	const { n8n, fake, openAi, agentId } = ctx;

	/** Runs a workflow with the fake model answering `answers`; keeps what the model got on disk. */
	async function runAgent(workflowId, answers, label = workflowId, script = {}) {
		await fake.reset();
		openAi.reset({ answers, ...script });
		const result = await n8n.execute(workflowId);
		fs.writeFileSync(
			path.join(n8n.userFolder, `openai-requests-${label}.json`),
			`${JSON.stringify(openAi.requests(), null, 2)}\n`,
		);
		return result;
	}

	// The call run is shared by the tests reading it (one n8n execute instead of three).
	let callRun;
	async function runCallWorkflow() {
		if (callRun) return callRun;
		const result = await runAgent(IDS.call, ANSWERS);
		callRun = { result, requests: await fake.requests(), chat: conversation(openAi) };
		return callRun;
	}

	return [
		[
			'AI Agent tool: the model calls (415) 555-0142 with customer_name Ada; eigi gets +14155550142 with the metadata, the model gets the result, the answer quotes it',
			async () => {
				const { result, requests, chat } = await runCallWorkflow();
				assertSucceeded(result);
				const posts = requests.filter(
					(request) => request.method === 'POST' && request.path === OUTBOUND,
				);
				assert.equal(posts.length, 1, 'one request to eigi');
				assert.equal(posts[0].body.agent_id, agentId);
				assert.deepEqual(posts[0].body.params, [
					{ mobile_number: E164, metadata: { customer_name: 'Ada' } },
				]);
				assert.deepEqual(await fake.calls(), [E164]);

				// The model's own tool call carried the messy number; the node made it E.164.
				const [firstAnswer] = chat.chats.map((request) => request.answer);
				assert.deepEqual(JSON.parse(firstAnswer.tool_calls[0].function.arguments), ANSWERS);
				assert.equal(chat.chats.length, 2, 'tool call, then the final answer');
				const { item } = receivedResult(chat.toolMessages);
				assert.equal(item.status, 'initiated', JSON.stringify(item));
				assert.equal(item.callPlaced, 'yes');
				assert.equal(item.phoneNumber, E164);
				assert.equal(item.phoneNumberInput, ANSWERS.phone_number);
				assert.deepEqual(item.metadata, { customer_name: 'Ada' });
				assert.match(item.message, /./, 'a message for the model');
				assert.equal(chat.toolMessages[0].tool_call_id, firstAnswer.tool_calls[0].id);

				const [toolItem] = toolOutput(result.run);
				assert.equal(toolItem?.status, 'initiated', 'the tool node ran in n8n and returned it');
				const answer = agentAnswer(result.run);
				assert.match(answer, /initiated/, `agent output: ${answer}`);
				assert.ok(answer.includes(E164), `agent output: ${answer}`);
			},
		],
		[
			'AI Agent tool: the model is offered the tool as eigi_Outbound_Call with the $fromAI keys phone_number and customer_name, both required strings',
			async () => {
				const { chat } = await runCallWorkflow();
				const { parameters } = chat.tool.function;
				assert.equal(parameters.type, 'object');
				assert.deepEqual(Object.keys(parameters.properties).sort(), [
					'customer_name',
					'phone_number',
				]);
				for (const key of ['customer_name', 'phone_number'])
					assert.equal(parameters.properties[key].type, 'string', key);
				assert.match(parameters.properties.phone_number.description, /phone number/);
				assert.match(parameters.properties.customer_name.description, /name/);
				assert.deepEqual([...parameters.required].sort(), ['customer_name', 'phone_number']);
			},
		],
		[
			'AI Agent tool: the tool description the model is offered says that it places a real phone call',
			async () => {
				// n8n 2.40 writes it as "<action of the operation> in <defaults.name>" unless the user
				// sets the description by hand (Tool Description: Set Manually) or the node declares
				// its own toolDescription parameter.
				const { chat } = await runCallWorkflow();
				const { description } = chat.tool.function;
				assert.match(
					description,
					/real phone call|phones? a (real )?person|places? (a )?(real )?(phone )?call to a (real )?person/i,
					`the tool description the model receives does not say it places a real phone call: ${JSON.stringify(description)}`,
				);
			},
		],
		[
			'AI Agent tool: Calling Hours hold a call at 03:00 the callee\'s time: nothing reaches eigi, the model gets "held" with callableFrom',
			async () => {
				const result = await runAgent(IDS.held, ANSWERS);
				assertSucceeded(result);
				assert.equal((await outboundPosts(fake)).length, 0, 'nothing sent to eigi');
				assert.deepEqual(await fake.calls(), []);
				const { toolMessages } = conversation(openAi);
				const { item } = receivedResult(toolMessages);
				assert.equal(item.status, 'held', JSON.stringify(item));
				assert.equal(item.callPlaced, 'no');
				assert.equal(item.phoneNumber, E164);
				assert.ok(Date.parse(item.callableFrom) > Date.now(), `callableFrom: ${item.callableFrom}`);
				assert.match(item.callableFromLocal, /T08:00:00[+-]\d\d:\d\d$/);
				assert.equal(Date.parse(item.callableFromLocal), Date.parse(item.callableFrom));
				assert.match(item.message, /Not called now: it is 0[34]:\d\d/);
				const answer = agentAnswer(result.run);
				assert.match(answer, /held/, `agent output: ${answer}`);
				assert.ok(answer.includes(item.callableFrom), `agent output: ${answer}`);
			},
		],
		[
			'AI Agent tool: a person who opted out is never called: nothing reaches eigi, the model is told the person asked not to be called',
			async () => {
				const result = await runAgent(IDS.optedOut, ANSWERS);
				assertSucceeded(result);
				assert.equal((await outboundPosts(fake)).length, 0, 'nothing sent to eigi');
				const { item } = receivedResult(conversation(openAi).toolMessages);
				assert.equal(item.status, 'optedOut', JSON.stringify(item));
				assert.equal(item.callPlaced, 'no');
				assert.equal(item.phoneNumber, E164);
				assert.match(item.message, /opted out of calls.*Do not call this person/);
				assert.match(agentAnswer(result.run), /optedOut/);
			},
		],
		[
			'AI Agent tool: the model calls the same number twice in one turn; Contact Policy Skip Numbers Called Recently lets one call through, the model is told of the earlier call',
			async () => {
				const result = await runAgent(IDS.calledWithin, ANSWERS, IDS.calledWithin, {
					toolCallsPerTurn: 2,
				});
				assertSucceeded(result);
				assert.deepEqual(await fake.calls(), [E164], 'one call placed');
				const { chats, toolMessages } = conversation(openAi);
				assert.equal(chats[0].answer.tool_calls.length, 2, 'the model asked twice');
				// Each tool call is its own run of the node, with one item: Skip Repeated Numbers
				// (within one run) cannot see the other; eigi's call history can.
				assert.equal(toolMessages.length, 2, 'the model got both results');
				// The order n8n hands the two results back in differs between n8n versions.
				const items = toolMessages.map((message) => JSON.parse(message.content)[0]);
				assert.deepEqual(items.map((item) => item.status).sort(), ['initiated', 'skipped']);
				const skipped = items.find((item) => item.status === 'skipped');
				assert.match(skipped.message, /already called \+14155550142.*Skip Numbers Called Recently/);
				assert.ok(skipped.earlierCall, JSON.stringify(skipped));
				assert.match(agentAnswer(result.run), /skipped/);
			},
		],
		[
			'AI Agent tool: Dry Run sends nothing to eigi; the model gets "dryRun" and the request that would have been sent',
			async () => {
				const result = await runAgent(IDS.dryRun, ANSWERS);
				assertSucceeded(result);
				assert.equal((await outboundPosts(fake)).length, 0, 'nothing sent to eigi');
				const { toolMessages } = conversation(openAi);
				const { item } = receivedResult(toolMessages);
				assert.equal(item.status, 'dryRun', JSON.stringify(item));
				assert.equal(item.callPlaced, 'no');
				assert.match(item.message, /nothing was sent/);
				assert.deepEqual(item.request.params, [
					{ mobile_number: E164, metadata: { customer_name: 'Ada' } },
				]);
				assert.match(agentAnswer(result.run), /dryRun/);
			},
		],
		[
			'AI Agent tool: a number the model made up ("call me maybe") reaches nobody; the model is told what is wrong with it',
			async () => {
				const answers = { phone_number: 'call me maybe', customer_name: 'Ada' };
				const result = await runAgent(IDS.call, answers, 'invalid-number');
				assert.equal((await outboundPosts(fake)).length, 0, 'nothing sent to eigi');
				if (!agentToolErrorsGoToModel(n8n.runtime.n8nVersion)) {
					// n8n 2.0's AI Agent fails the run with the tool's error instead.
					const error = runError(result.run);
					assert.ok(error, 'the run fails');
					assert.match(
						error.message,
						/^Nobody was called\. Item 1 of 1: phone number "call me maybe" contains letters/,
					);
					return;
				}
				// The node throws (On Error "stop"); n8n hands a tool's error to the model as
				// [{ error: <message> }] (the error's description is dropped) and the run goes on.
				assertSucceeded(result);
				const { toolMessages } = conversation(openAi);
				const { item } = receivedResult(toolMessages);
				assert.match(String(item.error), /phone number "call me maybe" contains letters/);
				assert.match(
					String(item.error),
					/^Nobody was called\./,
					'the model learns nobody was called',
				);
				assert.match(agentAnswer(result.run), /contains letters/);
			},
		],
	];
}

module.exports = {
	IDS,
	credentials,
	workflows,
	tests,
	TOOL_NAME,
	TOOL_NODE,
	agentWorkflow,
	eigiTool,
	ANSWERS,
	E164,
	conversation,
	toolOutput,
	agentAnswer,
};
