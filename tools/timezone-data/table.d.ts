export interface TimeZoneTableData {
	zones: string[][];
	prefixes: Record<string, number>;
}
export function buildTable(): TimeZoneTableData;
export function licenceNotice(): string;
export const MODULES: string;
