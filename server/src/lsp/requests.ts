// Names and shapes of our own protocol extensions, shared by the server and the VS Code client
// (which must not pull the server's code into its bundle to learn them).

/** `{ uris }` → `{ checked, findings }`: checks files as they are on disk and publishes their findings. */
export const CHECK_FILES_REQUEST = 'goBackendGuide/checkFiles';

/** `{ language }` → `Catalog`: the guide's chapters and their rules, titled in that language. */
export const CATALOG_REQUEST = 'goBackendGuide/catalog';

export interface Catalog {
  chapters: {
    id: string;
    number: number;
    title: string;
    rules: { id: string; title: string; summary: string }[];
  }[];
}

/**
 * `{ uri }` → `DirectoryEntry[] | null`: a directory as the client's `workspace.fs` lists it
 * (null when it cannot). With the next request, how the server reads a package where it has no
 * file system of its own: virtual workspaces (github.dev, vscode.dev) and the browser.
 */
export const READ_DIRECTORY_REQUEST = 'goBackendGuide/readDirectory';

/** `{ uri, maxBytes }` → `string | null`: a file's UTF-8 text; null when missing, unreadable or larger. */
export const READ_FILE_REQUEST = 'goBackendGuide/readFile';

export interface DirectoryEntry {
  name: string;
  /** The entry's URI as the client spells it, so it matches the URIs of open documents. */
  uri: string;
  directory: boolean;
}
