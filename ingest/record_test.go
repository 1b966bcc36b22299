package ingest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func parseLine(t *testing.T, line string) (Record, error) {
	t.Helper()
	var p jsonParser
	var raw rawFields
	var rec Record
	if err := p.parse([]byte(line), &raw); err != nil {
		return rec, err
	}
	err := raw.validate(&rec, nil)
	return rec, err
}

func TestParseValidRecords(t *testing.T) {
	tests := []struct {
		name  string
		line  string
		check func(t *testing.T, r Record)
	}{
		{"epoch integer", `{"ts":1700000000,"account":"a"}`, func(t *testing.T, r Record) {
			assert.Equal(t, int64(1700000000000), r.TS)
			assert.Equal(t, "a", string(r.Account))
			assert.False(t, r.Signup)
		}},
		{"epoch decimal", `{"ts":1700000000.25,"account":"a"}`, func(t *testing.T, r Record) {
			assert.Equal(t, int64(1700000000250), r.TS)
		}},
		{"epoch decimal past the millisecond, dropped as in RFC 3339", `{"ts":1740963599.9999,"account":"a"}`, func(t *testing.T, r Record) {
			assert.Equal(t, int64(1740963599999), r.TS, "still 00:59:59.999")
		}},
		{"rfc3339 past the millisecond", `{"ts":"2025-03-03T00:59:59.9999Z","account":"a"}`, func(t *testing.T, r Record) {
			assert.Equal(t, int64(1740963599999), r.TS)
		}},
		{"epoch decimal a float cannot hold", `{"ts":1700000000.123,"account":"a"}`, func(t *testing.T, r Record) {
			assert.Equal(t, int64(1700000000123), r.TS)
		}},
		{"epoch fraction alone", `{"ts":".5","account":"a"}`, func(t *testing.T, r Record) {
			assert.Equal(t, int64(500), r.TS)
		}},
		{"epoch as string", `{"ts":"1700000000","account":"a"}`, func(t *testing.T, r Record) {
			assert.Equal(t, int64(1700000000000), r.TS)
		}},
		{"rfc3339 with offset", `{"ts":"2023-11-14T23:13:20+01:00","account":"a"}`, func(t *testing.T, r Record) {
			assert.Equal(t, int64(1700000000000), r.TS)
		}},
		{"rfc3339 nanos", `{"ts":"2023-11-14T22:13:20.5Z","account":"a"}`, func(t *testing.T, r Record) {
			assert.Equal(t, int64(1700000000500), r.TS)
		}},
		{"rfc3339 lower-case t and z", `{"ts":"2023-11-14t22:13:20z","account":"a"}`, func(t *testing.T, r Record) {
			assert.Equal(t, int64(1700000000000), r.TS)
		}},
		{"rfc3339 leap second", `{"ts":"2016-12-31T23:59:60Z","account":"a"}`, func(t *testing.T, r Record) {
			assert.Equal(t, int64(1483228800000), r.TS, "the first instant of 2017")
		}},
		{"signup with email", `{"ts":1,"account":"a","type":"signup","email":"A.B+promo@GMAIL.com"}`, func(t *testing.T, r Record) {
			assert.True(t, r.Signup)
			assert.Equal(t, "ab@gmail.com", string(r.Email))
		}},
		{"blank values are absent", `{"ts":1,"account":"a","payment":"  ","device":"\t","email":" ","prompt":" \n ","template":"\u00a0"}`, func(t *testing.T, r Record) {
			assert.Nil(t, r.Payment)
			assert.Nil(t, r.Device)
			assert.Nil(t, r.Email)
			assert.Nil(t, r.Prompt)
			assert.Nil(t, r.Template)
		}},
		{"values with spaces inside stay exact", `{"ts":1,"account":"a","payment":" pm 1 ","template":" t "}`, func(t *testing.T, r Record) {
			assert.Equal(t, " pm 1 ", string(r.Payment))
			assert.Equal(t, " t ", string(r.Template))
		}},
		{"ipv6 and ipv4-mapped", `{"ts":1,"account":"a","ip":"::ffff:10.1.2.3"}`, func(t *testing.T, r Record) {
			assert.Equal(t, "10.1.2.3", r.IP.String())
		}},
		{"escapes and unicode", `{"ts":1,"account":"\u00e9t\u00e9 \ud83d\ude00\n","device":"d\"1"}`, func(t *testing.T, r Record) {
			assert.Equal(t, "été 😀\n", string(r.Account))
			assert.Equal(t, `d"1`, string(r.Device))
		}},
		{"unknown fields of every type ignored", `{"ts":1,"x":{"y":[1,true,null,{"z":"w"}]},"account":"a","n":-1.5e3}`, func(t *testing.T, r Record) {
			assert.Equal(t, "a", string(r.Account))
		}},
		{"empty strings mean absent", `{"ts":1,"account":"a","ip":"","payment":"","type":"","tokens":""}`, func(t *testing.T, r Record) {
			assert.False(t, r.IP.IsValid())
			assert.Empty(t, r.Payment)
			assert.Zero(t, r.Tokens)
		}},
		{"null means absent", `{"ts":1,"account":"a","ip":null}`, func(t *testing.T, r Record) {
			assert.False(t, r.IP.IsValid())
		}},
		{"tokens", `{"ts":1,"account":"a","tokens":1234}`, func(t *testing.T, r Record) {
			assert.Equal(t, uint64(1234), r.Tokens)
		}},
		{"account of 256 bytes", `{"ts":1,"account":"` + string(make256('x')) + `"}`, func(t *testing.T, r Record) {
			assert.Len(t, r.Account, 256)
		}},
		{"template bypasses prompt", `{"ts":1,"account":"a","prompt":"hi","template":"T7"}`, func(t *testing.T, r Record) {
			assert.Equal(t, "T7", string(r.Template))
			assert.Equal(t, "hi", string(r.Prompt))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := parseLine(t, tt.line)
			require.NoError(t, err)
			tt.check(t, r)
		})
	}
}

func make256(c byte) []byte {
	b := make([]byte, 256)
	for i := range b {
		b[i] = c
	}
	return b
}

func TestParseRejects(t *testing.T) {
	tests := []struct {
		name, line, reason string
	}{
		{"not json", `hello`, "not a JSON object"},
		{"array", `[1,2]`, "not a JSON object"},
		{"trailing garbage", `{"ts":1,"account":"a"} x`, "unexpected text after the object"},
		{"truncated", `{"ts":1,"account":"a"`, "expected ',' or '}'"},
		{"unterminated string", `{"ts":1,"account":"a`, "unterminated string"},
		{"missing ts", `{"account":"a"}`, "missing required field ts"},
		{"missing account", `{"ts":1}`, "missing required field account"},
		{"empty account", `{"ts":1,"account":""}`, "missing required field account"},
		{"numeric account", `{"ts":1,"account":12}`, "account must be a string"},
		{"account too long", `{"ts":1,"account":"` + string(make256('x')) + `y"}`, "account is 257 bytes"},
		{"bad ts text", `{"ts":"yesterday","account":"a"}`, "neither RFC 3339 nor Unix epoch"},
		{"negative ts", `{"ts":-5,"account":"a"}`, "out of range"},
		{"exponent ts", `{"ts":"1e9","account":"a"}`, "neither RFC 3339"},
		{"leap second not at a minute's end", `{"ts":"2016-12-31T23:59:61Z","account":"a"}`, "neither RFC 3339"},
		{"before 1970", `{"ts":"1969-12-31T23:00:00Z","account":"a"}`, "out of range (1970 to 9999)"},
		{"bool ts", `{"ts":true,"account":"a"}`, "ts must be a string or a number"},
		{"bad type", `{"ts":1,"account":"a","type":"login"}`, `type "login" is neither`},
		{"bad ip", `{"ts":1,"account":"a","ip":"300.1.1.1"}`, "is not an IPv4 or IPv6"},
		{"ip with zone", `{"ts":1,"account":"a","ip":"fe80::1%eth0"}`, "is not an IPv4 or IPv6"},
		{"numeric ip", `{"ts":1,"account":"a","ip":123}`, "ip must be a string"},
		{"bad email", `{"ts":1,"account":"a","email":"not-an-email"}`, "is not an address"},
		{"email only tag", `{"ts":1,"account":"a","email":"+x@example.com"}`, "empty mailbox"},
		{"negative tokens", `{"ts":1,"account":"a","tokens":-1}`, "not a non-negative integer"},
		{"fractional tokens", `{"ts":1,"account":"a","tokens":1.5}`, "not a non-negative integer"},
		{"huge tokens", `{"ts":1,"account":"a","tokens":99999999999999999999}`, "too large (at most 9223372036854775807)"},
		{"invalid utf8", "{\"ts\":1,\"account\":\"\xff\"}", "not valid UTF-8"},
		{"blank account", `{"ts":1,"account":" \t\u3000"}`, "account is blank"},
		{"invisible account", `{"ts":1,"account":"\u200b\ufeff\u2060"}`, "account is blank"},
		{"bad escape", `{"ts":1,"account":"a\q"}`, `bad escape`},
		{"lone high surrogate", `{"ts":1,"account":"\ud800"}`, `\u escape at byte 19 is half of a UTF-16 surrogate pair`},
		{"lone low surrogate", `{"ts":1,"account":"x\udc00"}`, "half of a UTF-16 surrogate pair"},
		{"high surrogate then a letter", `{"ts":1,"account":"\ud800\u0041"}`, "half of a UTF-16 surrogate pair"},
		{"control char", "{\"ts\":1,\"account\":\"a\tb\"}", "control character"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseLine(t, tt.line)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.reason)
		})
	}
}

func TestCanonicalEmail(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Alice@Example.com", "alice@example.com"},
		{"j.o.h.n@gmail.com", "john@gmail.com"},
		{"J.Ohn+spam@GoogleMail.com", "john@gmail.com"},
		{"first.last+x@outlook.com", "first.last@outlook.com"},
		{"  bob@corp.example  ", "bob@corp.example"},
		{"Émile@Exämple.COM", "émile@exämple.com"},
		{"ÉMILE+x@ÄRZTE.de", "émile@ärzte.de"},
		{"J.Ö.rg@GMAIL.com", "jörg@gmail.com"},
		{"ΣΟΦΙΑΣ@example.gr", "σοφιασ@example.gr"},
		{"σοφιας@example.gr", "σοφιασ@example.gr"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := CanonicalEmail(nil, []byte(tt.in))
			require.NoError(t, err)
			assert.Equal(t, tt.want, string(got))
		})
	}
	for _, bad := range []string{"", "@x.com", "a@", "a@b", "a b@c.com", "a@b.com.", "...@gmail.com"} {
		_, err := CanonicalEmail(nil, []byte(bad))
		assert.Error(t, err, bad)
	}
}

// FuzzParseRecord checks that the parser never panics and never accepts a
// record that breaks SPEC.md: an accepted line is valid JSON (per
// encoding/json) holding an object whose account and ts agree with ours.
func FuzzParseRecord(f *testing.F) {
	for _, s := range []string{
		`{"ts":1700000000,"account":"a","ip":"1.2.3.4","payment":"p","device":"d","email":"x@y.com","prompt":"hi","tokens":3}`,
		`{"ts":"2023-11-14T22:13:20Z","account":"\u00e9","type":"signup"}`,
		`{"ts":1.5,"account":"a","x":[{"y":null}]}`,
		`{"ts":1,"account":"a","ip":"::1"}`,
		`not json`, `{}`, `{"ts":}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		rec, err := parseLine(t, line)
		if err != nil {
			return
		}
		var obj map[string]any
		if jerr := json.Unmarshal([]byte(line), &obj); jerr != nil {
			t.Fatalf("accepted %q which encoding/json rejects: %v", line, jerr)
		}
		acct, ok := obj["account"].(string)
		if !ok || acct != string(rec.Account) || len(acct) == 0 || len(acct) > maxAccountLen {
			t.Fatalf("accepted %q with account %q; encoding/json sees %v", line, rec.Account, obj["account"])
		}
		if rec.TS < 0 || rec.TS >= tsEnd.UnixMilli() {
			t.Fatalf("accepted ts %d, out of 1970 to 9999 UTC, in %q", rec.TS, line)
		}
		if ip, ok := obj["ip"].(string); ok && ip != "" && !rec.IP.IsValid() {
			t.Fatalf("accepted %q but dropped its ip", line)
		}
	})
}

// TestTSRangeIsCheckedInUTC: ts must lie between 1970 and 9999 as an
// instant, whatever form and offset it is written in. A local time in
// 9999 that is 10000 in UTC, or one in 1970 that is 1969 in UTC, is
// rejected with the reason the same instant in epoch seconds gets, at
// its file and line; the instants at both ends are accepted.
func TestTSRangeIsCheckedInUTC(t *testing.T) {
	const outOfRange = "is out of range (1970 to 9999)"
	tests := []struct {
		name string
		ts   string // the JSON value
		want int64  // unix ms when accepted
		err  string // the reason when rejected
	}{
		{"past 9999 through a negative offset", `"9999-12-31T23:59:59-01:00"`, 0, outOfRange + ": in UTC it is 10000-01-01T00:59:59Z"},
		{"past 9999 through a leap second", `"9999-12-31T23:59:60Z"`, 0, outOfRange},
		{"past 9999 in epoch seconds", `253402300800`, 0, outOfRange},
		{"past 9999 in epoch seconds as a string", `"253402300800"`, 0, outOfRange},
		{"past 9999 in epoch seconds by a fraction", `253402300800.0001`, 0, outOfRange},
		{"the last millisecond of 9999 with more digits", `253402300799.9999`, 253402300799999, ""},
		{"the last millisecond of 9999, more digits than a float holds", `253402300799.99999`, 253402300799999, ""},
		{"past 9999 by far", `99999999999999999999.5`, 0, outOfRange},
		{"before 1970 through a positive offset", `"1970-01-01T00:30:00+01:00"`, 0, outOfRange + ": in UTC it is 1969-12-31T23:30:00Z"},
		{"before 1970 in UTC", `"1969-12-31T23:59:59.999Z"`, 0, outOfRange},
		{"before 1970 in epoch seconds", `-0.5`, 0, outOfRange},
		{"last instant of 9999 in UTC", `"9999-12-31T23:59:59.999Z"`, 253402300799999, ""},
		{"last second of 9999 through an offset", `"10000-01-01T00:59:59+01:00"`, 0, "neither RFC 3339"},
		{"last second of 9999 written in an earlier zone", `"9999-12-31T22:59:59-01:00"`, 253402300799000, ""},
		{"last second of 9999 in epoch seconds", `253402300799`, 253402300799000, ""},
		{"last millisecond of 9999 in epoch seconds", `253402300799.999`, 253402300799999, ""},
		{"first instant of 1970 through an offset", `"1970-01-01T01:00:00+01:00"`, 0, ""},
		{"first instant of 1970 in epoch seconds", `0`, 0, ""},
	}
	var in bytes.Buffer
	for _, tt := range tests {
		fmt.Fprintf(&in, `{"ts":%s,"account":"a"}`+"\n", tt.ts)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := parseLine(t, fmt.Sprintf(`{"ts":%s,"account":"a"}`, tt.ts))
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, r.TS)
		})
	}
	t.Run("rejected at file and line", func(t *testing.T) {
		s, _ := openTestDB(t)
		var rej bytes.Buffer
		p := writeTemp(t, "ts.jsonl", in.Bytes())
		_, err := Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{p}, Rejects: &rej})
		require.NoError(t, err)
		got := map[int64]string{}
		for _, l := range strings.Split(strings.TrimSpace(rej.String()), "\n") {
			var r reject
			require.NoError(t, json.Unmarshal([]byte(l), &r))
			assert.Equal(t, p, r.Source)
			got[r.Line] = r.Reason
		}
		for i, tt := range tests {
			if tt.err == "" {
				assert.NotContains(t, got, int64(i+1), tt.name)
			} else if assert.Contains(t, got, int64(i+1), tt.name) {
				assert.Contains(t, got[int64(i+1)], tt.err, tt.name)
			}
		}
	})
}
