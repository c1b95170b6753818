package errs

import (
	"errors"
	"io"
	"log"
	"net/http"
)

// The comparison only decides whether to log: a wrapped ErrNotFound costs one log line.
func logLookup(err error) {
	if err != nil && err != ErrNotFound { // want "error-compare:information"
		log.Printf("lookup: %v", err)
	}
}

// Fatal stops the program, so the comparison decides more than a log line.
func mustFind(err error) {
	if err != nil && err != ErrNotFound { // want "error-compare:information"
		log.Fatalf("lookup: %v", err)
	}
}

// The branch logs and returns: it changes what the function does.
func findOrNil(err error) error {
	if err == ErrNotFound { // want "error-compare:information"
		log.Printf("not found")
		return nil
	}
	return err
}

// The exact text of http.ErrNoCookie, which Request.Cookie returns as it is.
func sessionToken(r *http.Request) string {
	cookie, err := r.Cookie("session")
	if err != nil && err.Error() != "http: named cookie not present" { // want "error-compare:information"
		panic(err)
	}
	if cookie == nil {
		return ""
	}
	return cookie.Value
}

func checkPassword(ok bool) error {
	if !ok {
		return errors.New("user not exist")
	}
	return nil
}

// The exact, fixed text of an error this file creates.
func login(ok bool) error {
	if err := checkPassword(ok); err != nil {
		if err.Error() == "user not exist" { // want "error-compare:information"
			return nil
		}
		return err
	}
	return nil
}

// ErrUnexpectedEOF on its own, from a parameter: it may arrive wrapped.
func truncated(err error) bool {
	switch err { // want "error-compare:information"
	case io.ErrUnexpectedEOF:
		return true
	}
	return false
}
