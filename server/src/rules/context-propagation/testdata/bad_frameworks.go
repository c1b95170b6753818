package orders

import (
	stdctx "context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"
)

type API struct {
	store *Store
}

// Gin: pass c.Request.Context(); *gin.Context's own Done() never fires in older gin versions.
func (a *API) List(c *gin.Context) {
	rows, err := a.store.db.Query("SELECT id, total FROM orders") // want "context-propagation"
	if err != nil {
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	defer rows.Close()
	c.Status(http.StatusOK)
}

// Echo: c.Request().Context(); the context package is imported as stdctx.
func (a *API) Show(c echo.Context) error {
	var total int64
	err := a.store.db.QueryRowContext(stdctx.Background(), "SELECT total FROM orders WHERE id = $1", c.Param("id")).Scan(&total) // want "context-propagation"
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, total)
}

// A plain handler registered as a func literal: its own r is the source.
func (a *API) Routes(mux *http.ServeMux) {
	mux.HandleFunc("/orders/count", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := stdctx.WithTimeout(stdctx.TODO(), 2*time.Second) // want "context-propagation"
		defer cancel()
		_ = a.store.db.PingContext(ctx)
	})
}
