package gongkai

import (
	"encoding/json"
	"errors"
	"os"
	"testing"
)

const corpus = "../../crates/gongkai/tests/fixtures/corpus/"

func parseFile(t *testing.T, name string) *Report {
	t.Helper()
	data, err := os.ReadFile(corpus + name)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestCorpusValues(t *testing.T) {
	r := parseFile(t, "003_b66439113936b5c6.txt")
	defer r.Close()
	if agency, _ := r.Meta("agency"); agency != "硚口区卫健局" {
		t.Errorf("agency = %q", agency)
	}
	if v, err := r.Cell("applications", "withheld_enforcement_files", "natural_person"); err != nil || v != 2 {
		t.Errorf("withheld_enforcement_files.natural_person = %v, %v", v, err)
	}
	if v, err := r.Cell("active_disclosure", "punishment", "decisions"); err != nil || v != 53 {
		t.Errorf("punishment = %v, %v", v, err)
	}
	js, err := r.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(js), &doc); err != nil || doc["template"] != "2021" {
		t.Errorf("json: %v %v", err, doc["template"])
	}
}

func TestNullIsNotZero(t *testing.T) {
	r := parseFile(t, "000_4ad21a775c00ab02.txt")
	defer r.Close()
	if _, err := r.Cell("applications", "other_unpaid_fee", "total"); !errors.Is(err, ErrNull) {
		t.Errorf("blank cell: %v", err)
	}
	if _, err := r.Meta("address"); !errors.Is(err, ErrNull) {
		t.Errorf("absent address: %v", err)
	}
	diags, err := r.Diagnostics()
	if err != nil || len(diags) == 0 {
		t.Fatalf("diagnostics: %v %d", err, len(diags))
	}
	// The blank cell is named, as a note: a fact, not a doubt.
	noted := false
	for _, d := range diags {
		if d.Code == "blank_cell" && d.Field == "applications.other_unpaid_fee.total" {
			noted = d.Severity == "note" && !d.Error
		}
	}
	if !noted {
		t.Errorf("no blank_cell note for applications.other_unpaid_fee.total")
	}
}

func TestBadInput(t *testing.T) {
	if _, err := Parse(nil); err == nil {
		t.Error("empty input parsed")
	}
	if _, err := Parse([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 14, 15}); err == nil {
		t.Error("binary input parsed")
	}
	r := parseFile(t, "004_0ab517357debe96d.txt")
	r.Close()
	r.Close() // twice is safe
	if _, err := r.Cell("applications", "new_received", "total"); err == nil {
		t.Error("closed report answered")
	}
}
