package p04ctxless

import "net"

// dialNoCtx has no context and no entry point reaches it.
func dialNoCtx(addr string) (net.Conn, error) { // want dialNoCtx:`blocks\(net: net\.Dial\)`
	return net.Dial("tcp", addr)
}
