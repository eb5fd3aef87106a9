"""Typed objects of the exchange format: tables, fields, code lists, school sets, findings."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from dudao.catalogue.errors import CatalogueProblem

Language = Literal["zh-Hans", "zh-Hant", "en"]


class Declared(BaseModel):
    """Anything read from the catalogue's YAML: it remembers its file and line."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)
    declared_at: tuple[str, int] | None = Field(default=None, exclude=True, repr=False)

    @property
    def place(self) -> str:
        """`file:line` of the declaration, for messages."""
        if self.declared_at is None:
            return "<catalogue>"
        return f"{self.declared_at[0]}:{self.declared_at[1]}"

    def problem(self, message: str) -> CatalogueProblem:
        """A problem with this declaration, placed at its file and line."""
        file, line = self.declared_at or ("<catalogue>", None)
        return CatalogueProblem(file, line, message)


class Label(Declared):
    zh_hans: str = Field(alias="zh-Hans")
    zh_hant: str = Field(alias="zh-Hant")
    en: str

    def text(self, language: Language) -> str:
        return {"zh-Hans": self.zh_hans, "zh-Hant": self.zh_hant, "en": self.en}[language]


class FieldType(StrEnum):
    TEXT = "text"
    CODE = "code"
    COUNT = "count"
    QUANTITY = "quantity"
    YEAR = "year"
    DATE = "date"
    BOOLEAN = "boolean"


class FieldDef(Declared):
    id: str
    label: Label
    type: FieldType
    unit: str | None = None
    required: bool = False
    pattern: str | None = None
    expected: Label | None = None
    codes: str | None = None
    references: str | None = None
    min: float | None = None
    max: float | None = None
    default: str | None = None
    aliases: tuple[str, ...] = ()
    personal: bool = False

    @property
    def is_numeric(self) -> bool:
        return self.type in (FieldType.COUNT, FieldType.QUANTITY, FieldType.YEAR)

    @property
    def reference(self) -> tuple[str, str] | None:
        if self.references is None:
            return None
        table, _, field = self.references.partition(".")
        return table, field


class TableKind(StrEnum):
    REGISTRY = "registry"
    SCHOOL = "school"
    ORG = "org"
    EVENT = "event"


class TableDef(Declared):
    id: str
    label: Label
    kind: TableKind
    key: tuple[str, ...]
    fields: tuple[FieldDef, ...]

    def field(self, field_id: str) -> FieldDef:
        return next(field for field in self.fields if field.id == field_id)

    def has_field(self, field_id: str) -> bool:
        return any(field.id == field_id for field in self.fields)

    @property
    def yearly(self) -> bool:
        return self.has_field("year")


class Code(Declared):
    code: str
    label: Label
    aliases: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    official_ages: tuple[int, int] | None = None


class CodeList(Declared):
    id: str
    label: Label
    open: bool = False
    codes: tuple[Code, ...]

    def lookup(self, text: str) -> str | None:
        """The code for a code or one of its aliases, else None."""
        for code in self.codes:
            if text == code.code or text in code.aliases:
                return code.code
        return None

    def get(self, code: str) -> Code:
        return next(entry for entry in self.codes if entry.code == code)


class SchoolSet(Declared):
    id: str
    label: Label
    source: str | None = None
    where: str
    base: str | None = None


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class FindingType(Declared):
    code: str
    severity: Severity
    title: Label
    message: Label
