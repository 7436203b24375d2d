// `npm test`: the vitest suite, ending with one plain `N passed, M failed` line. Extra args go to
// vitest.
import { runVitest } from './vitest-summary.mjs';

const { code, summary } = await runVitest('main', process.argv.slice(2));
console.log(summary);
process.exit(code);
