"""Every fixture's output validates against the published JSON Schema, read as any
consumer in another language would read it: a file and a stock validator."""

import json
import pathlib

import jsonschema
import pytest

import gongkai

SCHEMA = pathlib.Path(__file__).resolve().parents[3] / "docs/report.schema.json"


def inputs(root):
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and p.suffix not in (".json", ".md")
    )


def test_every_fixture_output_is_valid(fixtures_dir):
    schema = json.loads(SCHEMA.read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    validator.check_schema(schema)
    checked = 0
    for path in inputs(fixtures_dir):
        try:
            report = gongkai.parse_file(path)
        except gongkai.ParseError:
            continue  # fixtures that are meant to be refused (garbage, scans)
        errors = [
            f"{'.'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(json.loads(report.to_json()))
        ]
        assert not errors, f"{path}: {errors[:5]}"
        checked += 1
    assert checked >= 60


def test_the_schema_rejects_what_the_contract_forbids():
    schema = json.loads(SCHEMA.read_text("utf-8"))
    report = json.loads(gongkai.parse("一、总体情况\n").to_json())
    jsonschema.validate(report, schema)
    report["applications"]["granted"]["total"] = -1  # counts are never negative
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(report, schema)
    report["applications"]["granted"]["total"] = None  # blank is null: allowed
    report["template"] = "2020"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(report, schema)
