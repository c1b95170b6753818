import type { FileHost } from './file-host';

/** One file host per URI scheme (the Node host for `file:`), and `fallback` for all the others. */
export function fileHostByScheme(hosts: Readonly<Record<string, FileHost>>, fallback: FileHost): FileHost {
  const pick = (uri: string) => {
    const scheme = uri.slice(0, uri.indexOf(':'));
    return Object.hasOwn(hosts, scheme) ? hosts[scheme] : fallback;
  };
  return {
    siblingGoFiles: (uri) => pick(uri).siblingGoFiles(uri),
    readText: (uri) => pick(uri).readText(uri),
    findGoMod: (uri) => pick(uri).findGoMod(uri),
    findConfig: (uri) => pick(uri).findConfig(uri),
    moduleFiles: (module) => pick(module.root).moduleFiles?.(module),
    holdsProgram: (folder) => pick(folder).holdsProgram?.(folder) ?? false,
    programVerdicts: (module) => pick(module.root).programVerdicts?.(module),
    moduleCallers: (module) => pick(module.root).moduleCallers?.(module),
  };
}
