package learner

import (
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestCall(t *testing.T) {
	const limit = 200 * time.Millisecond
	if v, err := Call(limit, func() int { return 42 }); v != 42 || err != nil {
		t.Errorf("Call(return 42) = %v, %v", v, err)
	}
	block := make(chan int)
	defer close(block)
	for name, c := range map[string]struct {
		f    func() int
		want string
	}{
		"panic":           {func() int { panic("boom") }, "a panic: boom"},
		"nil dereference": {func() int { var p *int; return *p }, "a panic: runtime error"},
		"Goexit":          {func() int { runtime.Goexit(); return 1 }, "Goexit"},
		"hang":            {func() int { return <-block }, ErrTimeout.Error()},
	} {
		if _, err := Call(limit, c.f); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", name, err, c.want)
		}
	}
	if _, err := Call(limit, func() int { return <-block }); !errors.Is(err, ErrTimeout) {
		t.Errorf("a hang: %v, want ErrTimeout", err)
	}
}
