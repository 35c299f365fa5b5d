// Command shop runs the shop's HTTP API and its background workers.
package main

import (
	"context"
	"errors"
	"flag"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"example.com/shop/api"
	"example.com/shop/store"
	"example.com/shop/worker"
)

func main() {
	addr := flag.String("addr", ":8080", "address to listen on")
	dataDir := flag.String("data", "data", "directory holding products.json")
	hookURL := flag.String("webhook", "http://localhost:9000/events", "merchant webhook")
	alertURL := flag.String("alerts", "http://localhost:9001/alerts", "on-call alerts")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	catalog, err := store.Open(*dataDir)
	if err != nil {
		log.Fatalf("loading catalog: %v", err)
	}
	if usage, err := catalog.DiskUsage(); err == nil {
		log.Printf("catalog loaded from %s (%s)", *dataDir, usage)
	}
	waitFor(*hookURL)

	notifier := worker.NewNotifier(*hookURL, *alertURL)
	pool := worker.NewPool(4, 64, func(ctx context.Context, job worker.Job) error {
		ev := worker.Event{Kind: "order." + job.Kind, OrderID: job.OrderID}
		if job.Kind == "confirm" {
			notifier.DeliverContext(ctx, ev) // the merchant must hear of every confirmed order
			return nil
		}
		notifier.Notify(ev)
		return nil
	})
	go pool.Run(ctx)
	go notifier.Run(ctx)

	srv := &http.Server{
		Addr:        *addr,
		Handler:     api.New(catalog, pool).Routes(),
		BaseContext: func(net.Listener) context.Context { return ctx },
	}
	go func() {
		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			notifier.Alert("shop: " + err.Error())
			log.Fatal(err)
		}
	}()

	<-ctx.Done()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		log.Printf("shutdown: %v", err)
	}
	pool.Close()
	notifier.Stop()
}

// waitFor waits for the service at url to answer, so that the first
// requests do not all fail while it starts up.
func waitFor(url string) {
	for range 20 {
		if resp, err := http.Get(url); err == nil {
			resp.Body.Close()
			return
		}
		time.Sleep(500 * time.Millisecond)
	}
	log.Printf("%s is not answering; starting anyway", url)
}
