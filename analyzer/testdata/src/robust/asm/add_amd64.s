//go:build amd64

#include "textflag.h"

// func add(a, b int) int
TEXT ·add(SB), NOSPLIT, $0-24
	MOVQ a+0(FP), AX
	ADDQ b+8(FP), AX
	MOVQ AX, ret+16(FP)
	RET

// func spin(n int)
TEXT ·spin(SB), NOSPLIT, $0-8
	RET
