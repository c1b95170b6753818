package render

import (
	"bytes"
	"strings"
	"sync"
)

// Reset right after Get: the guide's idiom.
func Render(name string) string {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	buf.WriteString(name)
	return buf.String()
}

var cleanPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Reset before Put: every Put of cleanPool in this file resets first, so Get returns clean buffers.
func putClean(b *bytes.Buffer) {
	b.Reset()
	cleanPool.Put(b)
}

func UseClean(s string) string {
	b := cleanPool.Get().(*bytes.Buffer)
	defer putClean(b)
	b.WriteString(s)
	return b.String()
}

// Reset in a deferred closure before Put, in the same function.
func Deferred(s string) int {
	b := bufPool.Get().(*bytes.Buffer)
	defer func() {
		b.Reset()
		bufPool.Put(b)
	}()
	b.WriteString(s)
	return b.Len()
}

// Truncate(0) empties the buffer just like Reset.
func Truncated(s string) string {
	b := bufPool.Get().(*bytes.Buffer)
	b.Truncate(0)
	b.WriteString(s)
	out := b.String()
	bufPool.Put(b)
	return out
}

// Taken and put back without being used.
func Warm() {
	b := bufPool.Get().(*bytes.Buffer)
	bufPool.Put(b)
}

// A pooled type without a Reset method: there is nothing to call.
type scratch struct{ n int }

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

func Count() int {
	s := scratchPool.Get().(*scratch)
	s.n++
	scratchPool.Put(s)
	return s.n
}

// A Get method of something that is not a sync.Pool.
type registry struct{}

func (registry) Get() any { return new(bytes.Buffer) }

func fromRegistry(r registry) string {
	b := r.Get().(*bytes.Buffer)
	b.WriteString("x")
	return b.String()
}

// A pool declared in another file (or never Put in this one): the put side is out of sight.
var builderPool sync.Pool

func Build(s string) string {
	sb := builderPool.Get().(*strings.Builder)
	sb.WriteString(s)
	return sb.String()
}
