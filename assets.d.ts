// esbuild bundles these files as text (see scripts/build.mjs).
declare module '*.scm' {
  const source: string;
  export default source;
}
declare module '*.md' {
  const source: string;
  export default source;
}
/** Identifies the build (a hash of its sources), for caches that must not outlive it (scripts/build.mjs). */
declare const __BUILD_ID__: string;
