package worker

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"time"
)

// An Event is what the merchant's webhook receives.
type Event struct {
	Kind    string `json:"kind"`
	OrderID string `json:"order_id"`
}

func (ev Event) body() []byte {
	b, _ := json.Marshal(ev)
	return b
}

// Notifier posts order events to the merchant's webhook and alerts to
// the on-call channel.
type Notifier struct {
	client            *http.Client
	hookURL, alertURL string
	events            chan Event
	alerts            chan string
	quit              chan struct{}
}

func NewNotifier(hookURL, alertURL string) *Notifier {
	return &Notifier{
		client:  &http.Client{Timeout: 10 * time.Second},
		hookURL: hookURL, alertURL: alertURL,
		events: make(chan Event, 100),
		alerts: make(chan string, 10),
		quit:   make(chan struct{}),
	}
}

// Notify queues ev for the webhook, dropping it when the queue is full.
func (n *Notifier) Notify(ev Event) {
	select {
	case n.events <- ev:
	default:
		log.Printf("notify: queue full, dropping %s for order %s", ev.Kind, ev.OrderID)
	}
}

// Alert queues msg for the on-call channel, dropping it when the queue
// is full.
func (n *Notifier) Alert(msg string) {
	select {
	case n.alerts <- msg:
	default:
	}
}

// Run delivers queued events and alerts until Stop is called. ctx
// bounds the requests it makes.
func (n *Notifier) Run(ctx context.Context) {
	for {
		select {
		case ev := <-n.events:
			// BUG: a slow webhook holds up the whole loop, Stop included.
			resp, err := http.Post(n.hookURL, "application/json", bytes.NewReader(ev.body())) // want `http.Post in a case of the event loop in \(\*Notifier\).Run stalls every other case`
			if err != nil {
				log.Printf("notify: %v", err)
				continue
			}
			resp.Body.Close()
		case msg := <-n.alerts:
			go n.post(ctx, n.alertURL, []byte(msg))
		case <-n.quit:
			return
		}
	}
}

// Stop ends Run.
func (n *Notifier) Stop() { close(n.quit) }

func (n *Notifier) post(ctx context.Context, url string, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	resp, err := n.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("%s answered %s", url, resp.Status)
	}
	return nil
}

// Deliver posts ev to the webhook in the background, retrying with
// exponential backoff.
func (n *Notifier) Deliver(ev Event) {
	go func() {
		backoff := 200 * time.Millisecond
		for range 5 {
			if n.post(context.Background(), n.hookURL, ev.body()) == nil {
				return
			}
			// BUG: nothing can stop this goroutine; shutdown has to wait out the backoff.
			time.Sleep(backoff) // want `time.Sleep in the goroutine started in \(\*Notifier\).Deliver`
			backoff *= 2
		}
	}()
}

// DeliverContext is Deliver bounded by ctx: cancelling ctx ends the
// retries.
func (n *Notifier) DeliverContext(ctx context.Context, ev Event) {
	go func() {
		backoff := 200 * time.Millisecond
		for range 5 {
			if n.post(ctx, n.hookURL, ev.body()) == nil {
				return
			}
			t := time.NewTimer(backoff)
			select {
			case <-ctx.Done():
				t.Stop()
				return
			case <-t.C:
			}
			backoff *= 2
		}
	}()
}
