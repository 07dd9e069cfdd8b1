"""The command line: exit codes a moderator can script on, formats, and bad input without tracebacks."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from claimcheck.cli import cli
from tests.conftest import FIXTURE_KB

KB = ["--kb", str(FIXTURE_KB)]


def run(args, input=None):
    return CliRunner().invoke(cli, args, input=input)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("LDN cured my MS", 1),
        ("LDN is not a proven treatment for MS", 0),
        ("Naltrexone is approved for alcohol dependence", 0),
        ("Is LDN a miracle cure for MS?", 0),
        ("The weather is nice today.", 0),
    ],
)
def test_cli_check_exit_codes(text, code):
    assert run(["check", *KB], input=text).exit_code == code


def test_cli_fail_on_is_configurable():
    assert run(["check", *KB, "--fail-on", "UNPROVEN"], input="LDN may help MS").exit_code == 1
    assert run(["check", *KB, "--fail-on", "CONTRADICTED"], input="LDN cured my MS").exit_code == 0


def test_cli_json_has_offsets_into_the_input(tmp_path):
    text = "Some intro.\nLDN cured my MS, my neurologist was amazed."
    path = tmp_path / "post.txt"
    path.write_text(text)
    result = run(["check", *KB, "--format", "json", str(path)])
    data = json.loads(result.output)
    claim = data["claims"][0]
    assert text[claim["intervention"]["start"] : claim["intervention"]["end"]] == "LDN"
    assert text[claim["condition"]["start"] : claim["condition"]["end"]] == "MS"
    assert claim["verdict"]["label"] == "MISLEADING"
    assert data["source"] == str(path)


def test_cli_text_output_has_no_colour_when_piped():
    result = run(["check", *KB], input="LDN cured my MS")
    assert "\x1b[" not in result.output
    assert "MISLEADING" in result.output and "doi.org/10.1371/journal.pone.0187423" in result.output


def test_cli_text_and_json_name_the_pronoun_that_stands_for_the_intervention():
    text = run(["check", *KB], input="Tried LDN last year. It cured my MS.").output
    assert "matched 'LDN', referred to as 'It' in this sentence" in text
    claim = json.loads(run(["check", *KB, "--format", "jsonl"], input="Tried LDN last year. It cured my MS.").output)["claims"][0]
    assert (claim["intervention"]["text"], claim["antecedent"], claim["sentence"].strip()) == ("LDN", "It", "It cured my MS.")


def test_cli_jsonl_one_line_per_document(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("ivermectin works for covid")
    result = run(["check", *KB, "--format", "jsonl", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    lines = result.output.strip().splitlines()
    assert len(lines) == 2 and all(json.loads(line)["flagged"] for line in lines)
    assert result.exit_code == 1


def test_cli_lines_mode_answers_each_line():
    result = run(["check", *KB, "--lines"], input="LDN cured my MS\nhello\nivermectin works for covid\n")
    rows = [json.loads(line) for line in result.output.strip().splitlines()]
    assert [r["source"] for r in rows] == ["<stdin>:1", "<stdin>:2", "<stdin>:3"]
    assert [r["flagged"] for r in rows] == [True, False, True]
    assert result.exit_code == 1


def test_cli_lines_mode_skips_a_bad_line_and_keeps_going():
    result = CliRunner().invoke(cli, ["check", *KB, "--lines"], input=b"hello\n\xff\xfe bad\nLDN may help MS\n")
    rows = [json.loads(line) for line in result.output.strip().splitlines() if line.startswith("{")]
    assert len(rows) == 3 and "error" in rows[1]
    assert result.exit_code == 2  # incomplete and nothing flagged: never a clean 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x00\x01\x02binary\x00junk", "binary"),
        (b"caf\xe9 LDN cured my MS", "not valid utf-8"),
    ],
    ids=["empty", "blank", "binary", "invalid-utf8"],
)
def test_cli_bad_input_is_a_clear_error(data, message):
    result = CliRunner().invoke(cli, ["check", *KB], input=data)
    assert result.exit_code == 2
    assert message in result.output.lower()
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)


def test_cli_other_encoding_when_asked():
    result = CliRunner().invoke(cli, ["check", *KB, "--encoding", "latin-1"], input="caf\xe9: LDN cured my MS".encode("latin-1"))
    assert result.exit_code == 1


def test_cli_missing_file_is_a_clear_error():
    result = run(["check", *KB, "/no/such/file.txt"])
    assert result.exit_code == 2 and "no such file" in result.output


def test_cli_huge_single_line_is_checked_in_pieces():
    filler = "This sentence is filler about nothing in particular. " * 100_000  # ~5.4 MB, one line
    text = filler + "LDN cured my MS."
    result = CliRunner().invoke(cli, ["check", *KB, "--format", "json"], input=text)
    assert result.exit_code == 1, result.output[-500:]
    claim = json.loads(result.output)["claims"][0]
    assert text[claim["intervention"]["start"] : claim["intervention"]["end"]] == "LDN"


def test_cli_every_command_has_help():
    for args in (["--help"], ["check", "--help"], ["kb", "--help"], ["kb", "validate", "--help"]):
        result = run(args)
        assert result.exit_code == 0 and "Usage" in result.output


def test_cli_lines_give_the_same_results_before_and_after_the_prefilter_starts(model_checker):
    from claimcheck.cli import PREFILTER_AFTER_LINES

    posts = ["LDN cured my MS. My neighbour's dog is fine.", "nice weather today", "Is LDN a miracle cure for MS?",
             "hello. LDN may help MS! bye."]
    lines = [posts[i % len(posts)] for i in range(PREFILTER_AFTER_LINES + 2 * len(posts))]
    result = run(["check", *KB, "--lines"], input="\n".join(lines) + "\n")
    out = [json.loads(line) for line in result.output.splitlines()]
    assert len(out) == len(lines)
    for i, (text, got) in enumerate(zip(lines, out), start=1):
        assert got == model_checker.check(text, source=f"<stdin>:{i}").to_dict()


def test_cli_html_review_marks_each_claim_in_place_with_its_verdict_and_sources(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("An intro line & a <b>tag</b>.\n\nLDN cured my MS, my neurologist was amazed.\n")
    result = run(["check", *KB, "--format", "html", str(draft)])
    assert result.exit_code == 1  # the same exit codes as the other formats
    page = result.output
    assert page.startswith("<!DOCTYPE html>") and page.count("<html") == 1
    assert "An intro line &amp; a &lt;b&gt;tag&lt;/b&gt;." in page  # the text, escaped, where it stands
    assert '<mark id="m1-1"' in page and 'href="#n1-1"' in page and 'id="n1-1"' in page
    assert "MISLEADING" in page and 'href="https://doi.org/10.1371/journal.pone.0187423"' in page
    assert "<script" not in page and "src=" not in page  # self-contained, nothing fetched or run
    assert "not give medical advice" in page


def test_cli_html_review_numbers_claims_per_document_and_says_when_there_are_none(tmp_path):
    (tmp_path / "a.txt").write_text("The weather is nice today.")
    (tmp_path / "b.txt").write_text("ivermectin works for covid. LDN cured my MS.")
    page = run(["check", *KB, "--format", "html", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]).output
    assert "No health claims found." in page
    assert 'id="n2-1"' in page and 'id="n2-2"' in page and 'id="n1-1"' not in page


def test_cli_html_is_refused_with_lines():
    result = run(["check", *KB, "--lines", "--format", "html"], input="LDN cured my MS\n")
    assert result.exit_code == 2 and "--format html" in result.output
