"""Templates: made from approved data, read back by the reader in every language, numbers typed in."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import openpyxl
import pyarrow as pa
import pytest

from dudao.catalogue import Language, default_catalogue
from dudao.ingest import read_dataset
from dudao.ingest.names import header_index
from dudao.ingest.template import write_template
from dudao.ingest.template_rows import UnknownOrg
from tests.ingest.district import DISTRICT, YEAR, district_rows, stored_district

LANGUAGES: tuple[Language, ...] = ("zh-Hans", "zh-Hant", "en")
YEARLY = ("school_stage_year", "school_year", "population_year", "fiscal_year", "org_year")


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pa.Table]:
    base = tmp_path_factory.mktemp("district")
    return stored_district(base / "returns", f"sqlite:///{base / 'store.sqlite3'}")


@pytest.fixture(scope="module")
def templates(
    snapshot: dict[str, pa.Table], tmp_path_factory: pytest.TempPathFactory
) -> dict[Language, Path]:
    folder = tmp_path_factory.mktemp("templates")
    made = {}
    for language in LANGUAGES:
        made[language] = folder / f"{language}.xlsx"
        write_template(made[language], snapshot, DISTRICT, YEAR, language)
    return made


def known(snapshot: dict[str, pa.Table]) -> Callable[[str, str], set[str]]:
    """The store's codes, as `dudao import` passes them to the reader."""

    def codes(table_id: str, field_id: str) -> set[str]:
        table = snapshot.get(table_id)
        return set() if table is None else {str(v) for v in table.column(field_id).to_pylist()}

    return codes


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_untouched_template_reads_back_without_any_finding(
    language: Language, templates: dict[Language, Path], snapshot: dict[str, pa.Table]
) -> None:
    dataset = read_dataset(templates[language], known_codes=known(snapshot))
    assert [f.message_en for f in dataset.report.findings] == []
    assert (
        dataset.tables["schools"]
        .sort_by("school_code")
        .equals(snapshot["schools"].sort_by("school_code"))
    )


def test_without_a_store_only_references_to_divisions_are_warned_about(
    templates: dict[Language, Path],
) -> None:
    found = read_dataset(templates["zh-Hans"]).report.findings
    assert found and {(f.severity, f.code, f.column) for f in found} == {
        ("warning", "dangling_reference", "org_code")
    }


def _fill(path: Path, out: Path) -> int:
    """Type the seed city's YEAR numbers into the template's empty numeric cells, by row key."""
    catalogue = default_catalogue()
    values = district_rows()
    workbook = openpyxl.load_workbook(path)
    typed = 0
    for table_id in YEARLY:
        table = catalogue.tables[table_id]
        sheet = next(s for s in workbook.worksheets if _is_sheet_of(s.title, table_id))
        columns = {
            header_index(table).match(str(cell.value)): cell.column - 1
            for cell in sheet[1]
            if header_index(table).match(str(cell.value))
        }
        truth = {
            tuple(str(row[k]) for k in table.key): row
            for row in values[table_id]
            if row["year"] == YEAR
        }
        for cells in sheet.iter_rows(min_row=2):
            key = tuple(str(cells[columns[k]].value) for k in table.key)
            for field in table.fields:
                number = truth.get(key, {}).get(field.id)
                if field.id not in table.key and number is not None:
                    assert cells[columns[field.id]].value is None  # never pre-filled
                    cells[columns[field.id]].value = (
                        float(number) if isinstance(number, Decimal) else number
                    )
                    typed += 1
    workbook.save(out)
    return typed


def _is_sheet_of(title: str, table_id: str) -> bool:
    label = default_catalogue().tables[table_id].label
    return title in (table_id, label.zh_hans, label.zh_hant)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_filled_template_passes_the_check_with_the_numbers_typed_in(
    language: Language, templates: dict[Language, Path], tmp_path: Path
) -> None:
    filled = tmp_path / "filled.xlsx"
    assert _fill(templates[language], filled) > 1_500
    dataset = read_dataset(filled)
    assert dataset.report.errors == []
    read = dataset.tables["school_stage_year"].to_pylist()
    expected = {
        (r["school_code"], r["stage"]): r
        for r in district_rows()["school_stage_year"]
        if r["year"] == YEAR
    }
    assert read and all(r["year"] == YEAR for r in read)
    for row in read:
        typed = expected[(row["school_code"], row["stage"])]
        assert all(row[name] == typed.get(name) for name in ("enrolment", "teachers", "graduates"))
    fiscal = dataset.tables["fiscal_year"].to_pylist()
    truth = [r for r in district_rows()["fiscal_year"] if r["year"] == YEAR]
    assert [float(r["edu_budget"]) for r in fiscal] == [float(r["edu_budget"]) for r in truth]  # type: ignore[arg-type]


def test_the_three_languages_read_back_to_the_same_tables(
    templates: dict[Language, Path],
) -> None:
    tables = [read_dataset(path).tables for path in templates.values()]
    assert all(other.keys() == tables[0].keys() for other in tables)
    for table_id in tables[0]:
        assert all(other[table_id].equals(tables[0][table_id]) for other in tables[1:])


def test_keys_of_this_year_come_from_the_latest_approved_year_for_operating_schools(
    templates: dict[Language, Path], snapshot: dict[str, pa.Table]
) -> None:
    stages = read_dataset(templates["en"]).tables["school_stage_year"].to_pylist()
    schools = snapshot["schools"].to_pylist()
    closed = {s["school_code"] for s in schools if s["closed"] is not None and s["closed"] <= YEAR}
    last = {
        (r["school_code"], r["stage"])
        for r in snapshot["school_stage_year"].to_pylist()
        if r["year"] == YEAR - 1 and r["school_code"] not in closed
    }
    made = {(r["school_code"], r["stage"]) for r in stages}
    new = {code for code, _ in made} - {code for code, _ in last}
    school_types = default_catalogue().code_lists["school_type"]
    stages_of_type = {
        (s["school_code"], stage)
        for s in schools
        if s["school_code"] in new
        for stage in school_types.get(s["school_type"]).stages
    }
    assert new and all(s["opened"] == YEAR for s in schools if s["school_code"] in new)
    assert made == last | stages_of_type  # a new school's stages are its school type's
    assert {r["year"] for r in stages} == {YEAR}
    assert all(r["enrolment"] is None for r in stages)  # numbers are typed, never copied
    assert closed  # the register keeps the closed schools: a new version replaces it whole
    assert len(schools) == read_dataset(templates["en"]).tables["schools"].num_rows


def test_headers_carry_labels_units_and_help_in_comments(templates: dict[Language, Path]) -> None:
    zh = openpyxl.load_workbook(templates["zh-Hans"])["学校分学段年度数据"]
    headers = [cell.value for cell in zh[1]]
    assert headers[:5] == [
        "学校标识码",
        "学校名称（仅供参考，不导入）",
        "学年",
        "学段",
        "在校生数（人）",
    ]
    assert zh.cell(2, 2).value.startswith("广州市萝岗区")  # the school's name beside its code
    stage_help = zh.cell(1, 4).comment.text
    assert "必填" in stage_help and "preschool  学前教育" in stage_help
    assert "单位：人" in zh.cell(1, 5).comment.text
    assert "空白=未填报" in zh.cell(1, 5).comment.text
    hant = openpyxl.load_workbook(templates["zh-Hant"])["學校分學段年度數據"]
    assert hant.cell(1, 5).value == "在校生數（人）"
    assert "單位：人" in hant.cell(1, 5).comment.text
    en = openpyxl.load_workbook(templates["en"])
    assert en["school_stage_year"].cell(1, 5).value == "Enrolment (persons)"
    assert "Empty = not reported" in en["school_stage_year"].cell(1, 5).comment.text
    assert en["school_year"]["H1"].value == "Teaching equipment value (CNY 10,000)"


def test_coded_fields_have_drop_downs_long_lists_on_the_hidden_code_sheet(
    templates: dict[Language, Path],
) -> None:
    workbook = openpyxl.load_workbook(templates["zh-Hans"])
    stage = _validation(workbook["学校分学段年度数据"], "D")
    assert stage.type == "list"
    assert stage.formula1 == '"preschool,primary,junior,senior,vocational,special"'
    school_type = _validation(workbook["学校名录"], "E")
    assert school_type.type == "list" and school_type.formula1.startswith("代码表!$")
    codes_sheet = workbook["代码表"]
    assert codes_sheet.sheet_state == "hidden"
    cells = codes_sheet[school_type.formula1.split("!")[1].replace("$", "")]
    listed = [row[0].value for row in cells]
    assert listed == [c.code for c in default_catalogue().code_lists["school_type"].codes]
    enrolment = _validation(workbook["学校分学段年度数据"], "E")
    assert (enrolment.type, enrolment.operator, enrolment.formula1) == (
        "whole",
        "greaterThanOrEqual",
        "0",
    )


def _validation(sheet: openpyxl.worksheet.worksheet.Worksheet, column: str) -> object:
    (found,) = [v for v in sheet.data_validations.dataValidation if f"{column}2:" in str(v.sqref)]
    return found


def test_the_instructions_sheet_comes_first_and_is_skipped_by_name(
    templates: dict[Language, Path], tmp_path: Path
) -> None:
    workbook = openpyxl.load_workbook(templates["zh-Hant"])
    assert workbook.sheetnames[0] == "說明"
    assert "萝岗区" in workbook["說明"]["A3"].value or "蘿崗區" in workbook["說明"]["A3"].value
    workbook.create_sheet("备注")  # any other sheet is still reported
    workbook.save(tmp_path / "extra.xlsx")
    found = read_dataset(tmp_path / "extra.xlsx").report.findings
    assert [f.value for f in found if f.code == "unknown_table"] == ["备注"]


def test_a_unit_not_in_the_approved_register_is_refused(
    snapshot: dict[str, pa.Table], tmp_path: Path
) -> None:
    with pytest.raises(UnknownOrg):
        write_template(tmp_path / "t.xlsx", snapshot, "440199", YEAR)
    assert not (tmp_path / "t.xlsx").exists()
