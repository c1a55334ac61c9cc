"""Terms and renderings built from the sample corpus: what `glossary show` and
`glossary terms` give, search every way, and editors' decisions surviving a rebuild."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from cli import main
from services import forked
from termbase import Termbase
from termbase.models import Rendering, Term

from .conftest import CORPUS, MANIFEST


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("terms")
    shutil.copytree(CORPUS, folder / "corpus")
    db = folder / "tb.sqlite"
    result = CliRunner().invoke(
        main, ["build", str(folder / "corpus" / "corpus.toml"), "--db", str(db), "-q"]
    )
    assert result.exit_code == 0, result.output
    return folder, db


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_show_lists_each_translations_renderings_with_counts_and_contexts(built) -> None:
    _, db = built
    term = json.loads(run("show", "科技强国", "--json", "--db", str(db)).stdout)
    assert (term["zh"], term["traditional"], term["pinyin"], term["pinyin_numbers"]) == (
        "科技强国",
        "科技強國",
        "kējì qiángguó",
        "ke1 ji4 qiang2 guo2",
    )
    assert term["status"] == "candidate" and term["rank"] <= 10 and term["frequency"] >= 10
    by_text = {r["en"]: r for r in term["renderings"]}
    # 8 in sentences and 1 in the title's "Country Strong in Science and Technology", its variant
    assert by_text["country strong in science and technology"]["documents"] == {
        "speech-2024-en-qiushi": 9
    }
    assert by_text["science and technology power"]["documents"]["speech-2024-en-newsletter"] >= 5
    contexts = by_text["country strong in science and technology"]["contexts"]
    assert 2 <= len(contexts) <= 3 and all(
        "country strong in science and technology" in c["en"] for c in contexts
    )
    assert all(set(r) >= {"en", "status", "documents"} for r in term["renderings"])


@pytest.mark.parametrize(
    "query",
    [
        "科技强国",
        "科技強國",
        "kejiqiangguo",
        "keji qiangguo",
        "kjqg",
        "country strong in science and technology",
    ],
)
def test_a_term_is_found_every_way(built, query: str) -> None:
    _, db = built
    assert json.loads(run("show", query, "--json", "--db", str(db)).stdout)["zh"] == "科技强国"


def test_terms_are_ranked_and_filtered(built) -> None:
    _, db = built
    listed = json.loads(run("terms", "--limit", "30", "--json", "--db", str(db)).stdout)
    assert [t["rank"] for t in listed] == sorted(t["rank"] for t in listed)
    assert {"科技强国", "一带一路"} <= {t["zh"] for t in listed}
    for t in listed:
        assert set(t) >= {
            "zh",
            "traditional",
            "pinyin",
            "pinyin_numbers",
            "status",
            "rank",
            "frequency",
            "renderings",
        }
    assert json.loads(run("terms", "--status", "approved", "--json", "--db", str(db)).stdout) == []
    missing = run("show", "不存在的词语", "--db", str(db))
    assert missing.exit_code == 1 and "no term matches" in missing.stderr


def test_inline_glosses_give_renderings_without_an_original(built) -> None:
    _, db = built
    term = json.loads(run("show", "世界科技强国", "--json", "--db", str(db)).stdout)
    assert term["renderings"][0]["en"] == "world S&T superpower"
    assert term["renderings"][0]["documents"]["speech-2018-en-digichina"] >= 1


def _export_csv(db: Path, target: Path) -> bytes:
    result = run("export", "csv", "-o", str(target), "--status", "all", "--db", str(db), "-q")
    assert result.exit_code == 0, result.output
    return target.read_bytes()


def test_a_rebuild_after_a_change_equals_a_fresh_build(tmp_path: Path) -> None:
    """Every term, rank, rendering and count is the same whether the corpus was built
    once or built, changed and rebuilt: nothing depends on what was stored first."""
    shutil.copytree(CORPUS, tmp_path / "corpus")
    manifest = tmp_path / "corpus" / "corpus.toml"
    rebuilt, fresh = tmp_path / "rebuilt.sqlite", tmp_path / "fresh.sqlite"
    assert run("build", str(manifest), "--db", str(rebuilt), "-q").exit_code == 0
    before_change = _export_csv(rebuilt, tmp_path / "before.csv")
    translation = tmp_path / "corpus" / "speech-2024-06-24.qiushi.en.txt"
    text = translation.read_text(encoding="utf-8")
    assert "country strong in science and technology" in text
    translation.write_text(
        text.replace("country strong in science and technology", "S&T powerhouse", 1),
        encoding="utf-8",
    )
    assert run("build", str(manifest), "--db", str(rebuilt), "-q").exit_code == 0
    assert run("build", str(manifest), "--db", str(fresh), "-q").exit_code == 0
    after_rebuild = _export_csv(rebuilt, tmp_path / "rebuilt.csv")
    assert after_rebuild != before_change
    assert after_rebuild == _export_csv(fresh, tmp_path / "fresh.csv")


def test_a_build_on_one_core_equals_the_build_on_two(
    built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where processes cannot fork (Windows) the terms are proposed in the build's own
    process: the same terms, ranks, pinyin, renderings and counts."""
    _, two_cores = built
    monkeypatch.setattr(forked, "fork_available", lambda: False)
    one_core = tmp_path / "one-core.sqlite"
    assert run("build", str(MANIFEST), "--db", str(one_core), "-q").exit_code == 0
    assert _export_csv(one_core, tmp_path / "one.csv") == _export_csv(
        two_cores, tmp_path / "two.csv"
    )


GOLD_TERMS = """zh\tpinyin_marks\tpinyin_numbers\tdocument\trendering\tcount\tnote
科技强国\tkējì qiángguó\tKE1 ji4 qiang2 guo2\tspeech-2024-en-qiushi\tThe Country Strong in Science and Technology\t8\t
科技强国\tkējì qiángguó\tke1 ji4 qiang2 guo2\tspeech-2024-en-qiushi\tno such rendering\t1\t
制高点\tzhìgāo diǎn\tzhi4 gao1 dian3\tspeech-2024-en-qiushi\thigh ground\t1\t
制高点\tzhìgāo diǎn\tzhi4 gao1 dian3\tcommentary-2025-theorychina\thigh ground\t1\t
龙门阵\tlóngménzhèn\tlong2 men2 zhen4\tspeech-2024-en-qiushi\tchat\t1\tnot in the Chinese
"""


def test_evaluate_terms_prints_every_measure_in_one_run(built, tmp_path: Path) -> None:
    _, db = built
    gold = tmp_path / "terms.tsv"
    gold.write_text(GOLD_TERMS, encoding="utf-8")
    report = json.loads(run("evaluate", "terms", str(gold), "--json", "--db", str(db)).stdout)
    # 龙门阵 is not in the Chinese, so recall is over the other two, both ranked early
    assert report["recall_terms"] == 2
    assert (
        report["recall_within_400"]
        == report["recall_within_1000"]
        == report["recall_anywhere"]
        == 1.0
    )
    # four (term, translation) pairs: 科技强国's with one of its two renderings proposed,
    # 制高点's two with theirs, 龙门阵's (not a candidate) without; by row, 3 of 5
    assert report["rendering_pairs"] == {"pairs": 4, "any": 3, "all": 2}
    assert report["rendering_accuracy"] == 0.75 and report["rendering_accuracy_all"] == 0.5
    assert (report["rendering_rows_right"], report["rendering_rows"]) == (3, 5)
    assert report["rendering_by_source"]["aligned"]["pairs"] == 3
    assert report["rendering_by_source"]["english only"] == {
        "pairs": 1,
        "any": 1,
        "all": 1,
        "rows": 1,
        "rows_right": 1,
    }
    # pinyin on the two found terms: the syllables and tones right (case aside), 制高点
    # joined otherwise than in the gold
    assert report["pinyin_terms"] == 2
    assert report["pinyin_syllables_accuracy"] == 1.0 and report["pinyin_joining_accuracy"] == 0.5
    assert [m["zh"] for m in report["pinyin_misses"]] == ["制高点"]

    text = run("evaluate", "terms", str(gold), "--within", "1", "--db", str(db)).stdout
    lines = text.splitlines()
    assert [line.split(":")[0] for line in lines[:4]] == [
        "term recall within 1",
        "term recall within 400",
        "term recall within 1,000",
        "term recall anywhere",
    ]
    assert lines[4].startswith("rendering accuracy: 75.0% (3/4 pairs of term and translation)")
    assert "  by row: 60.0% (3/5)" in lines
    assert (
        "pinyin syllables and tones: 100.0% (2/2" in text
        and "pinyin word joining: 50.0% (1/2" in text
    )
    assert "not within 1: 制高点 (at " in text
    assert "missed rendering: 科技强国 speech-2024-en-qiushi 'no such rendering'" in text
    assert (
        "pinyin miss (joining): 制高点 expected zhìgāo diǎn / zhi4 gao1 dian3, got zhìgāodiǎn"
        in text
    )


def test_editor_decisions_survive_a_rebuild(built) -> None:
    folder, db = built
    termbase = Termbase.open(str(db))
    with termbase.transaction() as session:
        term = session.scalars(sa.select(Term).where(Term.simplified == "科技强国")).one()
        term.status, term.note, term.modified_by = "approved", "use the official line", "ana"
        rendering = session.scalars(
            sa.select(Rendering).where(
                Rendering.term_id == term.id,
                Rendering.text == "country strong in science and technology",
            )
        ).one()
        rendering.status, rendering.modified_by = "preferred", "ana"
    termbase.close()
    commentary = folder / "corpus" / "commentary-2025-06-10.theorychina.en.txt"
    commentary.write_text(
        commentary.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8"
    )
    assert (
        run("build", str(folder / "corpus" / "corpus.toml"), "--db", str(db), "-q").exit_code == 0
    )
    term = json.loads(run("show", "科技强国", "--json", "--db", str(db)).stdout)
    assert (term["status"], term["note"]) == ("approved", "use the official line")
    assert term["renderings"][0]["en"] == "country strong in science and technology"
    assert term["renderings"][0]["status"] == "preferred"


def test_an_editors_pinyin_correction_is_logged_and_survives_a_rebuild(built) -> None:
    folder, db = built
    result = run("edit", "一带一路", "--pinyin", "Yīdài-Yīlù", "--editor", "ben", "--db", str(db))
    assert result.exit_code == 0, result.output
    bad = run("edit", "一带一路", "--pinyin", "not pinyin at all", "--db", str(db))
    assert bad.exit_code == 1
    commentary = folder / "corpus" / "commentary-2025-06-10.theorychina.en.txt"
    commentary.write_text(
        commentary.read_text(encoding="utf-8") + "\nAnd another.\n", encoding="utf-8"
    )
    assert (
        run("build", str(folder / "corpus" / "corpus.toml"), "--db", str(db), "-q").exit_code == 0
    )
    term = json.loads(run("show", "yidaiyilu", "--json", "--db", str(db)).stdout)
    assert (term["pinyin"], term["pinyin_numbers"]) == ("Yīdài-Yīlù", "yi1 dai4 yi1 lu4")
    termbase = Termbase.open(str(db))
    with termbase.reading() as session:
        from termbase.models import ReviewLogEntry

        entries = session.scalars(
            sa.select(ReviewLogEntry)
            .where(ReviewLogEntry.term == "一带一路")
            .order_by(ReviewLogEntry.id)
        ).all()
    termbase.close()
    assert [
        (e.editor, e.field, e.before, e.after) for e in entries if e.field == "pinyin_marks"
    ] == [("ben", "pinyin_marks", "Yīdài Yīlù", "Yīdài-Yīlù")]
