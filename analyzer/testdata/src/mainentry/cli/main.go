// Command cli does its work and returns: the goroutines its main
// starts end with it, and nothing is reported.
package main

import (
	"database/sql"
	"time"
)

type server struct {
	db *sql.DB
}

func (s *server) cleanup() {
	for {
		s.db.Exec("delete from sessions where expired")
		time.Sleep(time.Minute)
	}
}

func main() {
	db, _ := sql.Open("driver", "dsn")
	s := &server{db: db}
	go s.cleanup()
	go func() {
		time.Sleep(time.Second)
	}()
	db.Exec("vacuum")
}
