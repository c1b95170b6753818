// esbuild bundles these files as text (see scripts/build.mjs).
declare module '*.scm' {
  const source: string;
  export default source;
}
declare module '*.md' {
  const source: string;
  export default source;
}
