"""A mistake in a setting the user made outside any file (an environment variable): said in
Chinese and English, naming the setting, its value and what it should be. Light on purpose:
the command line catches it for every command without loading anything else."""

from __future__ import annotations


class SettingRefused(ValueError):
    def __init__(self, message_en: str, message_zh: str) -> None:
        self.message_en = message_en
        self.message_zh = message_zh
        super().__init__(f"{message_zh} / {message_en}")
