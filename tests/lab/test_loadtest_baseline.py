"""`make loadtest` beside its stored baseline (lab/loadtest/run.py): written, read, compared.

No server and no wrk here: the figures are made up, what is tested is what the table and the
stored file say about them.
"""

import argparse
import json

from lab.loadtest.run import Measurement, Phase, print_table, read_baseline, write_baseline

OPTIONS = argparse.Namespace(connections=16, threads=2, duration="10s")


def phase(name, bare, pages):
    return Phase(
        name,
        bare=[Measurement("bare view", "/loadtest/bare/", requests_per_second=rps) for rps in bare],
        pages=[Measurement(label, f"/{label}/", requests_per_second=rps) for label, rps in pages],
    )


def test_a_run_is_stored_and_the_next_one_printed_beside_it(tmp_path, capsys):
    stored = tmp_path / "benchmarks" / "loadtest-baseline.json"
    assert read_baseline(stored) is None
    first = [
        phase("uncached", [900, 1100], [("product", 100), ("catalogue ?f", 50)]),
        phase("cached", [1000, 1000], [("product", 1500)]),
    ]
    write_baseline(stored, first, None, OPTIONS)
    baseline = read_baseline(stored)
    assert baseline["phases"]["uncached"]["bare_rps"] == 1000
    assert baseline["phases"]["uncached"]["pages"]["product"]["share"] == 10.0
    assert baseline["wrk"] == "wrk -c16 -t2 -d10s --latency"

    # On a machine twice as slow, the product keeps its share; the catalogue view lost a fifth.
    second = [phase("uncached", [500, 500], [("product", 50), ("catalogue ?f", 20), ("new", 5)])]
    capsys.readouterr()
    print_table(second, baseline)
    lines = capsys.readouterr().out.splitlines()
    rows = {line.split()[1]: line for line in lines if line.split()[:1] == ["uncached"]}
    assert rows["product"].split()[-3:] == ["100.0", "10.0%", "+0.0%"]
    assert rows["catalogue"].split()[-3:] == ["50.0", "5.0%", "-20.0%"]
    assert rows["new"].split()[-1] == "new"

    # A run of one phase replaces that phase's figures and keeps the other's.
    write_baseline(stored, second, baseline, OPTIONS)
    again = json.loads(stored.read_text())
    assert again["phases"]["uncached"]["pages"]["catalogue ?f"]["share"] == 4.0
    assert again["phases"]["cached"]["pages"]["product"]["rps"] == 1500


def test_without_a_baseline_the_table_has_no_comparison(tmp_path, capsys):
    print_table([phase("cached", [1000], [("product", 700)])], read_baseline(tmp_path / "none"))
    output = capsys.readouterr().out
    assert "base" not in output and "product" in output
    (tmp_path / "broken.json").write_text("{not json")
    assert read_baseline(tmp_path / "broken.json") is None
    assert "cannot be read" in capsys.readouterr().out
