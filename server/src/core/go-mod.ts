/** Reads the `go` directive of a go.mod file, e.g. "1.22" or "1.21.3". */
export function goVersionFromGoMod(text: string): string | undefined {
  const match = /^\s*go\s+(\d+\.\d+(?:\.\d+)?(?:rc\d+|beta\d+)?)\s*(?:\/\/.*)?$/m.exec(text);
  return match?.[1];
}

/** True when `version` (as in go.mod) is at least major.minor. */
export function goVersionAtLeast(version: string, major: number, minor: number): boolean {
  const [maj, min] = version.split('.').map((part) => parseInt(part, 10));
  return maj > major || (maj === major && (min || 0) >= minor);
}

/** Reads the `module` directive of a go.mod file, e.g. "github.com/acme/shop". */
export function modulePathFromGoMod(text: string): string | undefined {
  const match = /^\s*module\s+("?)([^\s"]+)\1\s*(?:\/\/.*)?$/m.exec(text);
  return match?.[2];
}
