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
