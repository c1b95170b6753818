package errs

import (
	"errors"
	"fmt"
)

type response struct {
	Code int
	Msg  string
}

// The error carries a remote server's message: no Go error value has it for errors.Is to match.
func call(r response) error {
	if r.Code != 0 {
		return errors.New(r.Msg)
	}
	return nil
}

func loginRequired(r response) bool {
	err := call(r)
	return err != nil && err.Error() == "login required" // want "error-compare:information"
}

// A text this package formats: a sentinel or an error type of its own would carry it.
func quota(user string) error {
	return fmt.Errorf("quota of %s exceeded", user)
}

func overQuota(err error) bool {
	return err.Error() == "quota of bob exceeded" // want "error-compare"
}

// A constant error of this package: comparable, so errors.Is matches it.
type constError string

func (e constError) Error() string { return string(e) }

const ErrClosed = constError("closed")

func isClosed(err error) bool {
	return err.Error() == "closed" // want "error-compare"
}
