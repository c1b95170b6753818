package errs

import (
	"fmt"
	"log"
	"net/http"
)

// Already wrapped with %w.
func wrapped(err error) error {
	return fmt.Errorf("save: %w", err)
}

// A sentinel wrapped with %w and the cause only described: a deliberate choice.
func sentinelAndCause(err error) error {
	return fmt.Errorf("%w: %v", ErrNotFound, err)
}

// fmt.Sprintf and log calls are not errors.
func describe(err error) string {
	log.Printf("request failed: %v", err)
	return fmt.Sprintf("failed: %v", err)
}

// A variable named err that holds a string.
func status(resp *http.Response) error {
	err := resp.Status
	return fmt.Errorf("unexpected status %s", err)
}

// A string parameter named err.
func fromText(err string) error {
	return fmt.Errorf("remote said: %s", err)
}

// %+v prints a pkg/errors stack trace on purpose; %#v prints Go syntax.
func withStack(err error) error {
	log.Printf("%#v", err)
	return fmt.Errorf("fatal: %+v", err)
}

// Non-error arguments with %v.
func notErrors(id int, name string) error {
	return fmt.Errorf("user %v (%s) not found", id, name)
}

// An explicit argument index: not followed.
func indexed(err error) error {
	return fmt.Errorf("%[1]v", err)
}

// The error message text of a non-error value's Error method.
type code int

func (c code) Error() string { return fmt.Sprint(int(c)) }

func fromCode(c int) error {
	return fmt.Errorf("code %s", fmt.Sprint(c))
}

// A format held in a variable, and a spread argument list: not read.
func dynamic(format string, args ...any) error {
	return fmt.Errorf(format, args...)
}

func spread(err error) error {
	args := []any{err}
	return fmt.Errorf("failed: %v", args...)
}

// A local Errorf that is not fmt's.
type reporter struct{}

func (reporter) Errorf(format string, args ...any) error { return nil }

func local(r reporter, err error) error {
	return r.Errorf("oops: %v", err)
}
