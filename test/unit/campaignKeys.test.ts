import { readCampaignKeys } from '../../nodes/Eigi/helpers/campaignKeys';
import { checkFilters, readFilters } from '../../nodes/Eigi/trigger/filters';

// The Reference and attempt the call node sends in metadata, read back from a conversation in any
// place eigi may show the call's metadata (only conversation_metadata.dynamic_variables is seen in
// eigi's conversation record; the webhook payload is not documented).
describe('Reference and attempt read back from a conversation', () => {
	it('reads them from conversation_metadata.dynamic_variables, as eigi shows metadata on a conversation', () => {
		expect(
			readCampaignKeys({
				conversation_metadata: {
					dynamic_variables: { customer_name: 'Ann', n8n_reference: 'INV-1042', n8n_attempt: 2 },
				},
			}),
		).toEqual({ metadataShown: true, reference: 'INV-1042', attempt: 2 });
	});

	it('also finds them in a top-level metadata or dynamic_variables object, and a numeric reference as text', () => {
		expect(readCampaignKeys({ metadata: { n8n_reference: 1042, n8n_attempt: '3' } })).toEqual({
			metadataShown: true,
			reference: '1042',
			attempt: 3,
		});
		expect(readCampaignKeys({ dynamic_variables: { n8n_reference: 'lead-7' } }).reference).toBe(
			'lead-7',
		);
	});

	it('says when the conversation shows no metadata at all, so the trigger knows a fetch may find it', () => {
		expect(readCampaignKeys({ conversation_id: 'c1', conversation_status: 'COMPLETED' })).toEqual({
			metadataShown: false,
			reference: null,
			attempt: null,
		});
		expect(readCampaignKeys({ conversation_metadata: { dynamic_variables: {} } })).toEqual({
			metadataShown: true,
			reference: null,
			attempt: null,
		});
	});

	it('ignores an attempt that is not a whole number from 1', () => {
		for (const attempt of [0, -1, 1.5, 'second', null])
			expect(readCampaignKeys({ metadata: { n8n_attempt: attempt } }).attempt).toBeNull();
	});
});

describe('eigi Trigger filters', () => {
	const REMINDER = '68ea2517dbb84c09bae1ba0b';
	const conversation = {
		agent_id: REMINDER,
		conversation_type: 'TELEPHONY',
		conversation_metadata: { calling_type: 'OUTBOUND' },
	};
	const filters = (agentIds: string[], direction = 'OUTBOUND', conversationTypes = ['TELEPHONY']) =>
		readFilters({ agentIds, direction, conversationTypes });

	it('passes a call of a chosen agent, direction and type; every agent when none is chosen', () => {
		expect(checkFilters(filters([REMINDER]), conversation)).toEqual({ verdict: 'pass' });
		expect(checkFilters(filters([]), conversation)).toEqual({ verdict: 'pass' });
	});

	it('drops another agent, the other direction, or another conversation type, saying which', () => {
		expect(checkFilters(filters(['other']), conversation)).toEqual({
			verdict: 'drop',
			reason: expect.stringContaining(`agent ${REMINDER}`),
		});
		expect(checkFilters(filters([], 'INBOUND'), conversation)).toEqual({
			verdict: 'drop',
			reason: expect.stringContaining('outbound call'),
		});
		expect(checkFilters(filters([], 'OUTBOUND', ['DAILY']), conversation)).toEqual({
			verdict: 'drop',
			reason: expect.stringContaining('TELEPHONY'),
		});
	});

	it('names the fields it could not check instead of guessing; Any and no types need none', () => {
		expect(checkFilters(filters([REMINDER]), { conversation_id: 'c1' })).toEqual({
			verdict: 'unknown',
			missing: ['agent_id', 'conversation_metadata.calling_type', 'conversation_type'],
		});
		expect(checkFilters(filters([], 'ANY', []), { conversation_id: 'c1' })).toEqual({
			verdict: 'pass',
		});
	});

	it('drops on a field it has even when another is missing', () => {
		expect(checkFilters(filters(['other']), { agent_id: REMINDER })).toMatchObject({
			verdict: 'drop',
		});
	});

	it('reads agent IDs given by an expression as a comma-separated text', () => {
		expect(readFilters({ agentIds: 'a1, a2', direction: 'any', conversationTypes: [] })).toEqual({
			agentIds: ['a1', 'a2'],
			direction: 'ANY',
			conversationTypes: [],
		});
	});
});
