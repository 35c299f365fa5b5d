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

// cleanup runs for the life of the server.
func (s *server) cleanup() {
	for {
		s.db.Exec("delete from sessions where expired") // want `\(\*sql\.DB\)\.Exec in the goroutine \(\*server\)\.cleanup started in main of an HTTP server ignores cancellation: use \(\*sql\.DB\)\.ExecContext`
		time.Sleep(time.Minute)                         // want `time\.Sleep in the goroutine \(\*server\)\.cleanup started in main of an HTTP server ignores cancellation`
	}
}

func (s *server) warm() {
	time.Sleep(time.Second) // want `time\.Sleep in the time\.AfterFunc callback set in main of an HTTP server ignores cancellation`
}

func main() {
	db, _ := sql.Open("driver", "dsn")
	s := &server{db: db}
	go s.cleanup()
	go func() {
		for range time.Tick(time.Second) { // want `range over time\.Tick\(time\.Second\) in the goroutine started in main of an HTTP server`
			http.Get("http://localhost:8080/health") // want `http\.Get in the goroutine started in main of an HTTP server ignores cancellation`
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
