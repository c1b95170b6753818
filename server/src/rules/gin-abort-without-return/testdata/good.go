package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// Abort followed by return: the idiomatic form.
func AuthWithReturn(c *gin.Context) {
	if c.GetHeader("Authorization") == "" {
		c.AbortWithStatusJSON(http.StatusUnauthorized, gin.H{"error": "missing token"})
		return
	}
	c.Next()
}

// Only c.Next() follows: after an abort it runs no handler, so a return would change nothing.
func ThenNext(c *gin.Context) {
	if c.GetHeader("X-Key") == "" {
		c.AbortWithStatus(http.StatusUnauthorized)
	}
	c.Next()
}

// The same one level further out, past an enclosing branch.
func ThenNextOuter(c *gin.Context, strict bool) {
	if strict {
		if c.GetHeader("X-Key") == "" {
			c.AbortWithStatus(http.StatusUnauthorized)
		}
	}
	c.Next()
}

// The if is the last statement of the handler: nothing runs after the Abort.
func LastStatement(c *gin.Context) {
	c.Header("X-Checked", "1")
	if c.GetHeader("X-Key") == "" {
		c.AbortWithStatus(http.StatusUnauthorized)
	}
}

// If/else as the last statement: one branch aborts, the other continues the chain.
func EitherOr(c *gin.Context) {
	if c.GetHeader("X-Key") == "" {
		c.AbortWithStatus(http.StatusUnauthorized)
	} else {
		c.Next()
	}
}

// Only a plain return follows the branch: it runs no code.
func ThenPlainReturn(c *gin.Context) (ok bool) {
	ok = true
	if c.Query("q") == "" {
		c.AbortWithStatus(http.StatusBadRequest)
		ok = false
	}
	return ok
}

// An unconditional Abort followed by more code is a deliberate sequence, not a forgotten return.
func AlwaysAbort(c *gin.Context) {
	c.AbortWithStatus(http.StatusGone)
	c.Writer.WriteString("this endpoint was removed")
}

// The branch ends in a statement that leaves it: break out of the loop, or panic.
func LeavesBranch(c *gin.Context, keys []string) {
	for _, key := range keys {
		if c.GetHeader(key) == "" {
			c.AbortWithStatus(http.StatusBadRequest)
			break
		}
	}
	if c.IsAborted() {
		return
	}
	if c.Query("panic") != "" {
		c.AbortWithStatus(http.StatusInternalServerError)
		panic("asked to")
	}
	c.Next()
}

// Inside a loop body the rule cannot tell whether checking the next item is intended.
func CheckAll(c *gin.Context, checks []func(*gin.Context) bool) {
	for _, check := range checks {
		if !check(c) {
			c.AbortWithStatus(http.StatusForbidden)
		}
	}
}

// An Abort in a deferred recover closure: the closure ends right after it.
func Recovering(c *gin.Context) {
	defer func() {
		if r := recover(); r != nil {
			c.AbortWithStatus(http.StatusInternalServerError)
		}
	}()
	c.Next()
}

// A type of our own with an Abort method is not gin's Context.
type Job struct{ stopped bool }

func (j *Job) Abort() { j.stopped = true }

func runJob(j *Job, failed bool) {
	if failed {
		j.Abort()
	}
	j.stopped = false
}

// Helpers that do not abort on every path, or write without aborting.
func maybeAbort(c *gin.Context, err error) {
	if err != nil {
		c.AbortWithStatus(http.StatusInternalServerError)
	}
}

func abortUnlessDebug(c *gin.Context, debug bool) {
	if debug {
		return
	}
	c.AbortWithStatus(http.StatusForbidden)
}

func writeError(c *gin.Context, code int) {
	c.JSON(code, gin.H{"error": http.StatusText(code)})
}

func abortLater(c *gin.Context) {
	go func() { c.AbortWithStatus(http.StatusGone) }()
}

func abortAll(c *gin.Context) {
	c.AbortWithStatus(http.StatusForbidden)
}

func Helpers(c *gin.Context, err error) {
	if err != nil {
		maybeAbort(c, err)
	}
	if c.Query("debug") == "" {
		abortUnlessDebug(c, false)
	}
	if c.Query("q") == "" {
		writeError(c, http.StatusBadRequest)
	}
	if c.Query("late") != "" {
		abortLater(c)
	}
	c.Next()
	c.Header("X-Done", "1")
}

// An aborting helper followed by return, or by nothing that runs.
func HelperThenReturn(c *gin.Context) {
	if c.Query("q") == "" {
		abortAll(c)
		return
	}
	if c.Query("next") == "" {
		abortAll(c)
	}
	c.Next()
}
