import * as fs from 'node:fs';
import * as path from 'node:path';

// Every relative link in the project's Markdown leads somewhere: the file exists and, for a link
// with an anchor, the heading does (as GitHub makes anchors of headings).

const ROOT = path.join(__dirname, '..', '..');

function markdownFiles(): string[] {
	const top = fs.readdirSync(ROOT).filter((name) => name.endsWith('.md'));
	const inFolders = ['docs', 'examples', 'tools/fake-eigi']
		.filter((folder) => fs.existsSync(path.join(ROOT, folder)))
		.flatMap((folder) =>
			fs
				.readdirSync(path.join(ROOT, folder))
				.filter((name) => name.endsWith('.md'))
				.map((name) => path.join(folder, name)),
		);
	return [...top, ...inFolders];
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
	return heading
		.trim()
		.toLowerCase()
		.replace(/`/g, '')
		.replace(/[^\p{L}\p{N}\s_-]/gu, '')
		.replace(/\s/g, '-');
}

function anchorsIn(file: string): Set<string> {
	const text = fs.readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
	const seen = new Map<string, number>();
	const anchors = new Set<string>();
	for (const [, heading] of text.matchAll(/^#{1,6}\s+(.+)$/gm)) {
		const anchor = anchorOf(heading);
		const count = seen.get(anchor) ?? 0;
		anchors.add(count ? `${anchor}-${count}` : anchor);
		seen.set(anchor, count + 1);
	}
	return anchors;
}

function linksIn(file: string): string[] {
	const text = fs.readFileSync(path.join(ROOT, file), 'utf8').replace(/```[\s\S]*?```/g, '');
	return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
		.map(([, target]) => target)
		.filter((target) => !/^[a-z]+:/i.test(target));
}

describe('links in the Markdown files', () => {
	const files = markdownFiles();

	it('finds the files it checks', () => {
		expect(files).toEqual(expect.arrayContaining(['README.md', 'CHANGELOG.md', 'BENCHMARKS.md']));
	});

	it.each(files)('%s: every relative link and anchor resolves', (file) => {
		const broken = linksIn(file).filter((link) => {
			const [target, anchor] = link.split('#');
			const resolved = target ? path.join(ROOT, path.dirname(file), target) : path.join(ROOT, file);
			if (!fs.existsSync(resolved)) return true;
			if (!anchor || fs.statSync(resolved).isDirectory() || !resolved.endsWith('.md')) return false;
			return !anchorsIn(resolved).has(anchor);
		});
		expect(broken).toEqual([]);
	});
});
