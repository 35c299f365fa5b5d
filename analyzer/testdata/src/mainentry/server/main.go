// Command server serves HTTP: the goroutines its main starts run as
// long as the server, and are entry points; main itself is not.
package main

import (
	"database/sql"
	"net/http"
	"time"
)

type server struct {
	db *sql.DB
}

// cleanup runs for the life of the server, and nothing can stop it:
// its sleep is the finding. The query has no context to honour.
func (s *server) cleanup() {
	for {
		s.db.Exec("delete from sessions where expired")
		time.Sleep(time.Minute) // want `time\.Sleep in the goroutine \(\*server\)\.cleanup started in main of an HTTP server ignores cancellation`
	}
}

// warm pauses once in a callback nothing could stop: no finding.
func (s *server) warm() {
	time.Sleep(time.Second)
}

func main() {
	db, _ := sql.Open("driver", "dsn")
	s := &server{db: db}
	go s.cleanup()
	go func() {
		for range time.Tick(time.Second) { // want `range over time\.Tick\(time\.Second\) in the goroutine started in main of an HTTP server`
			http.Get("http://localhost:8080/health") // no context to honour: the ticker is the finding
		}
	}()
	time.AfterFunc(time.Second, s.warm)
	// main itself is no entry point: what it does before serving is
	// start-up.
	time.Sleep(time.Second)
	db.Exec("create table if not exists sessions (id text)")
	srv := &http.Server{Addr: ":8080"}
	srv.ListenAndServe()
}
