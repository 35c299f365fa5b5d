// Package service is in the middle: it inherits store's facts and
// passes them on.
package service

import "facts/store"

func Process() { // want Process:"blocks\\(sleep: time.Sleep via store.Save\\)"
	store.Save(1)
}

func Quick() int { return store.Fine() }

func Lookup(db *store.DB) int { // want Lookup:"blocks\\(chanaudit: receive from d.ch via \\(\\*store.DB\\).Get -> \\(\\*DB\\).wait\\)"
	return db.Get()
}
