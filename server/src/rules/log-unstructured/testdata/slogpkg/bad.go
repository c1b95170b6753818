package inventory

import (
	"fmt"
	"log/slog"
)

func Reserve(sku string, n int) {
	slog.Info("reserving", "sku", sku, "n", n)
	fmt.Printf("reserved %d of %s\n", n, sku) // want "log-unstructured"
}
