'use strict';
// The package in n8n's editor, as a user sees it in a browser (Chromium, see lib/browser.js):
// the nodes panel shows one eigi app with its actions and triggers, the Initiate Calls panel opens
// without an error and reads right, and the agent list comes from eigi with outbound agents only.
// Screenshots of every step go to <n8n user folder>/editor-screenshots (kept when a test fails).
const assert = require('node:assert/strict');
const path = require('node:path');

const { detail } = require('../../../tools/n8n-launcher/log');
const { EditorSession } = require('../lib/browser');
const { loadExamples, withAgent, atAnyHour } = require('../../../tools/n8n-launcher/examples');
const { AGENT } = require('../../../tools/fake-eigi/client');
const proc = require('../../../tools/n8n-launcher/proc');
const { waitFor } = require('../../../tools/n8n-launcher/wait');
const { defaultAgents } = require('../../../tools/fake-eigi');

// Two copies of the survey calls example: one only looked at, one the add-a-node test changes
// (the editor saves by itself).
const LOOKED_AT = 'e2eEditorSurvey1';
const ADDED_TO = 'e2eEditorAddNode';
// Both nodes with every field and option shown, for the check that no label is cut.
const EVERY_FIELD = 'e2eEditorEveryField';
const REDIAL_NODE = 'Every field (Redial Until Reached)';
const SKIP_NODE = 'Every field (Skip Numbers Called Recently)';
const TRIGGER_NODE = 'Every field (eigi Trigger)';
// The read operations, each with every option and filter.
const READ_NODES = {
	'Every field (Call Result: Get)': {
		resource: 'callResult',
		operation: 'get',
		conversationId: '={{ $json.conversationId }}',
		options: { waitForEnd: true, pollInterval: 10, maxWait: 600 },
	},
	'Every field (Call Result: Get Many)': {
		resource: 'callResult',
		operation: 'getAll',
		returnAll: false,
		limit: 50,
		filters: {
			agentId: 'an-agent-id',
			conversationType: 'TELEPHONY',
			callingType: 'OUTBOUND',
			fromDate: '2026-12-01T00:00:00',
			search: '+14155550142',
			status: 'COMPLETED',
			toDate: '2026-12-07T00:00:00',
		},
	},
	'Every field (Agent: Get Many)': {
		resource: 'agent',
		operation: 'getAll',
		returnAll: false,
		limit: 50,
		filters: { agentType: 'OUTBOUND', search: 'Lead' },
	},
};
// A parameter's label text in n8n's N8nInputLabel, and the room it has beside the label's
// Fixed/Expression switch (n8n's CSS module classes carry a hash: matched by their start).
const LABEL_TEXT = '[data-test-id=ndv] [data-test-id=input-label] label [class*="_title_"] > span';
const LABEL_AREA = '[class*="_main-content_"]';
const EXAMPLE_FILE = 'satisfaction-survey-calls.json';
const CALL_NODE = 'Survey call';

const ACTIONS = [
	'Get an agent',
	'Get many agents',
	'Initiate calls',
	'Get a call result',
	'Get many call results',
];
const TRIGGERS = [
	'On any event',
	'On call answered',
	'On call completed',
	'On call disconnected',
	'On call failed',
	'On call started',
];
const PHONE_HINT = 'Usually an expression such as {{ $json.phone }}';
const PHONE_PLACEHOLDER = 'e.g. {{ $json.phone }}';

// The agents the fake serves for the agent list: its default set (one of them inbound) and the
// suite's own agent.
const LIST_AGENTS = [AGENT, ...defaultAgents()];

/** The example as the editor tests import it: its agent the fake's agent of that name. */
function workflows() {
	const example = loadExamples().find((candidate) => candidate.file === EXAMPLE_FILE);
	if (!example) throw new Error(`examples/${EXAMPLE_FILE} is missing`);
	const byName = (name) => LIST_AGENTS.find((agent) => agent.agent_name === name)?.id;
	const copies = [
		{ id: LOOKED_AT, name: 'e2e editor: survey calls (looked at)' },
		{ id: ADDED_TO, name: 'e2e editor: survey calls (a node is added)' },
	].map(({ id, name }) => ({ ...atAnyHour(withAgent(example, byName)), id, name }));
	return [...copies, everyField(withAgent(example, byName))];
}

/**
 * The Initiate node under each Contact Policy that has settings, with every field, option and
 * Redial Option set (so each is shown), and the eigi Trigger with every field.
 */
function everyField(example) {
	const call = example.nodes.find((node) => node.name === CALL_NODE);
	const common = {
		...call.parameters,
		reference: '={{ $json.order_number }}',
		callingHours: 'custom',
		callingHoursStart: '09:00',
		callingHoursEnd: '18:00',
		callingDays: [1, 2, 3, 4, 5],
		options: {
			batchSize: 50,
			calleeTimeZone: '={{ $json.timezone }}',
			defaultCountry: 'US',
			dryRun: true,
			unknownTimeZone: 'hold',
			skipRepeatedNumbers: true,
			timeout: 60,
		},
	};
	const node = (name, parameters, position) => ({
		...call,
		id: undefined,
		name,
		parameters: { ...common, ...parameters },
		position,
	});
	const nodes = [
		node(
			REDIAL_NODE,
			{
				contactPolicy: 'redial',
				callLimits: 'regulationF',
				maxAttempts: 3,
				hoursBetweenAttempts: 2,
				reachedWhen: 'completed',
				redialOptions: {
					countCallsOf: 'agent',
					lookBackHours: 168,
					minTalkSeconds: 0,
					sendAttemptNumber: true,
				},
			},
			[0, 0],
		),
		node(
			SKIP_NODE,
			{
				contactPolicy: 'skipRecent',
				skipCalledWithinHours: 24,
				optedOut: '={{ $json.opted_out }}',
				callingHours: 'usDebtCollection',
				callLimits: 'custom',
				maxCalls: 3,
				maxCallsWindowHours: 24,
				pauseAfterConversationHours: 168,
			},
			[0, 300],
		),
		{
			name: TRIGGER_NODE,
			type: 'n8n-nodes-eigi.eigiOutboundCallTrigger',
			typeVersion: 1,
			position: [0, 600],
			webhookId: 'e2e-editor-every-field',
			credentials: call.credentials,
			parameters: {
				events: ['conversation.completed', 'conversation.failed'],
				agentIds: [],
				direction: 'OUTBOUND',
				conversationTypes: [],
				secretToken: 'a-secret',
				fetchConversation: true,
			},
		},
		...Object.entries(READ_NODES).map(([name, parameters], index) => ({
			name,
			type: call.type,
			typeVersion: call.typeVersion,
			position: [400, index * 300],
			credentials: call.credentials,
			parameters,
		})),
	].map((entry, index) => ({ ...entry, id: `e2e-every-field-${index}` }));
	return {
		...example,
		id: EVERY_FIELD,
		name: 'e2e editor: every field of both nodes',
		nodes,
		connections: {},
	};
}

// The browser session of the tests that run (started by the first one).
let started = null;

/** Closes the browser, if a test started it. */
async function close() {
	const session = await started?.catch(() => null);
	started = null;
	if (session) await session.close();
}

function tests(ctx) {
	const { n8n, fake } = ctx;

	/** One browser, logged in once, for all the editor tests (whichever of them run). */
	function session() {
		started ??= (async () => {
			const editor = new EditorSession({
				baseUrl: n8n.baseUrl,
				shotsDir: path.join(n8n.userFolder, 'editor-screenshots'),
			});
			proc.onCleanup(() => editor.close());
			await editor.start();
			await editor.login();
			return editor;
		})();
		return started;
	}

	/** A test body with the session, a screenshot when it fails, and no browser problem allowed. */
	function inEditor(slug, body) {
		return async () => {
			const editor = await session();
			const mark = editor.mark();
			try {
				await body(editor);
				await editor.assertClean(mark, slug);
			} catch (error) {
				const shot = await editor.screenshot(`FAILED-${slug}`).catch(() => null);
				if (shot) error.message += `\n(screenshot: ${shot})`;
				throw error;
			}
		};
	}

	/** The nodes panel opened from the canvas's + button, searched for `text`. */
	async function searchNodesPanel(editor, text) {
		const { page } = editor;
		await page.locator('[data-test-id=node-creator-plus-button]').click();
		await page.locator('[data-test-id=node-creator-search-bar]').fill(text);
		const panel = page.locator('[data-test-id=node-creator]');
		await panel.locator('[data-test-id=node-creator-item-name]', { hasText: /^eigi$/ }).waitFor();
		return panel;
	}

	/** The names in one section ("Actions", "Triggers") of an app's panel, opened if collapsed. */
	async function sectionItems(page, panel, section) {
		const category = panel.locator('[data-category-collapsed]', {
			has: page.locator('[data-test-id=node-creator-category-item]', {
				hasText: new RegExp(`^\\s*${section}\\b`),
			}),
		});
		await category.waitFor();
		if ((await category.getAttribute('data-category-collapsed')) === 'true')
			await category.locator('[data-test-id=node-creator-category-item]').click();
		const names = category.locator(
			'[data-keyboard-nav-type=action] [data-test-id=node-creator-item-name]',
		);
		await names.first().waitFor();
		return names.allInnerTexts();
	}

	function parameterLabel(page, label) {
		return page
			.locator('[data-test-id=ndv] [data-test-id=input-label]')
			.getByText(label, { exact: true });
	}

	/**
	 * The texts matched by `selector` that do not fit. A text is cut when it or an element inside
	 * it is wider (or taller) than its box and the box clips it (overflow or an ellipsis), or when
	 * the text itself runs past the right edge of its area (the nearest ancestor matching `area`,
	 * a label's room beside its Fixed/Expression switch, else the element's own box) or of the
	 * node's parameters panel.
	 */
	async function cutTexts(page, selector, area = null) {
		return await page.locator(selector).evaluateAll((elements, areaSelector) => {
			const clipped = (element) => {
				const style = getComputedStyle(element);
				const clips =
					style.overflow !== 'visible' ||
					style.overflowX !== 'visible' ||
					style.textOverflow === 'ellipsis' ||
					style.webkitLineClamp !== 'none';
				return (
					clips &&
					(element.scrollWidth > element.clientWidth + 1 ||
						element.scrollHeight > element.clientHeight + 1)
				);
			};
			const runsPast = (element) => {
				const range = document.createRange();
				range.selectNodeContents(element);
				const text = range.getBoundingClientRect();
				const box = (
					(areaSelector && element.closest(areaSelector)) ||
					element
				).getBoundingClientRect();
				// A label wider than its area may widen the area too: the panel's edge still cuts it.
				const panel = element.closest('[data-test-id=node-parameters]');
				const right = Math.min(box.right, panel ? panel.getBoundingClientRect().right : Infinity);
				return text.width > 0 && text.right > right + 1;
			};
			return elements
				.filter((element) => element.offsetParent !== null)
				.filter(
					(element) =>
						runsPast(element) || [element, ...element.querySelectorAll('*')].some(clipped),
				)
				.map((element) => element.innerText.trim().replace(/\s+/g, ' '));
		}, area);
	}

	/** Every label of the open node, and every option of each of its dropdowns: none is cut. */
	async function assertNothingCut(editor, nodeName) {
		const { page } = editor;
		await editor.canvasNode(nodeName).dblclick();
		const ndv = page.locator('[data-test-id=ndv]');
		await ndv.locator('[data-test-id=node-parameters]').waitFor();
		const cut = [];
		const labels = await page.locator(LABEL_TEXT).count();
		assert.ok(labels > 5, `${nodeName}: only ${labels} labels found`);
		// A label's text: the span in its title (n8n's N8nInputLabel clips it with an ellipsis when
		// the label has the Fixed/Expression switch).
		cut.push(...(await cutTexts(page, LABEL_TEXT, LABEL_AREA)));
		await editor.screenshot(`every-field-${nodeName.replace(/\W+/g, '-')}`);
		// Whole numbers show as such: "24", not "24.00" (the values of every field that holds a number).
		const numbers = (
			await ndv
				.locator('[data-test-id=node-parameters] [data-test-id^=parameter-input-] input')
				.evaluateAll((inputs) => inputs.map((input) => input.value))
		).filter((value) => /^-?\d+(\.\d+)?$/.test(value));
		if (nodeName === REDIAL_NODE || nodeName === SKIP_NODE)
			assert.ok(numbers.length >= 3, `${nodeName}: only ${numbers.length} number fields found`);
		cut.push(
			...numbers
				.filter((value) => /^-?\d+\.0+$/.test(value))
				.map((value) => `number shown with decimals: ${value}`),
		);
		const selects = ndv.locator('[data-test-id=node-parameters] .el-select');
		for (let index = 0; index < (await selects.count()); index++) {
			const select = selects.nth(index);
			if (!(await select.isVisible())) continue;
			await select.scrollIntoViewIfNeeded();
			await select.click();
			const items = page.locator('.el-select-dropdown__item').filter({ visible: true });
			await items.first().waitFor({ timeout: 5000 });
			cut.push(
				...(await cutTexts(page, '.el-select-dropdown__item')).map((text) => `option: ${text}`),
			);
			await page.keyboard.press('Escape');
			await items
				.first()
				.waitFor({ state: 'hidden', timeout: 5000 })
				.catch(() => {});
		}
		// The check itself: a label put in place of one shown must be found cut. First the label
		// that was cut in n8n 2.40's panel before 0.1.0, in its place (on the Redial node); where
		// that one fits (n8n 2.0's panel is wider) or on the other nodes, one three times as long
		// on the last label shown.
		const labelTexts = page.locator(LABEL_TEXT);
		const foundCut = async (text, fallback) => {
			const probe = await labelTexts.evaluateAll(
				(spans, { text, fallback }) => {
					let index = fallback
						? -1
						: spans.findIndex((span) =>
								span.textContent.trim().startsWith('Hours Between Attempts'),
							);
					if (index < 0) index = spans.findLastIndex((span) => span.offsetParent !== null);
					const node = [...spans[index].childNodes].find((child) => child.nodeType === 3);
					const before = node.textContent;
					node.textContent = text;
					return { index, before };
				},
				{ text, fallback },
			);
			const found = await cutTexts(page, LABEL_TEXT, LABEL_AREA);
			await labelTexts.evaluateAll((spans, { index, before }) => {
				const node = [...spans[index].childNodes].find((child) => child.nodeType === 3);
				node.textContent = before;
			}, probe);
			return found.length > 0;
		};
		const oldLabel = 'Minimum Time Between Attempts (Minutes)';
		const oldLabelCut = nodeName === REDIAL_NODE && (await foundCut(oldLabel, false));
		if (nodeName === REDIAL_NODE)
			detail(`the label "${oldLabel}" would be cut here: ${oldLabelCut}`);
		const longLabel = `${oldLabel}, `.repeat(3);
		assert.ok(
			oldLabelCut || (await foundCut(longLabel, true)),
			`${nodeName}: the check does not find the label "${longLabel}" cut`,
		);
		await ndv.locator('[data-test-id=ndv-close-button]').click();
		assert.deepEqual(cut, [], `${nodeName}: labels or options cut in the panel`);
	}

	async function addOption(page, option) {
		// n8n 2.40 opens the Options list with a button; n8n 2.0 with a select ("Add Option").
		const button = page.locator('[data-test-id=ndv] [data-test-id=collection-parameter-add]');
		if (await button.count()) await button.click();
		else await page.locator('[data-test-id=ndv]').getByPlaceholder('Add Option').last().click();
		await page
			.locator('[data-test-id=collection-parameter-option]')
			.filter({ hasText: new RegExp(`^${escapeRegExp(option)}$`), visible: true })
			.click();
		await parameterLabel(page, option).waitFor();
	}

	return [
		[
			'Editor: the owner logs in to n8n in Chromium',
			inEditor('login', async (editor) => {
				await editor.page.locator('[data-test-id=main-sidebar-settings]').waitFor();
				await editor.screenshot('logged-in');
			}),
		],
		[
			'Editor: searching "eigi" in the nodes panel shows one eigi app, with its actions and its triggers',
			inEditor('nodes-panel', async (editor) => {
				await editor.openWorkflow(LOOKED_AT, CALL_NODE);
				const panel = await searchNodesPanel(editor, 'eigi');
				await editor.screenshot('nodes-panel-search-eigi');
				const found = await panel.locator('[data-test-id=node-creator-item-name]').allInnerTexts();
				assert.deepEqual(
					found.filter((name) => /eigi/i.test(name)),
					['eigi'],
					`one entry "eigi" among the results: ${JSON.stringify(found)}`,
				);
				await panel.locator('[data-test-id=node-creator-item-name]', { hasText: /^eigi$/ }).click();
				const actions = await sectionItems(editor.page, panel, 'Actions');
				const triggers = await sectionItems(editor.page, panel, 'Triggers');
				await editor.screenshot('nodes-panel-eigi-app');
				assert.deepEqual([...actions].sort(), [...ACTIONS].sort(), 'the actions of the eigi app');
				assert.deepEqual(
					[...triggers].sort(),
					[...TRIGGERS].sort(),
					'the triggers of the eigi app',
				);
				await editor.page.keyboard.press('Escape');
			}),
		],
		[
			'Editor: "Initiate calls" from the nodes panel adds "eigi Outbound Call" with the Phone Number hint and the Default Country and Timeout (Seconds) options',
			inEditor('add-initiate-calls', async (editor) => {
				const { page } = editor;
				await editor.openWorkflow(ADDED_TO, CALL_NODE);
				const panel = await searchNodesPanel(editor, 'eigi');
				await panel.locator('[data-test-id=node-creator-item-name]', { hasText: /^eigi$/ }).click();
				await panel
					.locator('[data-keyboard-nav-type=action] [data-test-id=node-creator-item-name]', {
						hasText: /^Initiate calls$/,
					})
					.click();
				const ndv = page.locator('[data-test-id=ndv]');
				await ndv.locator('[data-test-id=node-parameters]').waitFor();
				// n8n 2.40 names the new node after the node ("eigi Outbound Call"), n8n 2.0 after the
				// action ("Initiate calls"): either is the eigi node.
				const title = ndv.locator('[data-test-id=node-title-container] [title]').first();
				await title.waitFor();
				const nodeName = await title.getAttribute('title');
				assert.ok(
					['eigi Outbound Call', 'Initiate calls'].includes(nodeName),
					`the new node is named "${nodeName}"`,
				);
				const phone = ndv.locator('[data-test-id=parameter-input-phoneNumber] input');
				assert.equal(await phone.getAttribute('placeholder'), PHONE_PLACEHOLDER);
				await ndv.getByText(PHONE_HINT, { exact: true }).waitFor();
				await editor.screenshot('initiate-calls-added');
				await addOption(page, 'Default Country');
				await addOption(page, 'Timeout (Seconds)');
				const timeout = ndv.locator('[data-test-id=parameter-input-timeout] input');
				await timeout.scrollIntoViewIfNeeded();
				assert.equal(await timeout.inputValue(), '60', 'Timeout (Seconds) starts at 60');
				await editor.screenshot('initiate-calls-options-added');
				await ndv.locator('[data-test-id=ndv-close-button]').click();
				await editor.canvasNode(nodeName).waitFor();
			}),
		],
		[
			"Editor: the example's Initiate Calls node opens without an error, issue or browser error",
			inEditor('open-example-node', async (editor) => {
				const { page } = editor;
				await editor.openWorkflow(LOOKED_AT, CALL_NODE);
				const node = editor.canvasNode(CALL_NODE);
				assert.equal(
					await node.locator('[data-test-id=node-issues]').count(),
					0,
					`"${CALL_NODE}" shows an issues marker on the canvas`,
				);
				await editor.screenshot('example-canvas');
				await node.dblclick();
				const ndv = page.locator('[data-test-id=ndv]');
				await ndv.locator('[data-test-id=node-parameters]').waitFor();
				const agent = ndv.locator(
					'[data-test-id=resource-locator-agentId] [data-test-id=rlc-input]',
				);
				await waitFor(async () => (await agent.inputValue()) === 'Lead Qualifier', {
					message: 'the Agent field to show "Lead Qualifier"',
				});
				for (const label of [
					'Agent',
					'Phone Number',
					'Telephony Provider',
					'Metadata',
					'Default Country',
				])
					await parameterLabel(page, label).waitFor();
				assert.equal(
					await ndv.locator('[data-test-id=parameter-issues]').count(),
					0,
					'a parameter of the example node shows an issue',
				);
				await ndv.locator('[data-test-id=parameter-input-defaultCountry]').scrollIntoViewIfNeeded();
				await editor.screenshot('example-initiate-calls-panel');
				await ndv.locator('[data-test-id=ndv-close-button]').click();
			}),
		],
		[
			'Editor: at 1440×900, no label, option name or option description of either node is cut (every field and option shown)',
			inEditor('nothing-cut', async (editor) => {
				await editor.openWorkflow(EVERY_FIELD, REDIAL_NODE);
				for (const nodeName of [REDIAL_NODE, SKIP_NODE, TRIGGER_NODE, ...Object.keys(READ_NODES)])
					await assertNothingCut(editor, nodeName);
			}),
		],
		[
			'Editor: the Agent list (From List) loads the outbound agents from eigi, and no inbound one',
			inEditor('agent-list', async (editor) => {
				const { page } = editor;
				await fake.reset({ agents: LIST_AGENTS });
				try {
					await editor.openWorkflow(LOOKED_AT, CALL_NODE);
					await editor.canvasNode(CALL_NODE).dblclick();
					// What n8n's server got from the node's list search, then the list the user sees.
					const loaded = page.waitForResponse((response) =>
						response.url().includes('/rest/dynamic-node-parameters/resource-locator-results'),
					);
					await page
						.locator(
							'[data-test-id=ndv] [data-test-id=resource-locator-agentId] [data-test-id=rlc-input]',
						)
						.click();
					const response = await loaded;
					assert.equal(
						response.status(),
						200,
						`the agent list request: ${await shortBody(response)}`,
					);
					const results = (await response.json()).data?.results ?? [];
					const items = page.locator('[data-test-id=rlc-item]').filter({ visible: true });
					const shown = await waitFor(
						async () => {
							const texts = (await items.allInnerTexts()).map((text) => text.trim());
							return texts.length === results.length ? texts : null;
						},
						{ message: `the list to show the ${results.length} agents n8n loaded` },
					);
					await editor.screenshot('agent-list');
					const outbound = LIST_AGENTS.filter((agent) => agent.agent_type === 'OUTBOUND');
					const agentOf = (text) => LIST_AGENTS.find((agent) => text.trim() === agent.agent_name);
					assert.deepEqual(
						shown.map((text) => agentOf(text)?.agent_name ?? `unknown: ${text}`).sort(),
						outbound.map((agent) => agent.agent_name).sort(),
						`the outbound agents, each once (shown: ${JSON.stringify(shown)})`,
					);
					const asked = (await fake.requests()).filter(
						(request) => request.method === 'GET' && request.path === '/v1/public/agents',
					);
					assert.ok(asked.length > 0, 'n8n asked the fake eigi for the agents');
					assert.deepEqual(
						asked.map((request) => [].concat(request.query?.agent_type)[0]),
						asked.map(() => 'OUTBOUND'),
						'every agent list request asks for outbound agents (agent_type=OUTBOUND)',
					);
					await page.keyboard.press('Escape');
				} finally {
					await fake.reset();
				}
			}),
		],
		[
			'Editor: "Execute workflow" in the survey calls example places the calls (its only trigger is the Manual Trigger)',
			inEditor('execute-workflow', async (editor) => {
				const { page } = editor;
				await fake.reset({ agents: LIST_AGENTS });
				try {
					await editor.openWorkflow(LOOKED_AT, CALL_NODE);
					const button = page.locator('[data-test-id=execute-workflow-button]');
					await button.click();
					const [post] = await waitFor(
						async () => {
							const posts = (await fake.requests()).filter(
								(request) =>
									request.method === 'POST' && request.path === '/v1/public/calls/outbound',
							);
							return posts.length ? posts : null;
						},
						{ timeoutMs: 60000, message: 'the calls workflow to place its calls' },
					);
					assert.deepEqual(
						post.body.params.map((param) => param.mobile_number),
						['+14155550142', '+442079460958', '+14155550199'],
					);
					await editor
						.canvasNode(CALL_NODE)
						.locator('[data-test-id=canvas-node-status-success]')
						.waitFor();
					await page
						.locator('.el-notification', { hasText: 'Workflow executed successfully' })
						.waitFor();
					await waitFor(
						async () =>
							(await button.isEnabled()) && (await button.innerText()).includes('Execute workflow'),
						{ message: 'the "Execute workflow" button to be ready again' },
					);
					await page.mouse.move(10, 450);
					await editor.screenshot('calls-executed');
				} finally {
					await fake.reset();
				}
			}),
		],
	];
}

/** An n8n error answer's message, or the start of the body. */
async function shortBody(response) {
	const text = await response.text();
	try {
		return JSON.parse(text).message ?? text.slice(0, 300);
	} catch {
		return text.slice(0, 300);
	}
}

function escapeRegExp(text) {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

module.exports = { workflows, tests, close };
