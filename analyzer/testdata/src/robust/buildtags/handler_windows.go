package buildtags

import (
	"net/http"
	"time"
)

// A handler that sleeps, in a file for another OS (by its name).
func handleWindows(w http.ResponseWriter, r *http.Request) {
	time.Sleep(time.Second)
}

func platformWait() {}

const platformName = "windows"
