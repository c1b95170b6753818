package api

import (
	"errors"
	"net/http"

	"example.com/panel/common"
	"github.com/gin-gonic/gin"
)

type user struct{ Name string }

func find(id string) (*user, error) {
	if id == "" {
		return nil, errors.New("no id")
	}
	return &user{Name: id}, nil
}

// The error response goes out, then the handler reads a nil user.
func Profile(c *gin.Context) {
	u, err := find(c.Param("id"))
	if err != nil {
		common.ErrorResp(c, err, http.StatusNotFound, true) // want "gin-abort-without-return"
	}
	c.JSON(http.StatusOK, u.Name)
}
