/**
 * `npm run --silent analyze -- [--json] FILE.html...`: Dossier's article + detection pipeline
 * on saved pages, from the command line. The logic lives in lib/cli/analyze.ts.
 */
import { runAnalyze } from '../lib/cli/analyze';

process.exitCode = await runAnalyze(process.argv.slice(2));
