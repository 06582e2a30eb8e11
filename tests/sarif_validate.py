#!/usr/bin/env python3
"""Validates SARIF logs against the SARIF 2.1.0 JSON schema, plus a few checks GitHub code
scanning relies on that the schema cannot express.

usage: sarif_validate.py [--schema PATH] [--min-results N] FILE...

Exit codes: 0 valid, 1 invalid, 2 usage or I/O error, 77 skipped (the schema is not available;
ctest treats 77 as a skip through SKIP_RETURN_CODE).
"""
import argparse
import json
import pathlib
import sys

SKIP = 77
DEFAULT_SCHEMA = pathlib.Path(__file__).resolve().parents[1] / ".." / "shared" / "sarif" / "sarif-schema-2.1.0.json"


def extra_checks(log):
    """Yields problems the schema does not catch."""
    for r, run in enumerate(log.get("runs", [])):
        rules = run.get("tool", {}).get("driver", {}).get("rules", [])
        if run.get("columnKind") != "utf16CodeUnits":
            yield f"runs[{r}].columnKind is not utf16CodeUnits"
        ids = [rule.get("id") for rule in rules]
        if len(ids) != len(set(ids)):
            yield f"runs[{r}].tool.driver.rules has duplicate ids"
        for i, result in enumerate(run.get("results", [])):
            where = f"runs[{r}].results[{i}]"
            index = result.get("ruleIndex")
            if index is None or not 0 <= index < len(rules) or rules[index].get("id") != result.get("ruleId"):
                yield f"{where}: ruleIndex {index} does not name rule {result.get('ruleId')!r}"
            if "primaryLocationLineHash" not in result.get("partialFingerprints", {}):
                yield f"{where}: no partialFingerprints.primaryLocationLineHash"
            for location in result.get("locations", []):
                physical = location.get("physicalLocation", {})
                uri = physical.get("artifactLocation", {}).get("uri", "")
                base = physical.get("artifactLocation", {}).get("uriBaseId")
                if base and (uri.startswith(("/", "../")) or ":" in uri.split("/")[0]):
                    yield f"{where}: uri {uri!r} is not relative to {base}"
                if any(c in uri for c in " \\#?"):
                    yield f"{where}: uri {uri!r} is not percent-encoded"
                region = physical.get("region", {})
                start = (region.get("startLine", 0), region.get("startColumn", 1))
                end = (region.get("endLine", start[0]), region.get("endColumn", start[1]))
                if end < start:
                    yield f"{where}: region ends before it starts"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schema", type=pathlib.Path, default=DEFAULT_SCHEMA)
    parser.add_argument("--min-results", type=int, default=0,
                        help="fail unless the logs hold at least this many results in total")
    parser.add_argument("files", nargs="+", type=pathlib.Path)
    args = parser.parse_args()

    if not args.schema.is_file():
        print(f"SKIP: SARIF schema not found at {args.schema} (the ../shared checkout is missing)")
        return SKIP
    try:
        import jsonschema
    except ImportError:
        print("error: the Python module jsonschema is missing; install python3-jsonschema",
              file=sys.stderr)
        return 2

    schema = json.loads(args.schema.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)

    failed = False
    total_results = 0
    for path in args.files:
        try:
            log = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            print(f"{path}: error: cannot read SARIF: {error}", file=sys.stderr)
            return 2
        problems = [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
                    for e in validator.iter_errors(log)]
        problems += list(extra_checks(log))
        for problem in problems:
            print(f"{path}: invalid: {problem}", file=sys.stderr)
        failed |= bool(problems)
        results = sum(len(run.get("results", [])) for run in log.get("runs", []))
        total_results += results
        if not problems:
            print(f"{path}: valid SARIF 2.1.0 ({results} results)")
    if total_results < args.min_results:
        print(f"error: expected at least {args.min_results} results, found {total_results}",
              file=sys.stderr)
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
