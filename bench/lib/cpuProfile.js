'use strict';
// A V8 .cpuprofile in a few lines: the functions with the most self time, and the total (inclusive)
// time of every function of this package, which shows what the package's own code costs.

function label(frame) {
	const file = frame.url.replace(/^file:\/\//, '').replace(/.*node_modules\//, '');
	return `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
}

function summarize(profile, { top = 25, packageMarker = 'node_modules/n8n-nodes-eigi/' } = {}) {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const totalMs = (profile.endTime - profile.startTime) / 1000;
	const sampleMs = totalMs / Math.max(1, profile.samples.length);
	const self = new Map();
	for (const node of profile.nodes) {
		const key = label(node.callFrame);
		self.set(key, (self.get(key) ?? 0) + (node.hitCount ?? 0) * sampleMs);
	}
	// Inclusive time of package functions, counting a sample once per function even in recursion.
	const parent = new Map();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parent.set(child, node.id);
	const inclusive = new Map();
	for (const node of profile.nodes) {
		if (!node.hitCount) continue;
		const seen = new Set();
		for (let id = node.id; id !== undefined; id = parent.get(id)) {
			const frame = byId.get(id).callFrame;
			if (!frame.url.includes(packageMarker)) continue;
			const key = label(frame);
			if (seen.has(key)) continue;
			seen.add(key);
			inclusive.set(key, (inclusive.get(key) ?? 0) + node.hitCount * sampleMs);
		}
	}
	const lines = (map, count) =>
		[...map.entries()]
			.sort((a, b) => b[1] - a[1])
			.slice(0, count)
			.map(([key, ms]) => `${ms.toFixed(0).padStart(7)} ms  ${key}`)
			.join('\n');
	return [
		`Profile: ${totalMs.toFixed(0)} ms, ${profile.samples.length} samples`,
		`\nMost self time:\n${lines(self, top)}`,
		`\nThis package's functions, inclusive time:\n${lines(inclusive, top)}`,
	].join('\n');
}

module.exports = { summarize };
