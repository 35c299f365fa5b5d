package p03sleep

import (
	"context"
	"testing"
	"time"
)

// Test files are not analysed unless -tests is set.
func TestUploadRetries(t *testing.T) {
	done := make(chan struct{})
	go func() {
		time.Sleep(10 * time.Millisecond)
		close(done)
	}()
	u := &Uploader{attempts: 2, base: time.Millisecond}
	if err := u.Upload(context.Background(), []byte("x")); err != nil {
		t.Fatal(err)
	}
	<-done
}
