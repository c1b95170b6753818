// Preloaded (`node --expose-gc --require out/test/gc-on-signal.js dist/server.js`) by the memory
// tests: SIGUSR2 makes the server collect its garbage, so its resident set can be compared.
const collect = (globalThis as { gc?: () => void }).gc;
if (collect) process.on('SIGUSR2', () => collect());
