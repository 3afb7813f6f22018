import type { IExecuteFunctions, IGetNodeParameterOptions } from 'n8n-workflow';

interface RunParameters {
	/** The node's parameters as saved, to tell which ones hold an expression. */
	saved: unknown;
	/** Values of parameters without an expression, read once in this run. */
	values: Map<string, unknown>;
}

// n8n makes a new context for every run of a node, so an entry lives exactly as long as one run.
const runs = new WeakMap<IExecuteFunctions, RunParameters>();

function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (value !== null && typeof value === 'object')
		return Object.values(value).some(holdsExpression);
	return false;
}

function savedValue(saved: unknown, path: string): unknown {
	let value = saved;
	for (const key of path.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return value;
}

/**
 * `getNodeParameter` for one item, except that a parameter holding no expression is read once per
 * run: its value is the same for every item, and n8n's resolution of a parameter costs about a
 * tenth of a millisecond per call (bench/, workload 3), most of a large run's time beyond the
 * expressions themselves. The value is shared between items: callers must not change it.
 */
export function itemParameter(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback: unknown,
	options?: IGetNodeParameterOptions,
): unknown {
	let run = runs.get(context);
	if (!run) {
		// getNode() copies the whole node each call: once per run.
		run = { saved: context.getNode().parameters, values: new Map() };
		runs.set(context, run);
	}
	const key = options ? `${name} ${JSON.stringify(options)}` : name;
	if (run.values.has(key)) return run.values.get(key);
	const value = context.getNodeParameter(name, itemIndex, fallback, options) as unknown;
	if (!holdsExpression(savedValue(run.saved, name))) run.values.set(key, value);
	return value;
}
