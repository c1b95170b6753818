package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	gosync "sync"
)

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Written to straight from the pool, and put back dirty.
func Encode(v any) ([]byte, error) {
	buf := bufPool.Get().(*bytes.Buffer) // want "sync-pool-reset"
	defer bufPool.Put(buf)
	if err := json.NewEncoder(buf).Encode(v); err != nil {
		return nil, err
	}
	return append([]byte(nil), buf.Bytes()...), nil
}

// The same pool through a method call on the buffer.
func Greeting(name string) string {
	b := bufPool.Get().(*bytes.Buffer) // want "sync-pool-reset"
	b.WriteString("hello, ")
	b.WriteString(name)
	s := b.String()
	bufPool.Put(b)
	return s
}

var builders = &gosync.Pool{New: func() any { return new(strings.Builder) }}

// A strings.Builder from a pool declared as a pointer, with an import alias.
func Join(parts []string) string {
	sb := builders.Get().(*strings.Builder) // want "sync-pool-reset"
	for _, p := range parts {
		sb.WriteString(p)
	}
	out := sb.String()
	builders.Put(sb)
	return out
}

// A local type with a Reset method, pooled in a struct field.
type frame struct{ data []byte }

func (f *frame) Reset() { f.data = f.data[:0] }

type Writer struct {
	frames sync.Pool
}

func (w *Writer) Frame(payload []byte) int {
	var f = w.frames.Get().(*frame) // want "sync-pool-reset"
	f.data = append(f.data, payload...)
	n := len(f.data)
	w.frames.Put(f)
	return n
}

// Passed to fmt.Fprintf before any Reset; assigned with = to an existing variable.
func Line(format string, args ...any) string {
	var buf *bytes.Buffer
	buf = bufPool.Get().(*bytes.Buffer) // want "sync-pool-reset"
	fmt.Fprintf(buf, format, args...)
	line := buf.String()
	bufPool.Put(buf)
	return line
}
