/** eigi's error text from an answer body: FastAPI's `detail` (text or a list), `message`, or the raw body. */
export function describeEigiError(body: unknown): string {
	if (body === undefined || body === null || body === '') return '';
	if (typeof body === 'string') return body.slice(0, 500);
	if (typeof body !== 'object') return String(body);
	const { detail, message, error } = body as {
		detail?: unknown;
		message?: unknown;
		error?: unknown;
	};
	if (typeof detail === 'string') return detail;
	if (Array.isArray(detail)) {
		return detail
			.map((entry) => {
				if (!entry || typeof entry !== 'object') return String(entry);
				const { loc, msg } = entry as { loc?: unknown; msg?: unknown };
				const where = Array.isArray(loc) ? loc.filter((part) => part !== 'body').join('.') : '';
				return where ? `${where}: ${String(msg)}` : String(msg);
			})
			.join('; ');
	}
	if (typeof message === 'string') return message;
	if (typeof error === 'string') return error;
	return JSON.stringify(body).slice(0, 500);
}

/** A message that says what an eigi status means for the user, and what to do about it. */
export function explainStatus(
	statusCode: number,
	detail: string,
): { message: string; hint: string } {
	const said = detail ? `: ${detail}` : '';
	switch (statusCode) {
		case 400:
			return {
				message: `eigi rejected the request (400)${said}`,
				hint: 'Check the agent: eigi answers 400 when parameters are missing or the agent is not fully configured (LLM, voice, telephony).',
			};
		case 401:
			return {
				message: `eigi did not accept the API key (401)${said}`,
				hint: 'The key in the eigi.ai API credential is missing, invalid, inactive or expired. Create a new one in the eigi dashboard under Settings → API Keys.',
			};
		case 403:
			return {
				message: `eigi refused the request (403)${said}`,
				hint: 'The API key may not own this agent, or the daily outbound call quota of your plan is used up.',
			};
		case 404:
			return {
				message: `eigi could not find it (404)${said}`,
				hint: 'Check the ID: the agent or conversation does not exist in the account of this API key.',
			};
		case 422:
			return {
				message: `eigi rejected the data sent (422)${said}`,
				hint: 'A field has the wrong form; the message above names it.',
			};
		case 429:
			return {
				message: `eigi's rate limit was still exceeded after waiting${said}`,
				hint: 'Your eigi plan allows a fixed number of requests per minute, and the node waited up to 10 minutes. For bursts of one-lead runs, queue the leads and call them in bulk on a schedule (README: Bursts of single-lead runs); nobody was called for this request.',
			};
		default:
			if (statusCode >= 500) {
				return {
					message: `eigi had an internal error (${statusCode})${said}`,
					hint: 'This is on eigi’s side. Try again later.',
				};
			}
			return { message: `eigi answered with status ${statusCode}${said}`, hint: '' };
	}
}
