package orders

import (
	"fmt"
	"io"
	stdlog "log"

	"go.uber.org/zap"
)

// Structured calls, and fmt functions that format rather than print.
func Describe(w io.Writer, o Order) error {
	logger.Info("describing order", zap.Int64("order_id", o.ID))
	label := fmt.Sprintf("order-%d", o.ID)
	_, err := fmt.Fprintf(w, "%s\n", label)
	return err
}

// A *log.Logger value handed in by the caller, and a local variable named log that shadows the
// import: neither is the log package's default logger.
func Audit(l *stdlog.Logger, o Order) {
	l.Printf("audit %d", o.ID)
	log := stdlog.New(io.Discard, "", 0)
	log.Println("discarded")
}
