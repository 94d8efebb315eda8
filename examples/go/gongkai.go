// Package gongkai wraps the gongkai C ABI with cgo.
//
// Build the library first: cargo build --release -p gongkai-c
package gongkai

/*
#cgo CFLAGS: -I${SRCDIR}/../../bindings/c/include
#cgo LDFLAGS: -L${SRCDIR}/../../target/release -lgongkai_c -Wl,-rpath,${SRCDIR}/../../target/release
#include <stdlib.h>
#include "gongkai.h"
*/
import "C"

import (
	"errors"
	"fmt"
	"runtime"
	"unsafe"
)

// Report is a parsed report. It is freed by Close, or by the garbage collector.
type Report struct {
	ptr *C.gk_report
}

// Diagnostic is one thing the parser noticed.
type Diagnostic struct {
	// Error: a value could not be read or a check failed.
	Error bool
	// Severity: "error", "warning" (a value read with doubt) or "note" (a fact that
	// needs no action, such as a blank cell).
	Severity string
	Code     string
	Message  string
	Line     int
	Field    string
}

// severityName is the severity's name as gongkai's JSON spells it.
func severityName(s uint32) string {
	switch s {
	case C.GK_SEVERITY_ERROR:
		return "error"
	case C.GK_SEVERITY_NOTE:
		return "note"
	default:
		return "warning"
	}
}

// ErrNull is returned for a blank cell or an absent metadata value: not zero.
var ErrNull = errors.New("gongkai: value is null")

func lastError(status uint32) error {
	msg := C.gk_last_error()
	if msg == nil {
		return fmt.Errorf("gongkai: status %d", int(status))
	}
	return fmt.Errorf("gongkai: %s", C.GoString(msg))
}

// Parse parses the bytes of one report (UTF-8, UTF-16 with BOM or GB18030).
func Parse(data []byte) (*Report, error) {
	if len(data) == 0 {
		return nil, errors.New("gongkai: the input is empty")
	}
	var ptr *C.gk_report
	status := C.gk_parse((*C.uint8_t)(unsafe.Pointer(&data[0])), C.size_t(len(data)), &ptr)
	if status != C.GK_STATUS_OK {
		return nil, lastError(status)
	}
	r := &Report{ptr: ptr}
	runtime.SetFinalizer(r, (*Report).Close)
	return r, nil
}

// Close frees the report; calling it twice is safe.
func (r *Report) Close() {
	C.gk_report_free(&r.ptr)
}

// Cell reads one cell by the contract's keys; ErrNull when the cell is blank.
func (r *Report) Cell(table, row, column string) (float64, error) {
	ct, cr, cc := C.CString(table), C.CString(row), C.CString(column)
	defer C.free(unsafe.Pointer(ct))
	defer C.free(unsafe.Pointer(cr))
	defer C.free(unsafe.Pointer(cc))
	var v C.double
	switch status := C.gk_report_cell(r.ptr, ct, cr, cc, &v); status {
	case C.GK_STATUS_OK:
		return float64(v), nil
	case C.GK_STATUS_NULL:
		return 0, ErrNull
	default:
		return 0, lastError(status)
	}
}

// Meta reads a metadata value ("agency", "year", "published", ...); ErrNull when absent.
func (r *Report) Meta(name string) (string, error) {
	cn := C.CString(name)
	defer C.free(unsafe.Pointer(cn))
	var out *C.char
	switch status := C.gk_report_meta(r.ptr, cn, &out); status {
	case C.GK_STATUS_OK:
		return C.GoString(out), nil
	case C.GK_STATUS_NULL:
		return "", ErrNull
	default:
		return "", lastError(status)
	}
}

// JSON is the whole report as the contract's JSON.
func (r *Report) JSON() (string, error) {
	var out *C.char
	var n C.size_t
	if status := C.gk_report_json(r.ptr, &out, &n); status != C.GK_STATUS_OK {
		return "", lastError(status)
	}
	return C.GoStringN(out, C.int(n)), nil
}

// Diagnostics lists everything the parser noticed.
func (r *Report) Diagnostics() ([]Diagnostic, error) {
	var n C.size_t
	if status := C.gk_report_diagnostic_count(r.ptr, &n); status != C.GK_STATUS_OK {
		return nil, lastError(status)
	}
	out := make([]Diagnostic, 0, int(n))
	for i := C.size_t(0); i < n; i++ {
		var d C.gk_diagnostic
		if status := C.gk_report_diagnostic(r.ptr, i, &d); status != C.GK_STATUS_OK {
			return nil, lastError(status)
		}
		diag := Diagnostic{
			Error:    d.severity == C.GK_SEVERITY_ERROR,
			Severity: severityName(d.severity),
			Code:     C.GoString(d.code),
			Message:  C.GoString(d.message),
			Line:     int(d.line),
		}
		if d.field != nil {
			diag.Field = C.GoString(d.field)
		}
		out = append(out, diag)
	}
	return out, nil
}
