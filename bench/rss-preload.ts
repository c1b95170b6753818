// Loaded with `node -r` in front of the CLI by the benchmarks: reports the process's peak
// resident memory (all threads, workers included) on stderr when it exits.
process.on('exit', () => {
  process.stderr.write(`\nbench-max-rss-kib ${process.resourceUsage().maxRSS}\n`);
});
