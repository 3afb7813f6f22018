import type { IncomingDelivery } from './delivery';

/**
 * What this node uses of the request n8n's webhook server hands over (an Express request),
 * typed here because community nodes may not import `http`. Every supported n8n (2.0 and later)
 * has parsed the body before the node runs, a multipart form included (`{ data, files }`).
 */
export interface WebhookRequest {
	headers: Record<string, string | string[] | undefined>;
	body?: unknown;
	query?: unknown;
}

/** What this node uses of the response: Node's plain API, present on every n8n version. */
export interface WebhookResponse {
	writeHead(statusCode: number, headers: Record<string, string>): unknown;
	end(body: string): unknown;
}

function contentTypeOf(req: WebhookRequest): string | undefined {
	const value = req.headers['content-type'];
	return Array.isArray(value) ? value[0] : value;
}

/** Everything the delivery reader needs from the request. */
export function incomingDelivery(req: WebhookRequest): IncomingDelivery {
	return { contentType: contentTypeOf(req), body: req.body, query: req.query };
}

/** Answers the request directly, so the status code is the node's own. */
export function respondJson(res: WebhookResponse, statusCode: number, body: object): void {
	res.writeHead(statusCode, { 'Content-Type': 'application/json; charset=utf-8' });
	res.end(JSON.stringify(body));
}
