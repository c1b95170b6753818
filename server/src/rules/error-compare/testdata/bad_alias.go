package errs

import (
	"context"
	stderrors "errors"
)

var ErrBusy = stderrors.New("busy")

func retry(ctx context.Context, run func(context.Context) error) error {
	for {
		err := run(ctx)
		if err != ErrBusy { // want "error-compare:information"
			return err
		}
		switch err := run(ctx); err { // want "error-compare:information"
		case context.DeadlineExceeded:
			return err
		}
	}
}
