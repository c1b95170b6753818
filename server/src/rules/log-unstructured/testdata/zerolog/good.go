package billing

import "github.com/rs/zerolog/log"

// zerolog's own log package, imported under the name log: its Print is zerolog's.
func Refund(amount int64) {
	log.Print("refund")
	log.Printf("refund %d", amount)
}
