'use strict';
// Medians, percentiles, tallies and the number formats of the report.

function median(values) {
	const sorted = values
		.filter((value) => typeof value === 'number' && Number.isFinite(value))
		.sort((a, b) => a - b);
	if (!sorted.length) return null;
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function seconds(ms) {
	if (ms === null || ms === undefined) return 'n/a';
	return ms >= 100_000
		? `${(ms / 1000).toFixed(0)} s`
		: ms >= 10_000
			? `${(ms / 1000).toFixed(1)} s`
			: `${(ms / 1000).toFixed(2)} s`;
}

function count(value) {
	if (value === null || value === undefined) return 'n/a';
	return Number.isInteger(value)
		? value.toLocaleString('en-US')
		: value.toLocaleString('en-US', { maximumFractionDigits: 1 });
}

function megabytes(mb) {
	return mb === null || mb === undefined ? 'n/a' : `${mb.toFixed(0)} MB`;
}

function ratio(value) {
	if (value === null || value === undefined || !Number.isFinite(value)) return 'n/a';
	// One decimal up to 100, so a ratio just under a goal (39.7 against 40) does not read as met.
	return value >= 100
		? `${value.toFixed(0)}×`
		: value >= 10
			? `${value.toFixed(1)}×`
			: `${value.toFixed(2)}×`;
}

function percent(value) {
	return value === null || value === undefined ? 'n/a' : `${(value * 100).toFixed(1)}%`;
}

/** `a / b`, or null when either is missing or b is 0. */
function divide(a, b) {
	return typeof a === 'number' && typeof b === 'number' && b !== 0 ? a / b : null;
}

/** Samples as "1.2 · 1.3 · 1.1" for the per-run details. */
function list(values, format) {
	return values.map((value) => format(value)).join(' · ');
}

/** The value at `share` (0.5: the median's side, 0.9: the 90th percentile) of the sorted values. */
function percentile(values, share) {
	const sorted = [...values].sort((a, b) => a - b);
	if (!sorted.length) return null;
	return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))];
}

/** Each distinct value with how often it occurs, the most frequent first: [[value, times], ...]. */
function tally(values) {
	const counts = new Map();
	for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
	return [...counts.entries()].sort((a, b) => b[1] - a[1]);
}

module.exports = {
	median,
	percentile,
	tally,
	seconds,
	count,
	megabytes,
	ratio,
	percent,
	divide,
	list,
};
