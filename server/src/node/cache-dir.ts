import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * Where this tool keeps its caches: `GO_BACKEND_GUIDE_CACHE` when set, else the platform's
 * user cache folder (`$XDG_CACHE_HOME` or `~/.cache` on Linux, `~/Library/Caches` on macOS,
 * `%LOCALAPPDATA%` on Windows), as Go's `os.UserCacheDir` chooses it.
 */
export function userCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.GO_BACKEND_GUIDE_CACHE) return resolve(env.GO_BACKEND_GUIDE_CACHE);
  switch (platform) {
    case 'win32':
      return join(env.LOCALAPPDATA || join(homedir(), 'AppData', 'Local'), 'go-backend-guide');
    case 'darwin':
      return join(homedir(), 'Library', 'Caches', 'go-backend-guide');
    default: {
      const xdg = env.XDG_CACHE_HOME;
      return join(xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.cache'), 'go-backend-guide');
    }
  }
}
