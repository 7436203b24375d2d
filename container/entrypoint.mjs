// Image entry point: the `wizer`-compatible CLI (dist/cli.js), or the GitHub Action entry
// (dist/index.js) when WIZER_MODE=action, as container/action.yml sets it. Both bundles read only
// process.argv.slice(2), so arguments, stdio and exit codes are exactly theirs. Written in
// JavaScript rather than sh because Debian's sh (dash) drops environment variables whose names
// are not identifiers, such as the runner's INPUT_OUTPUT-DIR.
const entries = { cli: './dist/cli.js', action: './dist/index.js' };
const mode = process.env.WIZER_MODE || 'cli';

if (Object.hasOwn(entries, mode)) {
  await import(new URL(entries[mode], import.meta.url).href);
} else {
  process.stderr.write(
    `wizer-action image: unknown WIZER_MODE '${mode}' (expected 'cli' or 'action')\n`,
  );
  process.exitCode = 2;
}
