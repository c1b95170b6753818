// Bundle entry of dist/cli-main.js: `go-backend-guide …` (started by dist/cli.js).
import { main } from '../cli/main';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Exit 3 sets our own bugs apart from the user's problems (exit 2).
    process.stderr.write(`go-backend-guide: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 3;
  },
);
