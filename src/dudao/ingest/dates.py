"""Dates as bureaus write them: ISO (2009-10-31), 2009/10/31, or an Excel serial day number."""

from __future__ import annotations

import datetime
import re

_SEPARATED = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]00:00(?::00)?)?")
_SERIAL = re.compile(r"\d{1,7}(?:\.0*)?")
_EXCEL_EPOCH = datetime.date(1899, 12, 30)  # serial 61 = 1900-03-01 (1900 date system)
_LAST_SERIAL = 2_958_465  # 9999-12-31


def parse_date(text: str) -> datetime.date | None:
    """The date a cell names, or None when it names none."""
    match = _SEPARATED.fullmatch(text)
    if match:
        return _date(*(int(part) for part in match.groups()))
    if _SERIAL.fullmatch(text) and len(text.partition(".")[0]) != 8:
        return excel_serial_date(int(text.partition(".")[0]))
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def excel_serial_date(serial: int) -> datetime.date | None:
    """Excel's day number; serials before 1900-03-01 carry Excel's 1900 leap-year bug."""
    if not 1 <= serial <= _LAST_SERIAL or serial == 60:
        return None
    offset = serial if serial > 60 else serial + 1
    return _EXCEL_EPOCH + datetime.timedelta(days=offset)


def _date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None
