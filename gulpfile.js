// Copies the icons next to the compiled code, keeping their paths, so the `file:` icon
// references in the node and credential resolve inside dist/.
const { src, dest } = require('gulp');

function buildIcons() {
	return src(['icons/**/*.{png,svg}', 'nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
		allowEmpty: true,
	}).pipe(dest('dist'));
}

exports['build:icons'] = buildIcons;
