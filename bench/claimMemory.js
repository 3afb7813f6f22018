'use strict';
// The memory the claims on numbers take (nodes/Eigi/actions/call/initiate/numberClaims.ts): claims
// MAX_CLAIMED_NUMBERS distinct numbers, each with a conversation id, as one n8n process would after
// calling that many people within one policy window, and prints bytes per number and the time it
// took. Usage: node bench/claimMemory.js (it re-runs itself with --expose-gc).
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.join(__dirname, '..');

function bundle() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eigi-claims-'));
	const out = path.join(dir, 'numberClaims.js');
	execFileSync(
		path.join(root, 'node_modules', '.bin', 'esbuild'),
		[
			path.join(root, 'nodes/Eigi/actions/call/initiate/numberClaims.ts'),
			'--bundle',
			'--platform=node',
			'--format=cjs',
			`--outfile=${out}`,
			'--log-level=error',
		],
		{ stdio: 'inherit' },
	);
	return out;
}

function measure(modulePath) {
	const { NumberClaims, MAX_CLAIMED_NUMBERS } = require(modulePath);
	const claims = new NumberClaims('bench-account');
	const owner = { executionId: '1', workflowId: 'bench', workflowName: 'bench' };
	global.gc();
	const before = process.memoryUsage().heapUsed;
	const started = Date.now();
	for (let start = 0; start < MAX_CLAIMED_NUMBERS; start += 1000) {
		const calls = Array.from({ length: 1000 }, (_, index) => ({
			itemIndex: index,
			agentId: 'agent-1',
			telephonyProvider: 'PLIVO',
			phoneNumber: `+1${2_000_000_000 + start + index}`,
			phoneNumberInput: '',
		}));
		for (const [index, claim] of claims.claim(calls, owner, 24 * 3_600_000))
			claim.conversationId = `3f0c2a4e-1b2c-4d5e-8f90-${String(100_000_000_000 + start + index)}`;
	}
	const tookMs = Date.now() - started;
	global.gc();
	const bytes = process.memoryUsage().heapUsed - before;
	console.log(
		`${claims.size.toLocaleString('en')} numbers claimed: ${(bytes / 1e6).toFixed(0)} MB of heap, ` +
			`${(bytes / claims.size).toFixed(0)} bytes a number; ${tookMs} ms (${((tookMs * 1000) / claims.size).toFixed(1)} µs a claim)`,
	);
}

if (process.argv[2] === '--measure') measure(process.argv[3]);
else {
	const result = spawnSync(process.execPath, ['--expose-gc', __filename, '--measure', bundle()], {
		stdio: 'inherit',
	});
	process.exit(result.status ?? 1);
}
