"""Passages the leader writes (the opening, how they understand the duty), kept in a YAML
file beside the data and merged into every regeneration.

The first run writes the file with drafts from the templates (`passage_<id>.j2`); from
then on the file is the leader's and is never overwritten. A language missing from it
falls back: zh-Hant to the zh-Hans text in Traditional script, else the draft.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import LiteralScalarString

from dudao.catalogue import Language

HEADER = (
    "# 领导撰写的段落，重新生成报告时保留；段落之间空一行。\n"
    "# Passages the leader writes, kept when the report is generated again; a blank line\n"
    "# between paragraphs.\n"
)
LANGUAGES: tuple[Language, ...] = ("zh-Hans", "en")


def load_passages(path: Path) -> dict[str, dict[str, str]]:
    if not path.exists():
        return {}
    document = YAML(typ="safe").load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(document, dict):
        raise ValueError(
            f"{path}: 应为 段落编号: {{语言: 文字}}; expected passage: {{language: text}}"
        )
    return {
        str(key): {str(lang): str(text) for lang, text in (value or {}).items()}
        for key, value in document.items()
    }


def ensure_passages(path: Path, drafts: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """The leader's passages; passages or languages the file lacks are added as drafts,
    and what the file holds is never changed."""
    kept = load_passages(path)
    merged = {key: dict(texts) for key, texts in kept.items()}
    changed = not path.exists()
    for key, texts in drafts.items():
        for language, text in texts.items():
            if language not in merged.setdefault(key, {}):
                merged[key][language] = text
                changed = True
    if changed:
        _write(path, merged)
    return merged


def pick(passages: dict[str, dict[str, str]], key: str, language: Language, convert: Any) -> str:
    texts = passages.get(key, {})
    if language in texts:
        return texts[language]
    if language == "zh-Hant" and "zh-Hans" in texts:
        return str(convert(texts["zh-Hans"]))
    return ""


def _write(path: Path, passages: dict[str, dict[str, str]]) -> None:
    yaml = YAML()
    yaml.width = 4096
    document = {
        key: {
            language: LiteralScalarString(text.strip() + "\n") for language, text in texts.items()
        }
        for key, texts in passages.items()
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as stream:
        stream.write(HEADER)
        yaml.dump(document, stream)


def passage_ids(sections: Iterable[Any]) -> list[str]:
    return [section.passage for section in sections if section.passage]
