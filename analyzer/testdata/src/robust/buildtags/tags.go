// Package buildtags has files for other operating systems: they are not
// part of the package as loaded here and are ignored cleanly, even where
// they declare the same names with a different shape.
package buildtags

import "net/http"

func handle(w http.ResponseWriter, r *http.Request) {
	platformWait()
	_ = platformName
}
