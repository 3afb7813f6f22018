import type { IDataObject } from 'n8n-workflow';

export interface AgentVariable {
	name: string;
	required: boolean;
	description?: string;
	defaultValue?: string;
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/**
 * The dynamic variables an agent declares. eigi does not document their shape, so plain names and
 * objects naming the variable under any of the usual keys are both understood.
 */
export function agentVariables(agent: IDataObject): AgentVariable[] {
	const declared = agent.dynamic_variables;
	if (!Array.isArray(declared)) return [];
	const seen = new Set<string>();
	const variables: AgentVariable[] = [];
	for (const entry of declared) {
		const fields = (typeof entry === 'object' && entry !== null ? entry : {}) as IDataObject;
		const name =
			text(entry) ??
			text(fields.name) ??
			text(fields.key) ??
			text(fields.variable_name) ??
			text(fields.id);
		if (!name || seen.has(name)) continue;
		seen.add(name);
		variables.push({
			name,
			required: fields.required === true || fields.is_required === true,
			description: text(fields.description),
			defaultValue: text(fields.default_value) ?? text(fields.default),
		});
	}
	return variables;
}
