package apptest

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
	verrors "github.com/pb33f/libopenapi-validator/errors"

	"github.com/marqueehq/marquee/api"
)

// The contract check holds every /api/v1 exchange of every test to the API
// document (api/openapi.yaml): a response must be one the document
// describes for that operation (status, headers, body schema), and a
// request the document refuses must be refused by the server (4xx). So a
// test of any module that calls the API also tests the document.

// contract is the one validator of the document per test binary; parsing
// it takes longer than most tests.
var contract = sync.OnceValues(func() (*contractValidator, error) {
	doc, err := libopenapi.NewDocument(api.YAML())
	if err != nil {
		return nil, fmt.Errorf("parse api/openapi.yaml: %w", err)
	}
	v, errs := validator.NewValidator(doc)
	if len(errs) > 0 {
		return nil, fmt.Errorf("build the validator of api/openapi.yaml: %v", errs)
	}
	return &contractValidator{v: v}, nil
})

type contractValidator struct {
	mu sync.Mutex // the validator's caches are not documented as safe for concurrent use
	v  validator.Validator
}

// ContractCounts is how many API requests and responses the contract check
// validated in this test binary (printed by tests that want the figure).
// With CONTRACT_TALLY set to a file, each exchange also appends a line to
// it ("request response" or "request -" for a stream or a cut answer), so
// a whole `go test ./...` can be counted.
var ContractCounts struct{ Requests, Responses atomic.Int64 }

func tally(responseChecked bool) {
	ContractCounts.Requests.Add(1)
	line := "request -\n"
	if responseChecked {
		ContractCounts.Responses.Add(1)
		line = "request response\n"
	}
	name := os.Getenv("CONTRACT_TALLY")
	if name == "" {
		return
	}
	f, err := os.OpenFile(name, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return
	}
	_, _ = f.WriteString(line)
	_ = f.Close()
}

// contractHandler wraps the app's handler with the contract check.
func contractHandler(t testing.TB, next http.Handler) http.Handler {
	cv, err := contract()
	if err != nil {
		t.Fatalf("contract check: %v", err)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// CORS preflights are the transport's, not the API's.
		if !strings.HasPrefix(r.URL.Path, "/api/v1/") || r.Method == http.MethodOptions {
			next.ServeHTTP(w, r)
			return
		}
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, "read body", http.StatusBadRequest)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		check := r.Clone(r.Context())
		check.Body = io.NopCloser(bytes.NewReader(body))
		rec := &recorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)

		cv.mu.Lock()
		reqOK, reqErrs := cv.v.ValidateHttpRequest(check)
		res := rec.response(check)
		resOK, resErrs := true, []*verrors.ValidationError(nil)
		// A stream's body is a sequence of events; an answer the client
		// stopped reading was cut short by the client.
		checked := !rec.streamed() && !rec.cut && r.Context().Err() == nil
		if checked {
			resOK, resErrs = cv.v.ValidateHttpResponse(check, res)
		}
		cv.mu.Unlock()
		tally(checked)
		if !reqOK && rec.status < 400 {
			t.Errorf("contract: %s %s: the document refuses this request (%s) but the server answered %d: %s",
				r.Method, r.URL.RequestURI(), describe(reqErrs), rec.status, clip(rec.body.Bytes()))
		}
		if !resOK {
			t.Errorf("contract: %s %s answered %d, which the document does not describe: %s\nbody: %s",
				r.Method, r.URL.RequestURI(), rec.status, describe(resErrs), clip(rec.body.Bytes()))
		}
	})
}

// recorder passes the response through and keeps a copy of it.
type recorder struct {
	http.ResponseWriter
	status int
	wrote  bool
	// cut is set when a write failed: the client went away.
	cut  bool
	body bytes.Buffer
}

func (r *recorder) WriteHeader(status int) {
	if !r.wrote {
		r.status, r.wrote = status, true
	}
	r.ResponseWriter.WriteHeader(status)
}

func (r *recorder) Write(b []byte) (int, error) {
	r.wrote = true
	if r.body.Len() < 4<<20 {
		r.body.Write(b)
	}
	n, err := r.ResponseWriter.Write(b)
	if err != nil {
		r.cut = true
	}
	return n, err
}

// Flush lets server-sent events through as they are written.
func (r *recorder) Flush() {
	if f, ok := r.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap serves http.ResponseController.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// streamed is an event stream, whose body is a sequence of events (its
// status and type are checked when it starts, not its whole body).
func (r *recorder) streamed() bool {
	return strings.HasPrefix(r.Header().Get("Content-Type"), "text/event-stream")
}

// response is what the client received, decompressed as its transport
// would.
func (r *recorder) response(req *http.Request) *http.Response {
	h, body := r.Header().Clone(), r.body.Bytes()
	if h.Get("Content-Encoding") == "gzip" {
		if zr, err := gzip.NewReader(bytes.NewReader(body)); err == nil {
			if plain, err := io.ReadAll(zr); err == nil {
				body = plain
				h.Del("Content-Encoding")
				h.Del("Content-Length")
			}
		}
	}
	return &http.Response{StatusCode: r.status, Header: h, Request: req,
		Body: io.NopCloser(bytes.NewReader(body)), ContentLength: int64(len(body))}
}

func describe(errs []*verrors.ValidationError) string {
	var b strings.Builder
	for i, e := range errs {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(e.Message)
		if e.Reason != "" && e.Reason != e.Message {
			b.WriteString(": " + e.Reason)
		}
		for _, f := range e.SchemaValidationErrors {
			fmt.Fprintf(&b, " [%s %s]", f.FieldPath, f.Reason)
		}
	}
	return b.String()
}

func clip(b []byte) string {
	if len(b) > 600 {
		return string(b[:600]) + "…"
	}
	return string(b)
}
