package api

import (
	"errors"
	"log"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

var errForbidden = errors.New("forbidden")

func validToken(string) bool { return true }

// The classic middleware: without return, c.Set and c.Next still run for a rejected request.
func Auth(c *gin.Context) {
	token := c.GetHeader("Authorization")
	if token == "" {
		c.AbortWithStatusJSON(http.StatusUnauthorized, gin.H{"error": "missing token"}) // want "gin-abort-without-return"
	}
	c.Set("token", strings.TrimPrefix(token, "Bearer "))
	c.Next()
}

// A middleware built by a constructor: the handler is the returned func literal.
func RequireRole(role string) gin.HandlerFunc {
	return func(c *gin.Context) {
		if c.GetString("role") != role {
			c.AbortWithStatus(http.StatusForbidden) // want "gin-abort-without-return"
			log.Printf("role %q required", role)
		}
		c.Set("role-checked", true)
		c.Next()
	}
}

// An else-if chain: each aborting branch falls through to the code after the chain.
func Validate(c *gin.Context) {
	id := c.Param("id")
	if id == "" {
		c.AbortWithStatus(http.StatusBadRequest) // want "gin-abort-without-return"
	} else if !validToken(id) {
		_ = c.AbortWithError(http.StatusForbidden, errForbidden) // want "gin-abort-without-return"
	}
	c.JSON(http.StatusOK, gin.H{"id": id})
}

// A switch case, and an AbortWithError chained with SetType.
func ByKind(c *gin.Context) {
	switch c.Query("kind") {
	case "":
		c.AbortWithError(http.StatusBadRequest, errForbidden).SetType(gin.ErrorTypePublic) // want "gin-abort-without-return"
	case "admin":
		c.Abort() // want "gin-abort-without-return"
	}
	c.String(http.StatusOK, "ok")
}

type Handler struct{ maxBody int64 }

// A method handler, with the aborting branch nested in another if.
func (h *Handler) Upload(c *gin.Context) {
	if c.Request.ContentLength > 0 {
		if c.Request.ContentLength > h.maxBody {
			c.AbortWithStatus(http.StatusRequestEntityTooLarge) // want "gin-abort-without-return"
		}
	}
	c.Status(http.StatusCreated)
}

// c.Next() does nothing after the abort, but the code further out still runs.
func NextThenMore(c *gin.Context, strict bool) {
	if strict {
		if c.GetHeader("X-Key") == "" {
			c.AbortWithStatus(http.StatusUnauthorized) // want "gin-abort-without-return"
		}
		c.Next()
	}
	c.Header("X-Checked", "1")
}

// A helper with unnamed results: a bare return would not compile, so no fix is offered.
func bindID(c *gin.Context) (string, bool) {
	id := c.Param("id")
	if id == "" {
		c.AbortWithStatus(http.StatusBadRequest) // want "gin-abort-without-return"
	}
	log.Printf("bound %s", id)
	return id, id != ""
}

// Named results allow the bare return.
func bindName(c *gin.Context) (name string) {
	name = c.Query("name")
	if name == "" {
		c.AbortWithStatus(http.StatusBadRequest) // want "gin-abort-without-return"
	}
	log.Printf("bound %s", name)
	return name
}

// The module's own response helpers: each writes the error and aborts the request on every path.
func respondError(c *gin.Context, code int, err error) {
	if err != nil {
		log.Printf("request failed: %v", err)
	}
	c.JSON(code, gin.H{"error": err.Error()})
	c.Abort()
}

func fail(c *gin.Context, err error) {
	respondError(c, http.StatusBadRequest, err)
}

func (h *Handler) deny(c *gin.Context) {
	c.AbortWithStatus(http.StatusForbidden)
}

func (h *Handler) reject(c *gin.Context) {
	h.deny(c)
}

// A helper that aborts is an Abort: the handler goes on to write a second response.
func Rename(c *gin.Context) {
	name := c.Query("name")
	if name == "" {
		respondError(c, http.StatusBadRequest, errForbidden) // want "gin-abort-without-return"
	}
	c.JSON(http.StatusOK, gin.H{"name": name})
}

// Two helpers deep, and methods of the handler's own type.
func (h *Handler) Delete(c *gin.Context) {
	if c.Param("id") == "" {
		fail(c, errForbidden) // want "gin-abort-without-return"
	}
	if c.GetString("role") != "admin" {
		h.reject(c) // want "gin-abort-without-return"
	}
	c.Status(http.StatusNoContent)
}
