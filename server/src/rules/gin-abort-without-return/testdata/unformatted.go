package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// Kept unformatted on purpose: a branch on one line has no line of its own for the return
// (gofmt would have to move it), so these findings come without a fix.
func OneLine(c *gin.Context) {
	if c.Query("a") == "" { c.AbortWithStatus(http.StatusBadRequest) } // want "gin-abort-without-return"
	c.String(http.StatusOK, "ok")
}

func CaseOnItsLine(c *gin.Context) {
	switch c.Query("kind") {
	case "": c.AbortWithStatus(http.StatusBadRequest) // want "gin-abort-without-return"
	}
	c.String(http.StatusOK, "ok")
}
