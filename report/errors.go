package report

// InternalError is a failure of the tool itself, which no input should
// cause: drawing or rendering with the built-in templates. The command
// line asks for it to be reported.
type InternalError struct{ Err error }

func (e *InternalError) Error() string { return e.Err.Error() }
func (e *InternalError) Unwrap() error { return e.Err }

// internal marks err as the tool's own failure when the built-in templates
// were used; with a templates folder, the user's templates may be the
// cause, and err is returned as it is.
func (cfg Config) internal(err error) error {
	if err == nil || cfg.Templates != "" {
		return err
	}
	return &InternalError{err}
}
