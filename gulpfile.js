const path = require('path');
const { task, src, dest } = require('gulp');

// tsc compiles only TypeScript; n8n reads node and credential icons from dist, beside the compiled files.
function copyIcons() {
	const nodeIcons = src(path.resolve('nodes', '**', '*.{png,svg}'), { encoding: false });
	const nodeDestination = path.resolve('dist', 'nodes');
	nodeIcons.pipe(dest(nodeDestination));

	const credentialIcons = src(path.resolve('credentials', '**', '*.{png,svg}'), { encoding: false });
	const credentialDestination = path.resolve('dist', 'credentials');
	return credentialIcons.pipe(dest(credentialDestination));
}

task('build:icons', copyIcons);
