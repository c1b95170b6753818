/**
 * Example code: the `examples/` folder of a library, a collection of samples, a tutorial. It shows how
 * to call an API and is not deployed, so what would take a service down there is information.
 *
 * Told from the package's import path (its module path and its folder inside the module), not
 * from the folder it was checked out to: a repository cloned under `~/examples/` is not example
 * code, and an example with a go.mod of its own (`module example`) still is. The host and owner
 * of a hosted module path are left out (an owner called "examples" says nothing of the code),
 * but the repository's name counts: `github.com/gin-gonic/examples` is a collection of examples.
 */
export function isExampleCode(importPath: string | undefined): boolean {
  if (!importPath) return false;
  return packagePathElements(importPath).some(namesExamples);
}

/** A folder named for examples: `examples`, `_example`, `samples`, `hertz-examples`. */
function namesExamples(element: string): boolean {
  const name = element.toLowerCase();
  if (/^_?(examples?|samples?|tutorials?)$/.test(name)) return true;
  // In a compound name, the singular "example" often describes a real app ("realworld-example-app",
  // "go-gin-example": tutorials built to be copied into services); the plural names a collection.
  // "demo" is left out: it is also what people call the scratch module they try us on.
  return name.split(/[-_.]/).some((word) => /^(examples|samples|tutorials)$/.test(word));
}

/** The elements of an import path below the hosting service and owner, if it has them. */
function packagePathElements(importPath: string): string[] {
  const elements = importPath.split('/').filter(Boolean);
  // A module path whose first element has no dot is local (`module example`): all of it is the project's.
  if (!elements[0]?.includes('.')) return elements;
  // `github.com/owner/repo/…`: the repository and below. `go.opentelemetry.io/otel/…`: below the host.
  return elements.slice(HOSTS_WITH_OWNERS.has(elements[0]) ? 2 : 1);
}

const HOSTS_WITH_OWNERS = new Set(['github.com', 'gitlab.com', 'bitbucket.org', 'gitee.com', 'codeberg.org']);
