import { describeEigiError, explainStatus } from '../../nodes/Eigi/transport/errors';
import { classifyTransportError } from '../../nodes/Eigi/transport/failures';
import { normalizeBaseUrl } from '../../nodes/Eigi/transport';
import { retryAfterMs } from '../../nodes/Eigi/transport/retryAfter';

describe('retryAfterMs', () => {
	const now = Date.parse('2026-11-24T10:00:00Z');
	it.each([
		['2', 2000],
		['0', 0],
		['1.5', 1500],
		[3, 3000],
		[['4'], 4000],
		['Tue, 24 Nov 2026 10:00:05 GMT', 5000],
		['Tue, 24 Nov 2026 09:00:00 GMT', 0],
	])('reads %p as %p ms', (header, expected) => {
		expect(retryAfterMs(header, now)).toBe(expected);
	});
	it.each([undefined, '', 'soon', -1])('finds nothing usable in %p', (header) => {
		expect(retryAfterMs(header, now)).toBeUndefined();
	});
});

describe('classifyTransportError', () => {
	const wrapped = (code: string) => ({
		message: 'wrapped',
		cause: Object.assign(new Error('inner'), { code }),
	});
	it.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH'])(
		'%s proves the request never left',
		(code) => {
			expect(classifyTransportError(wrapped(code)).kind).toBe('notSent');
		},
	);
	it.each(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE'])(
		'%s may have reached eigi',
		(code) => {
			expect(classifyTransportError(wrapped(code)).kind).toBe('maybeSent');
		},
	);
	it('treats an error without a code as possibly sent', () => {
		expect(classifyTransportError(new Error('socket hang up')).kind).toBe('maybeSent');
	});
	it('recognises a cancelled execution', () => {
		expect(classifyTransportError(wrapped('ERR_CANCELED')).kind).toBe('cancelled');
	});
});

describe('eigi error text', () => {
	it('reads FastAPI details, messages and raw bodies', () => {
		expect(describeEigiError({ detail: 'Agent not found' })).toBe('Agent not found');
		expect(
			describeEigiError({
				detail: [
					{
						loc: ['body', 'params', 0, 'mobile_number'],
						msg: 'invalid number',
						type: 'value_error',
					},
				],
			}),
		).toBe('params.0.mobile_number: invalid number');
		expect(describeEigiError({ message: 'Quota exceeded' })).toBe('Quota exceeded');
		expect(describeEigiError('Bad Gateway')).toBe('Bad Gateway');
		expect(describeEigiError(undefined)).toBe('');
	});
	it('explains what each status means for the user', () => {
		expect(explainStatus(401, 'Invalid API key').message).toBe(
			'eigi did not accept the API key (401): Invalid API key',
		);
		expect(explainStatus(403, '').hint).toContain('quota');
		expect(explainStatus(503, '').message).toBe('eigi had an internal error (503)');
	});
});

describe('normalizeBaseUrl', () => {
	it.each([
		['https://api.eigi.ai', 'https://api.eigi.ai'],
		[' https://api.eigi.ai/ ', 'https://api.eigi.ai'],
		['https://prod.eigi.ai/v1', 'https://prod.eigi.ai'],
		['https://prod.eigi.ai/v1/', 'https://prod.eigi.ai'],
		['', 'https://api.eigi.ai'],
		[undefined, 'https://api.eigi.ai'],
	])('%p becomes %p', (input, expected) => {
		expect(normalizeBaseUrl(input)).toBe(expected);
	});
});
