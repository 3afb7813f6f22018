import type { IDataObject } from 'n8n-workflow';

import { normalizePhoneNumber } from './phoneNumber';

/** eigi's field types (GET /v1/public/agents/{id}/dynamic-variables); STRING when not given. */
export const VARIABLE_TYPES = ['STRING', 'NUMBER', 'EMAIL', 'PHONE'] as const;
export type VariableType = (typeof VARIABLE_TYPES)[number];

export interface AgentVariable {
	name: string;
	required: boolean;
	type: VariableType;
	description?: string;
	defaultValue?: string;
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function typeOf(fields: IDataObject): VariableType {
	const declared = text(fields.field_type)?.toUpperCase();
	return VARIABLE_TYPES.find((type) => type === declared) ?? 'STRING';
}

/**
 * The dynamic variables of an agent: from eigi's dynamic-variables endpoint (objects with
 * `variable_name`, `required`, `field_type`, `description`) or, from an older eigi, the agent's own
 * `dynamic_variables` (plain names, or objects naming the variable under any of the usual keys).
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
			type: typeOf(fields),
			description: text(fields.description),
			defaultValue: text(fields.default_value) ?? text(fields.default),
		});
	}
	return variables;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type VariableCheck = { valid: true; value: unknown } | { valid: false; reason: string };

/**
 * A mapped value checked against the variable's type; a PHONE becomes E.164 like the callee's
 * number, a NUMBER written as text becomes a number.
 */
export function checkVariableValue(
	variable: AgentVariable,
	value: unknown,
	defaultCountry?: string,
): VariableCheck {
	const shown = typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
	const wrong = (what: string): VariableCheck => ({
		valid: false,
		reason: `agent variable "${variable.name}" (${variable.type}) is ${shown}, ${what}`,
	});
	switch (variable.type) {
		case 'NUMBER': {
			const number = typeof value === 'number' ? value : Number(String(value).trim());
			if (typeof value === 'boolean' || String(value).trim() === '' || !Number.isFinite(number))
				return wrong('not a number: map it to a numeric field');
			return { valid: true, value: number };
		}
		case 'EMAIL':
			return typeof value === 'string' && EMAIL.test(value.trim())
				? { valid: true, value: value.trim() }
				: wrong('not an e-mail address');
		case 'PHONE': {
			const phone = normalizePhoneNumber(value, defaultCountry);
			return phone.valid
				? { valid: true, value: phone.e164 }
				: wrong(`not a phone number: it ${phone.reason}`);
		}
		default:
			return { valid: true, value };
	}
}
