package api

import (
	"net/http"

	"example.com/panel/common"
	"github.com/gin-gonic/gin"
)

func Rename(c *gin.Context) {
	u, err := find(c.Param("id"))
	if err != nil {
		common.ErrorResp(c, err, http.StatusNotFound)
		return
	}
	if u.Name == "" {
		common.ErrorIf(c, err)
	}
	if c.Query("dry") != "" {
		common.Respond(c, u)
	}
	c.JSON(http.StatusOK, u)
}
