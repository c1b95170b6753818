package errs

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"syscall"

	"example.com/app/internal/pool"
	"github.com/zeromicro/go-zero/core/stores/sqlc"
)

var ErrNotFound = errors.New("not found")

// ErrStatus is a string, not an error.
var ErrStatus = "failed"

// ErrCodeInvalid is an integer code.
const ErrCodeInvalid = 3

func find(id string) error {
	if id == "" {
		return ErrNotFound
	}
	return nil
}

func parse(data []byte) (int, error) {
	if len(data) == 0 {
		return 0, io.EOF
	}
	return len(data), nil
}

// Comparisons with nil.
func ok(err error) bool {
	return err == nil || nil != err
}

// Already errors.Is.
func missing(err error) bool {
	return errors.Is(err, ErrNotFound)
}

// Inside an Is method comparing by identity is the point.
type NotFoundError struct{ Key string }

func (e *NotFoundError) Error() string { return e.Key + " not found" }

func (e *NotFoundError) Is(target error) bool {
	return target == ErrNotFound
}

// io.EOF straight from a Read: io.Reader returns it unwrapped.
func drain(r io.Reader) error {
	buf := make([]byte, 512)
	for {
		_, err := r.Read(buf)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// bufio.Reader.ReadString, reassigned in a loop.
func lines(r *bufio.Reader) (n int, err error) {
	var line string
	for {
		line, err = r.ReadString('\n')
		n += len(line)
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
	}
}

// json.Decoder.Decode returns io.EOF itself at the end of the stream; also in a switch.
func decodeAll(dec *json.Decoder) error {
	for {
		var v map[string]any
		switch err := dec.Decode(&v); err {
		case nil:
		case io.EOF:
			return nil
		default:
			return err
		}
	}
}

// A gRPC-style stream: Recv returns io.EOF when the peer closes the stream.
type stream interface{ Recv() (string, error) }

func receive(s stream) error {
	for {
		_, err := s.Recv()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// Comparing two error values that are not sentinels (table tests).
func same(got, want error) bool {
	return got == want
}

// Err-named values that are not errors.
func statusCheck(status string, code int) bool {
	return status == ErrStatus || code == ErrCodeInvalid
}

// A message compared with a variable rather than a literal: not read.
func sameMessage(err error, msg string) bool {
	return err.Error() == msg
}

// ctx.Err() returns context.Canceled and context.DeadlineExceeded unwrapped.
func stopped(ctx context.Context) bool {
	err := ctx.Err()
	return err == context.Canceled || ctx.Err() == context.DeadlineExceeded
}

// io.EOF is compared by identity by design: io requires Read to return EOF itself, unwrapped.
func parseAll(data []byte) error {
	for {
		_, err := parse(data)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

var errRetry = errors.New("retry")

// An unexported sentinel of this package: an internal signal only this package creates.
func again(err error) bool {
	return err == errRetry
}

// The error comes straight from the package that defines the sentinel, which returns it as is.
func readLine(r *bufio.Reader) ([]byte, error) {
	line, err := r.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		return line, nil
	}
	return line, err
}

// Scan returns sql.ErrNoRows itself, as database/sql documents.
func userName(ctx context.Context, db *sql.DB, id int64) (string, error) {
	var name string
	err := db.QueryRowContext(ctx, "SELECT name FROM users WHERE id = $1", id).Scan(&name)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return name, err
}

// The error last came from io.ReadFull; the closure's assignment to err runs only if called.
func readHeader(r io.Reader, buf []byte, onRetry func() error) (func(), error) {
	_, err := io.ReadFull(r, buf)
	retry := func() { err = onRetry() }
	if err == io.ErrUnexpectedEOF {
		return retry, nil
	}
	return retry, err
}

// The documented pairs where the receiver cannot be resolved: ListenAndServe returns
// http.ErrServerClosed itself after Shutdown, and Row.Scan returns sql.ErrNoRows itself.
type app struct {
	server interface{ ListenAndServe() error }
	users  interface {
		QueryRow(query string, args ...any) interface{ Scan(dest ...any) error }
	}
}

func (a *app) run() error {
	if err := a.server.ListenAndServe(); err != nil && err != http.ErrServerClosed {
		return err
	}
	return nil
}

func (a *app) exists(id int64) (bool, error) {
	var found int64
	err := a.users.QueryRow("SELECT id FROM users WHERE id = $1", id).Scan(&found)
	if err == sql.ErrNoRows {
		return false, nil
	}
	return err == nil, err
}

// io.ReadFull and io.ReadAtLeast return io.ErrUnexpectedEOF and io.ErrShortBuffer themselves.
func header(r io.Reader, buf []byte) error {
	_, err := io.ReadAtLeast(r, buf, 4)
	if err == io.ErrUnexpectedEOF || err == io.ErrShortBuffer {
		return nil
	}
	return err
}

// syscall's functions return their errno values as they are.
func readRetry(fd int, buf []byte) (int, error) {
	for {
		n, err := syscall.Read(fd, buf)
		if err == syscall.EINTR {
			continue
		}
		return n, err
	}
}

// mime.ParseMediaType returns ErrInvalidMediaParameter itself, along with the media type.
func mediaType(v string) (string, error) {
	media, _, err := mime.ParseMediaType(v)
	if err == mime.ErrInvalidMediaParameter {
		return media, nil
	}
	return media, err
}

// This package's sentinel, compared with what this package's own function returns: its authors
// write both sides and decide whether the error is ever wrapped.
func lookup(id string) error {
	err := find(id)
	if err != nil {
		if ErrNotFound == err {
			return nil
		}
		return err
	}
	return nil
}

// A sentinel of an internal package (only this project can import it), compared with what a
// method of this package's own type returns.
type subscriber struct{}

func (subscriber) receive() (string, error) { return "", pool.ErrClosed }

func drainSubscriber(s subscriber) {
	for {
		_, err := s.receive()
		if err == pool.ErrClosed {
			return
		}
	}
}

// go-zero's row queries return ErrNotFound as it is; goctl's generated models compare it with ==.
type userModel struct {
	conn interface {
		QueryRow(v any, query string, args ...any) error
	}
}

func (m *userModel) findOne(id int64) (string, error) {
	var name string
	err := m.conn.QueryRow(&name, "select name from user where id = ?", id)
	switch err {
	case nil:
		return name, nil
	case sqlc.ErrNotFound:
		return "", nil
	default:
		return "", err
	}
}

// The same in a switch whose initializer makes the call.
func drainSwitch(s subscriber) string {
	switch _, err := s.receive(); err {
	case nil:
		return "ok"
	case pool.ErrClosed:
		return "closed"
	default:
		return "failed"
	}
}

// ErrUnexpectedEOF asked together with io.EOF: the read family's end of input, returned bare.
func shouldRetry(err error) bool {
	switch err {
	case io.EOF, io.ErrUnexpectedEOF:
		return true
	}
	return false
}

func endOfInput(err error) bool {
	return err == io.EOF || err == io.ErrUnexpectedEOF
}
