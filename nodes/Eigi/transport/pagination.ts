import type { IDataObject } from 'n8n-workflow';

import { eigiApiRequest, type EigiContext } from './index';

export const MAX_PAGE_SIZE = 100;

/** The list and the page count from a list answer; eigi puts paging either at the top or under `pagination`. */
export function readPage(
	body: unknown,
	listKey: string,
): { rows: IDataObject[]; totalPages?: number } {
	const page = (body ?? {}) as IDataObject;
	const rows = Array.isArray(page[listKey]) ? (page[listKey] as IDataObject[]) : [];
	const paging = (
		typeof page.pagination === 'object' && page.pagination !== null ? page.pagination : page
	) as IDataObject;
	const totalPages = Number(paging.total_pages);
	return { rows, totalPages: Number.isFinite(totalPages) ? totalPages : undefined };
}

/**
 * Reads a list endpoint page by page until `limit` rows (or all, when undefined) are collected or
 * the pages run out.
 */
export async function eigiApiRequestAll(
	context: EigiContext,
	endpoint: string,
	listKey: string,
	qs: IDataObject,
	limit: number | undefined,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const rows: IDataObject[] = [];
	for (let page = 1; ; page++) {
		const pageSize =
			limit === undefined ? MAX_PAGE_SIZE : Math.min(MAX_PAGE_SIZE, limit - rows.length);
		const body = await eigiApiRequest(
			context,
			'GET',
			endpoint,
			{ ...qs, page, page_size: pageSize },
			itemIndex,
		);
		const { rows: pageRows, totalPages } = readPage(body, listKey);
		rows.push(...pageRows);
		const lastPage = totalPages === undefined ? pageRows.length < pageSize : page >= totalPages;
		if (lastPage || pageRows.length === 0 || (limit !== undefined && rows.length >= limit)) break;
	}
	return limit === undefined ? rows : rows.slice(0, limit);
}
