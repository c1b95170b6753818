package api

import (
	"net/http"

	web "github.com/gin-gonic/gin"
)

// The gin import under another name.
func Limit(ctx *web.Context) {
	if ctx.Request.ContentLength > 1<<20 {
		ctx.AbortWithStatus(http.StatusRequestEntityTooLarge) // want "gin-abort-without-return"
	}
	ctx.Header("X-Body-Checked", "1")
	ctx.Next()
}
