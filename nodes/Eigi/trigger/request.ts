import type { IncomingDelivery } from './delivery';
import { multipartBoundary } from './multipart';
import { isPlainRecord } from './safeJson';

/**
 * What this node uses of the request n8n's webhook server hands over (an Express request on
 * Node's IncomingMessage), typed here because community nodes may not import `http`.
 */
export interface WebhookRequest {
	headers: Record<string, string | string[] | undefined>;
	body?: unknown;
	query?: unknown;
	rawBody?: Buffer;
	/** n8n 1.x: reads the body into `rawBody` on demand. */
	readRawBody?: () => Promise<void>;
	readableEnded?: boolean;
	readableFlowing?: boolean | null;
	on(event: 'data', listener: (chunk: Buffer) => void): unknown;
	on(event: 'end', listener: () => void): unknown;
	on(event: 'error', listener: (error: Error) => void): unknown;
}

/** What this node uses of the response: Node's plain API, present on every n8n version. */
export interface WebhookResponse {
	writeHead(statusCode: number, headers: Record<string, string>): unknown;
	end(body: string): unknown;
}

/** eigi's forms are two short text fields; a body this large is not from eigi. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

export class BodyTooLargeError extends Error {
	constructor() {
		super(`The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB`);
		this.name = 'BodyTooLargeError';
	}
}

function readStream(req: WebhookRequest): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			// Past the limit the rest is drained, not kept, so the 413 answer still reaches the sender.
			if (size > MAX_BODY_BYTES) {
				chunks.length = 0;
				reject(new BodyTooLargeError());
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

function contentTypeOf(req: WebhookRequest): string | undefined {
	const value = req.headers['content-type'];
	return Array.isArray(value) ? value[0] : value;
}

function isUnparsedForm(req: WebhookRequest): boolean {
	if (!multipartBoundary(contentTypeOf(req))) return false;
	const { body } = req;
	if (typeof body === 'string' || Buffer.isBuffer(body)) return false;
	return !isPlainRecord(body) || Object.keys(body).length === 0;
}

/**
 * The raw body of a multipart form n8n left unparsed: from `rawBody`, from n8n 1.x's
 * `readRawBody()`, or from the request stream itself if nothing has read it yet.
 */
async function rawFormBody(req: WebhookRequest): Promise<Buffer | undefined> {
	if (!isUnparsedForm(req)) return undefined;
	if (Buffer.isBuffer(req.rawBody)) return req.rawBody;
	if (typeof req.readRawBody === 'function') {
		await req.readRawBody();
		if (Buffer.isBuffer(req.rawBody)) return req.rawBody;
	}
	// A stream that has ended or is already flowing to another reader would never end for us.
	if (req.readableEnded || req.readableFlowing) return undefined;
	return await readStream(req);
}

/** Everything the delivery reader needs from the request. */
export async function incomingDelivery(req: WebhookRequest): Promise<IncomingDelivery> {
	return {
		contentType: contentTypeOf(req),
		body: req.body,
		rawBody: await rawFormBody(req),
		query: req.query,
	};
}

/** Answers the request directly, so the status code is the node's own on any n8n version. */
export function respondJson(res: WebhookResponse, statusCode: number, body: object): void {
	res.writeHead(statusCode, { 'Content-Type': 'application/json; charset=utf-8' });
	res.end(JSON.stringify(body));
}
