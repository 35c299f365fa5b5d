package sleeps

import "time"

func Pause() { time.Sleep(time.Second) } // want Pause:`blocks\(sleep: time.Sleep\)`
