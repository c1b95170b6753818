package billing

import (
	stdlog "log"

	zlog "github.com/rs/zerolog/log"
)

// The standard library log package under an alias is still the standard library.
func Charge(amount int64) {
	stdlog.Printf("charging %d", amount) // want "log-unstructured"
	zlog.Info().Int64("amount", amount).Msg("charged")
}
