"""A small framework written to a file, for engine and loader tests."""

from __future__ import annotations

from pathlib import Path

SMALL = """\
framework:
  id: small
  title: {zh: 小型测试体系, en: A small test framework}
  source: tests
  status: adapted
  provenance: {zh: 测试用, en: for tests}
  level: district
  points: 100
  grades:
    - {id: excellent, at_least: 90}
    - {id: good, at_least: 75}
    - {id: pass, at_least: 60}
    - {id: fail, at_least: 0}
  items:
    - id: work
      title: {zh: 工作, en: Work}
      weight: 0.5
      items:
        - id: enrolment
          title: {zh: 入学, en: Enrolment}
          points: 60
          rule: {kind: threshold, indicator: ner_primary, at_least: 99}
        - id: plan
          title: {zh: 规划, en: Plan}
          points: 40
          rule: {kind: evidence}
    - id: poll
      title: {zh: 民意调查, en: Opinion poll}
      weight: 0.5
      rule: {kind: manual, scale: percent}
    - id: must
      title: {zh: 必达, en: Must meet}
      role: must_meet
      rule: {kind: threshold, indicator: ger_preschool, at_least: 85}
    - id: veto
      title: {zh: 否决, en: Veto}
      role: veto
      rule: {kind: threshold, indicator: edu_budget_growth, scope: own_level, above: 0}
"""


def write(directory: Path, text: str = SMALL, name: str = "small") -> Path:
    path = directory / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path
