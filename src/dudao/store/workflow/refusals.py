"""Why a workflow action is refused: one code per reason, its message in Chinese and English."""

from __future__ import annotations

from dataclasses import dataclass

from dudao.store.states import ReturnKey
from dudao.store.transitions import ACTION_NAMES

# code -> (zh, en); {acting} acts on return {target} ({unit} {year}); the rest per code.
MESSAGES = {
    "not_found": ("{target}：没有已存储的报表", "{target}: no return is stored"),
    "unknown_unit": (
        "{target}：行政区划表中没有单位 {unit}，无法确定审核权限",
        "{target}: unit {unit} is not in the org_units register, so no authority can be derived",
    ),
    "wrong_unit": (
        "{acting} 无权{action_zh} {target}：{acting} 不是 {unit} 或其上级单位",
        "{acting} may not {action_en} {target}: {acting} is neither {unit} nor above it",
    ),
    "wrong_level": (
        "{acting} 无权{action_zh} {target}：应由 {expected} {action_zh}",
        "{acting} may not {action_en} {target}: that is for {expected}",
    ),
    "wrong_state": (
        "{target} 当前状态为「{status}」，不能{action_zh}",
        "{target} is {status}: it is not open to {action_en} now",
    ),
    "children_not_approved": (
        "{target} 的下级单位报表尚未{level_zh}：{units}",
        "{target}: returns below it are not yet {level_en}: {units}",
    ),
    "ancestor_approved": (
        "{target} 的上级报表已审核（{units}），请先撤销上级的审核",
        "{target}: the return above it is approved ({units}); un-approve that first",
    ),
    "comment_required": ("退回 {target} 须填写意见", "sending back {target} needs a comment"),
}


@dataclass(frozen=True)
class Refusal:
    key: ReturnKey
    action: str
    code: str
    message_zh: str
    message_en: str


def refusal(code: str, action: str, key: ReturnKey, acting: str, **details: str) -> Refusal:
    zh, en = MESSAGES[code]
    action_zh, action_en = ACTION_NAMES[action]
    values = {
        "target": key.label(),
        "unit": key.org_code,
        "acting": acting,
        "action_zh": action_zh,
        "action_en": action_en,
        **details,
    }
    return Refusal(key, action, code, zh.format(**values), en.format(**values))
