// Names of our own protocol extensions, shared by the server and the VS Code client (which must
// not pull the server's code into its bundle to learn them).

/** `{ uris }` → `{ checked, findings }`: checks files as they are on disk and publishes their findings. */
export const CHECK_FILES_REQUEST = 'goBackendGuide/checkFiles';
