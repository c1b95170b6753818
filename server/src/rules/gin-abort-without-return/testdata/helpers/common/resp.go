package common

import (
	"log"

	"github.com/gin-gonic/gin"
)

type Resp struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// ErrorResp aborts through errorWithData, unexported: two functions deep.
func ErrorResp(c *gin.Context, err error, code int, logged ...bool) {
	errorWithData(c, err, code, logged...)
}

func errorWithData(c *gin.Context, err error, code int, logged ...bool) {
	if len(logged) > 0 && logged[0] {
		log.Printf("%v", err)
	}
	c.JSON(200, Resp{Code: code, Message: err.Error()})
	c.Abort()
}

// ErrorIf aborts only when there is an error.
func ErrorIf(c *gin.Context, err error) {
	if err == nil {
		return
	}
	c.JSON(200, Resp{Code: 500, Message: err.Error()})
	c.Abort()
}

// Respond writes the response and leaves the chain running.
func Respond(c *gin.Context, data any) {
	c.JSON(200, data)
}
