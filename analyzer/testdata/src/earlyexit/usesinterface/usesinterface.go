package usesinterface

import (
	"context"
	"database/sql"
)

type store interface{ Ping() error }

// Run calls (*sql.DB).Ping: a catalog function reached through a
// selector, with no import of database/sql's functions by name.
func Run(ctx context.Context, db *sql.DB) error {
	return db.Ping() // want `\(\*sql.DB\).Ping in Run`
}
