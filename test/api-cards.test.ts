// Guidance cards: which API a hover resolves to, through imports and known types only.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PackageIndex } from '../server/src/core/package-index';
import { LineIndex } from '../server/src/core/text';
import { cardForApi } from '../server/src/guide/api-cards';
import { checkerFor } from './helpers';

const SOURCE = `package api

import (
	"context"
	"fmt"
	nethttp "net/http"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/redis/go-redis/v9"
	"go.opentelemetry.io/otel"
	"golang.org/x/sync/errgroup"
	"google.golang.org/grpc"
)

var tracer = otel.Tracer("api")

type service struct {
	mu    sync.Mutex
	cache *redis.Client
}

func (s *service) handle(c *gin.Context) {
	ctx, span := tracer.Start(c.Request.Context(), "handle")
	defer span.End()
	ok, _ := s.cache.SetNX(ctx, "k", "v", time.Minute).Result()
	if !ok {
		c.AbortWithStatus(409)
		return
	}
	var g errgroup.Group
	_ = g.Wait()
	conn, _ := grpc.NewClient("api:443")
	_ = conn
	_ = fmt.Errorf("x")
	_ = &nethttp.Server{}
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
}

type Server struct{}

func (Server) ListenAndServe() {}

func local(s Server) {
	s.ListenAndServe()
	Server{}.ListenAndServe()
}
`;

/** The card shown when hovering the first occurrence of `marker`, at its `offset`-th character. */
async function cardAt(marker: string, occurrence = 0): Promise<string | undefined> {
  const checker = await checkerFor();
  const document = checker.openDocument('file:///api/api.go', SOURCE);
  try {
    const index = new PackageIndex([checker.summarize(document)]);
    let at = -1;
    for (let i = 0; i <= occurrence; i++) at = SOURCE.indexOf(marker, at + 1);
    assert.notEqual(at, -1, marker);
    const api = checker.apiAt(document, index, new LineIndex(SOURCE).positionAt(at + 1));
    return api?.names.map(cardForApi).find((card) => card)?.id;
  } finally {
    document.dispose();
  }
}

const CASES: [marker: string, card: string | undefined][] = [
  ['Start(', 'tracer-start'],
  ['SetNX', 'redis-setnx'],
  ['AbortWithStatus', 'gin-abort'],
  ['Group', 'errgroup'],
  ['NewClient', 'grpc-client'],
  ['Errorf', 'fmt-errorf'],
  ['Server{}', 'http-server'],
  ['WithTimeout', 'context-with-timeout'],
  ['Mutex', 'mutex'],
  // Not the library: a local type's method and a package-level name spelled the same.
  ['ListenAndServe()\n\tServer', undefined],
  ['End()', undefined],
];

for (const [marker, card] of CASES) {
  test(`hovering ${JSON.stringify(marker.split('\n')[0])} shows ${card ?? 'no card'}`, async () => {
    assert.equal(await cardAt(marker), card);
  });
}
