/**
 * What a request that got no HTTP answer means for the person being called:
 * - notSent: the connection was never made (refused, no such host), so eigi cannot have received it;
 * - maybeSent: it may have reached eigi before failing (reset, timeout), so the calls may have been placed;
 * - cancelled: the execution was stopped by the user.
 */
export interface TransportFailure {
	kind: 'notSent' | 'maybeSent' | 'cancelled';
	code?: string;
	message: string;
	/** What to do about it, when the usual advice (check the Base URL) does not apply. */
	hint?: string;
}

const NOT_SENT_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ENETDOWN',
	'ERR_INVALID_URL',
	'CERT_HAS_EXPIRED',
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'SELF_SIGNED_CERT_IN_CHAIN',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const CANCELLED_CODES = new Set(['ERR_CANCELED', 'ABORT_ERR']);

const DESCRIPTIONS: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused (is the Base URL right, is the host up?)',
	ENOTFOUND: 'the host name does not exist (check the Base URL)',
	EAI_AGAIN: 'the host name could not be looked up right now (DNS)',
	EHOSTUNREACH: 'the host cannot be reached from this n8n',
	ENETUNREACH: 'the network is unreachable from this n8n',
	ECONNRESET: 'the connection was cut before eigi answered',
	ECONNABORTED: 'eigi did not answer in time',
	ETIMEDOUT: 'eigi did not answer in time',
	EPIPE: 'the connection was cut while sending',
};

/** Walks an error and its causes (n8n wraps the HTTP client's error) for a system error code. */
function findCode(error: unknown): string | undefined {
	const seen = new Set<unknown>();
	let current = error;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		const { code } = current as { code?: unknown };
		if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

export function classifyTransportError(error: unknown): TransportFailure {
	const code = findCode(error);
	if ((code && CANCELLED_CODES.has(code)) || /cancell?ed|aborted by user/i.test(messageOf(error))) {
		return { kind: 'cancelled', code, message: 'the execution was cancelled' };
	}
	const message = (code && DESCRIPTIONS[code]) ?? 'the request failed without an answer from eigi';
	if (code && NOT_SENT_CODES.has(code)) return { kind: 'notSent', code, message };
	// Anything else (reset, timeout, unknown) may have happened after eigi read the request.
	return { kind: 'maybeSent', code, message };
}
