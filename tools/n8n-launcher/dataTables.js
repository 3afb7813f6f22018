'use strict';
// n8n's data tables through the REST API its editor uses (a logged-in owner session): create one
// with its columns and rows, and read its rows back. The same routes since n8n 2.0.

// n8n 2.0 serves at most 50 rows a page.
const PAGE = 50;

class DataTables {
	/** @param {{ get: Function, post: Function }} session from owner.login() */
	constructor(session, projectId) {
		this.session = session;
		this.base = `/rest/projects/${encodeURIComponent(projectId)}/data-tables`;
	}

	/** The owner's personal project, where a new table goes as it does from the editor. */
	static async forOwner(session) {
		const project = (await session.get('/rest/projects/personal')).data;
		return new DataTables(session, project.id);
	}

	/** `columns`: [name, type] pairs (string, number, boolean, date). Returns the table's id. */
	async create(name, columns, rows = []) {
		const table = (
			await this.session.post(this.base, {
				name,
				columns: columns.map(([column, type]) => ({ name: column, type })),
			})
		).data;
		if (rows.length)
			await this.session.post(`${this.base}/${table.id}/insert`, {
				data: rows,
				returnType: 'count',
			});
		return table.id;
	}

	/** Every row, in id order (page by page: n8n may give fewer rows than asked for). */
	async rows(tableId) {
		const all = [];
		for (;;) {
			const page = (
				await this.session.get(
					`${this.base}/${tableId}/rows?skip=${all.length}&take=${PAGE}&sortBy=id:asc`,
				)
			).data;
			all.push(...page.data);
			if (all.length >= page.count || !page.data.length) return all;
		}
	}
}

module.exports = { DataTables };
