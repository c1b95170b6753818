// Example code is told from a package's import path, never from where it was checked out.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isExampleCode } from '../server/src/core/example-code';
import { modulePathFromGoMod } from '../server/src/core/go-mod';
import { importPathOfDirectory, moduleFrom, packagePathsOf } from '../server/src/core/module-index';

describe('example code', () => {
  test('folders and modules named for examples', () => {
    for (const path of [
      'github.com/redis/go-redis/v9/example/lua-scripting',
      'go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp/example',
      'github.com/gin-gonic/examples/graceful-shutdown/close',
      'github.com/cloudwego/hertz-examples/bizdemo/hertz_jwt',
      'github.com/acme/shop/_examples/basic',
      'github.com/acme/shop/Samples/client',
      'example',
      'cwgo/example/hex',
      'golang.org/x/example/hello',
    ]) {
      assert.equal(isExampleCode(path), true, path);
    }
  });

  test('services, and names that only contain the word', () => {
    for (const path of [
      undefined,
      '',
      'github.com/acme/shop/internal/api',
      'github.com/examples/shop/api',
      'github.com/gothinkster/golang-gin-realworld-example-app/users',
      'github.com/EDDYCJY/go-gin-example/routers',
      'example.com/demo',
      'oidc',
      'github.com/acme/exampleservice',
      'github.com/acme/shop/internal/sampler',
    ]) {
      assert.equal(isExampleCode(path), false, String(path));
    }
  });

  test('import paths from go.mod and folders', () => {
    assert.equal(modulePathFromGoMod('// shop\nmodule github.com/acme/shop // the module\n\ngo 1.22\n'), 'github.com/acme/shop');
    assert.equal(modulePathFromGoMod('module "example"\n'), 'example');
    assert.equal(modulePathFromGoMod('go 1.22\n'), undefined);
    const shop = moduleFrom('module github.com/acme/shop\n', 'file:///src/shop')!;
    assert.equal(importPathOfDirectory(shop, 'file:///src/shop/'), 'github.com/acme/shop');
    assert.equal(importPathOfDirectory(shop, 'file:///src/shop/examples/my%20app/'), 'github.com/acme/shop/examples/my app');
    assert.equal(importPathOfDirectory(shop, 'file:///src/other/'), undefined);
    const oidc = { ...moduleFrom('module oidc\n', 'file:///src/shop/examples/oidc/')!, enclosing: shop };
    assert.deepEqual(packagePathsOf(oidc, 'file:///src/shop/examples/oidc/web/'), ['oidc/web', 'github.com/acme/shop/examples/oidc/web']);
    assert.deepEqual(packagePathsOf(shop, 'file:///src/shop/api/'), ['github.com/acme/shop/api']);
  });
});
