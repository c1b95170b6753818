package files

import (
	"fmt"
	"os"
	"sync"
)

// A func literal called per iteration: its defer runs at the end of each iteration.
func perIteration(paths []string) error {
	for _, p := range paths {
		err := func() error {
			f, err := os.Open(p)
			if err != nil {
				return err
			}
			defer f.Close()
			return nil
		}()
		if err != nil {
			return err
		}
	}
	return nil
}

// The goroutine's defer belongs to the goroutine.
func workers(n int) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fmt.Println("work")
		}()
	}
	wg.Wait()
}

// The block ends in return: the defer is registered once, on the way out.
func firstReadable(paths []string) (*os.File, error) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer fmt.Println("found", p)
		return f, nil
	}
	return nil, os.ErrNotExist
}

// The block ends in panic.
func mustAll(paths []string) {
	for _, p := range paths {
		if p == "" {
			defer fmt.Println("empty path")
			panic("empty path")
		}
	}
}

// The block ends with a break out of the only loop: one defer at most.
func openFirst(paths []string) {
	var f *os.File
	for _, p := range paths {
		var err error
		f, err = os.Open(p)
		if err == nil {
			defer f.Close()
			break
		}
	}
	fmt.Println(f != nil)
}

// A labelled break out of the outermost loop.
func openAny(groups [][]string) {
Outer:
	for _, g := range groups {
		for _, p := range g {
			f, err := os.Open(p)
			if err == nil {
				defer f.Close()
				break Outer
			}
		}
	}
}

// A defer outside any loop.
func single(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	for i := 0; i < 3; i++ {
		fmt.Println(i)
	}
	return nil
}
