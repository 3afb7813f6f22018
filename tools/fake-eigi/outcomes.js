// @ts-check
'use strict';
// What an ended call looks like: a short made-up transcript built from the call's metadata,
// a duration, a recording on the fake host and an analysis. Deterministic for a given call, so
// tests can assert on it.

/** @typedef {'COMPLETED' | 'FAILED' | 'DISCONNECTED'} EndStatus */
/** An ending: an end status, or a call nobody answered (DISCONNECTED, as eigi reports it). */
/** @typedef {EndStatus | 'UNANSWERED'} Ending */
/** @typedef {{ role: 'assistant' | 'user', content: string, timestamp: string }} TranscriptLine */

/** @param {unknown} value */
function text(value) {
	return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
}

/**
 * The lines of the conversation, from the agent's point of view.
 * @param {Record<string, unknown>} variables the call's metadata
 * @param {string} agentName
 * @returns {Array<[TranscriptLine['role'], string]>}
 */
function script(variables, agentName) {
	const name = text(variables.customer_name) || text(variables.name);
	const greeting = name ? `Hi ${name}` : 'Hi there';
	const invoice = text(variables.invoice_number);
	// A test picks what the customer answers with the call's metadata `fake_customer_reply`.
	const reply = text(variables.fake_customer_reply);
	if (reply === 'optOut')
		return [
			['assistant', `${greeting}, this is the ${agentName} assistant. Do you have a minute?`],
			['user', 'Please stop calling me. Take me off your list.'],
			['assistant', 'Understood, I am sorry for the trouble. We will not call you again. Goodbye.'],
		];
	if (reply === 'unclearOptOut')
		// The agent offers to stop calling; the customer neither asks for it nor declines.
		return [
			['assistant', `${greeting}, this is the ${agentName} assistant. Do you have a minute?`],
			['user', 'Honestly, I am tired of these calls.'],
			['assistant', 'I understand. Would you like us to stop calling you?'],
			['user', 'Let me think about it.'],
			['assistant', 'Of course. Have a good day!'],
		];
	if (invoice) {
		const amount = text(variables.amount_due);
		return [
			[
				'assistant',
				`${greeting}, this is the ${agentName} assistant. I am calling about invoice ${invoice}${amount ? ` for ${amount}` : ''}.`,
			],
			['user', 'Oh yes, I forgot about that one.'],
			['assistant', 'No problem. When do you think you can pay it?'],
			['user', 'I will pay it by Friday.'],
			['assistant', `Thank you${name ? `, ${name}` : ''}. I have noted Friday. Have a good day!`],
		];
	}
	const order = text(variables.order_number);
	if (order) {
		// A satisfaction survey (the survey example sends the order number): a score from 1 to 5 and a comment.
		return [
			[
				'assistant',
				`${greeting}, this is the ${agentName} assistant. How satisfied were you with order ${order}, from 1 to 5?`,
			],
			['user', 'I would say 4.'],
			['assistant', 'Thank you! Is there anything we could do better?'],
			['user', 'Delivery could be a bit faster.'],
			['assistant', `Noted${name ? `, ${name}` : ''}. Thank you for your time!`],
		];
	}
	const company = text(variables.company);
	return [
		['assistant', `${greeting}, this is the ${agentName} assistant. Do you have a minute?`],
		['user', 'Yes, go ahead.'],
		[
			'assistant',
			`Great. ${company ? `Is ${company} looking` : 'Are you looking'} for help with customer calls this quarter?`,
		],
		['user', 'Yes, we are. Send me some details please.'],
		[
			'assistant',
			`I will send them today. Thank you${name ? `, ${name}` : ''}, and have a good day!`,
		],
	];
}

/** @param {string} value a small stable number from a string, so durations vary per call */
function spread(value) {
	let hash = 0;
	for (const char of value) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
	return hash % 30;
}

/**
 * Turns an IN_PROGRESS conversation into an ended one, in place.
 * @param {Record<string, any>} conversation
 * @param {Ending} ending
 * @param {{ agentName: string, baseUrl: string, now: Date }} context
 */
function endConversation(conversation, ending, { agentName, baseUrl, now }) {
	const status = ending === 'UNANSWERED' ? 'DISCONNECTED' : ending;
	const metadata = (conversation.conversation_metadata ??= {});
	const variables =
		metadata.dynamic_variables && typeof metadata.dynamic_variables === 'object'
			? metadata.dynamic_variables
			: {};
	const started = Date.parse(conversation.created_at) || now.getTime();
	const name = text(variables.customer_name) || 'The customer';
	const id = String(conversation.conversation_id);
	if (status === 'FAILED' || ending === 'UNANSWERED') {
		conversation.conversation_transcript = [];
		metadata.conversation_duration = 0;
		metadata.conversation_recording_url = null;
		conversation.conversation_analysis = {
			summary: 'The call was not answered.',
			call_successful: false,
			sentiment: null,
		};
	} else {
		const lines = script(variables, agentName);
		const spoken = status === 'DISCONNECTED' ? lines.slice(0, 2) : lines;
		conversation.conversation_transcript = spoken.map(([role, content], index) => ({
			role,
			content,
			timestamp: new Date(started + 2000 + index * 6000).toISOString(),
		}));
		metadata.conversation_duration = spoken.length * 6 + 4 + spread(id);
		metadata.conversation_recording_url = `${baseUrl}/recordings/${encodeURIComponent(id)}.mp3`;
		conversation.conversation_analysis =
			text(variables.fake_customer_reply) === 'optOut'
				? {
						summary: `${name} asked not to be called again${status === 'DISCONNECTED' ? ' and hung up' : ''}.`,
						call_successful: false,
						sentiment: 'negative',
					}
				: status === 'DISCONNECTED'
					? {
							summary: `${name} hung up at the start of the call.`,
							call_successful: false,
							sentiment: 'neutral',
						}
					: {
							summary: text(variables.invoice_number)
								? `${name} was reminded of invoice ${text(variables.invoice_number)} and promised to pay by Friday.`
								: `${name} is interested and asked for details by email.`,
							call_successful: true,
							sentiment: 'positive',
						};
	}
	conversation.conversation_status = status;
	conversation.updated_at = now.toISOString();
}

/** @param {Ending | string} status */
function eventFor(status) {
	return status === 'FAILED'
		? 'conversation.failed'
		: status === 'DISCONNECTED' || status === 'UNANSWERED'
			? 'conversation.disconnected'
			: 'conversation.completed';
}

module.exports = { endConversation, eventFor };
