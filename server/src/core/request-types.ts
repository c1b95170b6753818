// The types through which a handler receives an incoming request, in net/http and the web
// frameworks Go services use most. Code that receives one runs once per request.
import type { TypeRef } from './go-types';

export type RequestKind = 'request' | 'gin' | 'echo' | 'fiber' | 'hertz';

const ECHO = new Set(['github.com/labstack/echo/v4', 'github.com/labstack/echo']);
const FIBER = new Set(['github.com/gofiber/fiber/v2', 'github.com/gofiber/fiber/v3', 'github.com/gofiber/fiber']);

/** The kind of request a parameter of this type carries, if it carries one. */
export function requestKind({ pkg = '', name, pointer }: TypeRef): RequestKind | undefined {
  if (pkg === 'net/http' && name === 'Request' && pointer) return 'request';
  if (pkg === 'github.com/gin-gonic/gin' && name === 'Context' && pointer) return 'gin';
  if (ECHO.has(pkg) && name === 'Context' && !pointer) return 'echo';
  if (FIBER.has(pkg) && name === 'Ctx' && pointer) return 'fiber';
  if (pkg === 'github.com/cloudwego/hertz/pkg/app' && name === 'RequestContext' && pointer) return 'hertz';
  return undefined;
}
