//go:build !linux

package store

import "log/slog"

type trimmer struct{}

func newTrimmer(string, *slog.Logger) *trimmer { return nil }

func (*trimmer) trimOver(uint64) {}

func (*trimmer) pace() {}
