export interface RegionTableData {
	regions: string[][];
	prefixes: Record<string, number>;
}
export function buildRegionTable(): RegionTableData;
export function regionLicenceNotice(): string;
export function regionsOfPlace(place: string): string[] | undefined;
