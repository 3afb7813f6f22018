// @ts-check
'use strict';
// The sink: `/sink/{name}` takes any request and keeps it under its name, so an end-to-end
// workflow can post its results somewhere the test can read them back.

/**
 * @typedef {{
 *   method: string, query: Record<string, string | string[]>, headers: Record<string, string | string[] | undefined>,
 *   contentType: string | null, body: unknown, time: string,
 * }} SinkRecord
 */

class Sinks {
	constructor() {
		/** @type {Map<string, SinkRecord[]>} */
		this.byName = new Map();
	}

	/** @param {string} name @param {SinkRecord} record */
	add(name, record) {
		const list = this.byName.get(name) ?? [];
		list.push(record);
		this.byName.set(name, list);
		return list.length;
	}

	/** @param {string} name */
	get(name) {
		return [...(this.byName.get(name) ?? [])];
	}

	names() {
		return [...this.byName.keys()];
	}

	clear() {
		this.byName.clear();
	}
}

module.exports = { Sinks };
