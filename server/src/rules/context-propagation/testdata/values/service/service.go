package service

import (
	"context"

	"example.com/panel/repo"
)

var itemRepo = repo.NewIRepo()

type IItemService interface {
	Create(ctx context.Context, name string) error
	Rename(ctx context.Context, name string) error
	Keep(ctx context.Context) error
	Spawn(ctx context.Context)
	Poll(ctx context.Context) error
}

type ItemService struct {
	ctx context.Context
}

func NewIItemService() IItemService {
	return &ItemService{}
}

// Only through the repository's Create, which only reads a value: proven.
func (s *ItemService) Create(ctx context.Context, name string) error {
	if name == "" {
		return nil
	}
	return itemRepo.Create(ctx, name)
}

// The repository runs a query with it.
func (s *ItemService) Rename(ctx context.Context, name string) error {
	return itemRepo.Rename(ctx, name)
}

// Stored in the service: used later, out of sight.
func (s *ItemService) Keep(ctx context.Context) error {
	s.ctx = ctx
	return nil
}

// Handed to a goroutine.
func (s *ItemService) Spawn(ctx context.Context) {
	go func() { _ = itemRepo.Create(ctx, "x") }()
}

// Waits on its cancellation.
func (s *ItemService) Poll(ctx context.Context) error {
	<-ctx.Done()
	return ctx.Err()
}

// A service whose constructor is not in sight of the importer's index.
type IAudit interface {
	Record(ctx context.Context, what string)
}
