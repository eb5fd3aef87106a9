"""The leader's passages are kept beside the data and survive regeneration."""

from __future__ import annotations

from pathlib import Path

from dudao.report.passages import ensure_passages, load_passages


def test_drafts_are_written_once_and_the_leader_s_text_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "duty.passages.yaml"
    drafts = {"understanding": {"zh-Hans": "草稿。", "en": "Draft."}}
    assert ensure_passages(path, drafts)["understanding"]["zh-Hans"] == "草稿。"
    text = path.read_text(encoding="utf-8").replace(
        "草稿。", "我任职以来，第一段。\n\n    第二段。"
    )
    path.write_text(text, encoding="utf-8")
    kept = ensure_passages(path, {"understanding": {"zh-Hans": "新草稿。", "en": "New."}})
    assert kept["understanding"]["zh-Hans"].split() == ["我任职以来，第一段。", "第二段。"]
    assert load_passages(path) == kept


def test_a_new_passage_is_added_without_touching_the_others(tmp_path: Path) -> None:
    path = tmp_path / "duty.passages.yaml"
    ensure_passages(path, {"opening": {"zh-Hans": "开头。"}})
    path.write_text(path.read_text(encoding="utf-8").replace("开头。", "领导的开头。"), "utf-8")
    merged = ensure_passages(
        path, {"opening": {"zh-Hans": "开头。"}, "closing": {"zh-Hans": "结尾。"}}
    )
    assert merged["opening"]["zh-Hans"].strip() == "领导的开头。"
    assert merged["closing"] == {"zh-Hans": "结尾。"}


def test_regenerating_the_report_merges_the_edited_passage(
    seed_documents: dict, tmp_path: Path
) -> None:
    from dudao.report import build_documents, compute_for  # noqa: F401  (API under test)

    document = seed_documents["zh-Hans"]
    assert any("我任职以来" in p.text for p in document.paragraphs())  # the draft, merged in
