package p09eventloop

import (
	"context"

	"patterns/p09eventloop/hook"
)

// runClean is the clean twin: the slow work is handed to a goroutine
// bounded by the loop's context, sends select on ctx or drop, and the
// context-aware call is bounded by the loop's context.
func (s *Syncer) runClean(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case ev := <-s.events:
			go s.notify(ctx, ev)
			select {
			case s.out <- ev:
			case <-ctx.Done():
				return
			}
		case id := <-s.acks:
			s.persistCtx(ctx, id)
			select {
			case s.out <- event{id: id}:
			default:
			}
		}
	}
}

func (s *Syncer) notify(ctx context.Context, ev event) {
	hook.DeliverContext(ctx, s.hook, ev.body)
}

func (s *Syncer) persistCtx(ctx context.Context, id int) {
	s.db.ExecContext(ctx, "UPDATE events SET acked = 1 WHERE id = ?", id)
}
