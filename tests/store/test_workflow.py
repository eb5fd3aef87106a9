"""The approval workflow: every transition allowed, and every refusal with its reason."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from dudao import store
from tests.store.datasets import dataset
from tests.store.province import (
    CITY,
    LIWAN,
    PROVINCE,
    REGISTER,
    SHENZHEN,
    YEAR,
    YUEXIU,
    key,
    province_with_returns,
    send_population,
    status,
)


@pytest.fixture
def province(store_url: str) -> None:
    province_with_returns()


def with_drafts() -> None:
    """The register and Liwan's return, stored and not submitted."""
    store.import_dataset(dataset({"org_units": REGISTER}))
    send_population(LIWAN, 5)


def _refused(action: Callable[..., Any], *args: Any, **kwargs: Any) -> list[str]:
    with pytest.raises(store.WorkflowRefused) as refused:
        action(*args, **kwargs)
    return [reason.code for reason in refused.value.refusals]


def test_district_to_city_to_province(province: None) -> None:
    districts = [key(LIWAN), key(YUEXIU)]
    store.approve(districts, acting_org=CITY, actor="市教育局 审核员")
    store.approve([key(CITY)], acting_org=PROVINCE, actor="省教育厅")
    store.verify([*districts, key(CITY)], acting_org=PROVINCE, actor="省督导室")

    assert {status(unit) for unit in (CITY, LIWAN, YUEXIU)} == {"verified"}
    population = store.snapshot()["population_year"].to_pylist()
    assert [(row["org_code"], row["age_6_11"]) for row in population] == [
        (CITY, 1000), (LIWAN, 2000), (YUEXIU, 3000),
    ]  # fmt: skip
    (liwan,) = store.versions(org_code=LIWAN)
    assert (liwan.status, liwan.approved_by) == ("verified", "市教育局 审核员")


def test_only_the_unit_itself_submits(store_url: str) -> None:
    with_drafts()
    assert _refused(store.submit, [key(LIWAN)], acting_org=YUEXIU, actor="x") == ["wrong_unit"]
    assert _refused(store.submit, [key(LIWAN)], acting_org=CITY, actor="x") == ["wrong_level"]
    store.submit([key(LIWAN)], acting_org=LIWAN, actor="荔湾区 统计员")
    assert status(LIWAN) == "submitted"


@pytest.mark.parametrize(
    ("acting", "reason"),
    [
        (PROVINCE, "wrong_level"),  # above, but approval is the city's
        (LIWAN, "wrong_level"),  # the unit itself
        (YUEXIU, "wrong_unit"),  # a sibling
        (SHENZHEN, "wrong_unit"),  # another city
    ],
)
def test_only_the_level_above_approves(province: None, acting: str, reason: str) -> None:
    assert _refused(store.approve, [key(LIWAN)], acting_org=acting, actor="x") == [reason]
    assert status(LIWAN) == "submitted"


def test_a_draft_is_not_approved(store_url: str) -> None:
    with_drafts()
    assert _refused(store.approve, [key(LIWAN)], acting_org=CITY, actor="x") == ["wrong_state"]


def test_the_city_waits_for_every_district(province: None) -> None:
    store.approve([key(LIWAN)], acting_org=CITY, actor="市")
    with pytest.raises(store.WorkflowRefused) as refused:
        store.approve([key(CITY)], acting_org=PROVINCE, actor="省")
    (reason,) = refused.value.refusals
    assert reason.code == "children_not_approved" and YUEXIU in reason.message_en
    assert YUEXIU in reason.message_zh and LIWAN not in reason.message_en


def test_a_batch_is_all_or_nothing_and_runs_bottom_up(province: None) -> None:
    store.send_back([key(YUEXIU)], acting_org=CITY, actor="市", comment="人口数有误")
    codes = _refused(store.approve, [key(LIWAN), key(YUEXIU)], acting_org=CITY, actor="市")
    assert codes == ["wrong_state"]
    assert status(LIWAN) == "submitted"  # its approval was rolled back with the batch
    send_population(YUEXIU, 3100, submit=True)
    store.approve([key(LIWAN), key(YUEXIU)], acting_org=CITY, actor="市")
    outcomes = store.approve([key(CITY)], acting_org=PROVINCE, actor="省")
    assert [(o.key, o.before, o.after, o.changed) for o in outcomes] == [
        (key(CITY), "submitted", "approved", True)
    ]
    again = store.approve([key(CITY)], acting_org=PROVINCE, actor="省")
    assert [(o.after, o.changed) for o in again] == [("approved", False)]


def test_approved_and_submitted_returns_are_locked(province: None) -> None:
    store.approve([key(LIWAN)], acting_org=CITY, actor="市")
    for unit in (LIWAN, YUEXIU):  # approved, submitted
        with pytest.raises(store.ReturnLocked, match=unit):
            send_population(unit, 1)
    assert [v.number for v in store.versions(org_code=LIWAN)] == [1]


def test_send_back_needs_a_comment_and_reopens_the_return(province: None) -> None:
    assert _refused(store.send_back, [key(LIWAN)], acting_org=CITY, actor="市", comment=" ") == [
        "comment_required"
    ]
    store.send_back([key(LIWAN)], acting_org=CITY, actor="市", comment="小学适龄人口偏低")
    assert status(LIWAN) == "sent_back"
    assert store.versions(org_code=LIWAN)[0].comment == "小学适龄人口偏低"

    send_population(LIWAN, 2222)  # the correction, a draft
    assert [(v.number, v.status) for v in store.versions(org_code=LIWAN)] == [
        (1, "sent_back"), (2, "draft"),
    ]  # fmt: skip
    store.submit([key(LIWAN)], acting_org=LIWAN, actor="区")
    store.approve([key(LIWAN)], acting_org=CITY, actor="市")
    liwan = store.snapshot()["population_year"].to_pylist()
    assert [row["age_6_11"] for row in liwan if row["org_code"] == LIWAN] == [2222]


def test_unapprove_needs_the_approving_level_or_above(province: None) -> None:
    store.approve([key(LIWAN), key(YUEXIU)], acting_org=CITY, actor="市")
    refusals = {
        LIWAN: "wrong_level",  # the unit itself
        SHENZHEN: "wrong_unit",
        YUEXIU: "wrong_unit",
    }
    for acting, reason in refusals.items():
        assert _refused(store.unapprove, [key(LIWAN)], acting_org=acting, actor="x") == [reason]
    store.unapprove([key(LIWAN)], acting_org=PROVINCE, actor="省", comment="复核")  # above
    store.unapprove([key(YUEXIU)], acting_org=CITY, actor="市")  # the approver itself
    assert (status(LIWAN), status(YUEXIU)) == ("submitted", "submitted")
    assert "population_year" not in store.snapshot()  # nothing stands approved


def test_unapprove_goes_top_down(province: None) -> None:
    store.approve([key(LIWAN), key(YUEXIU)], acting_org=CITY, actor="市")
    store.approve([key(CITY)], acting_org=PROVINCE, actor="省")
    assert _refused(store.unapprove, [key(LIWAN)], acting_org=CITY, actor="市") == [
        "ancestor_approved"
    ]
    store.unapprove([key(CITY), key(LIWAN)], acting_org=PROVINCE, actor="省")
    assert (status(CITY), status(LIWAN), status(YUEXIU)) == ("submitted", "submitted", "approved")


def test_verification_is_for_the_level_above_the_approver(province: None) -> None:
    store.approve([key(LIWAN)], acting_org=CITY, actor="市")
    assert _refused(store.verify, [key(LIWAN)], acting_org=CITY, actor="市") == ["wrong_level"]
    assert _refused(store.verify, [key(YUEXIU)], acting_org=PROVINCE, actor="省") == ["wrong_state"]
    store.verify([key(LIWAN)], acting_org=PROVINCE, actor="省")
    # the verifier's authority now stands: the city may no longer withdraw it
    assert _refused(store.unapprove, [key(LIWAN)], acting_org=CITY, actor="市") == ["wrong_level"]


def test_no_return_and_no_register_row_are_refused(province: None) -> None:
    assert _refused(store.approve, [key(LIWAN, 2001)], acting_org=CITY, actor="x") == ["not_found"]
    send_population("440199", 1, submit=True)  # no org_units row for it anywhere
    assert _refused(store.approve, [key("440199")], acting_org=CITY, actor="x") == ["unknown_unit"]


def test_every_action_and_refusal_is_audited(province: None) -> None:
    from dudao.store.models import AuditEvent

    store.approve([key(LIWAN)], acting_org=CITY, actor="市审核员")
    _refused(store.approve, [key(YUEXIU)], acting_org=SHENZHEN, actor="深圳")
    events = AuditEvent.objects.filter(object_type="return").order_by("id")
    approved, refused = list(events)[-2:]
    assert (approved.action, approved.result, approved.actor, approved.role) == (
        "approve", "ok", "市审核员", f"reviewer@{CITY}",
    )  # fmt: skip
    assert approved.object_id == f"{LIWAN}:{YEAR}"
    assert approved.before["status"] == "submitted" and approved.after["status"] == "approved"
    assert (refused.action, refused.result, refused.after["reason"]) == (
        "approve", "refused", "wrong_unit",
    )  # fmt: skip
    assert store.verify_chain().intact


def test_submitting_bytes_stored_as_an_older_version_is_refused(store_url: str) -> None:
    with_drafts()
    send_population(LIWAN, 6)  # version 2
    with pytest.raises(store.ImportRefused, match="older versions"):
        send_population(LIWAN, 5, submit=True)  # the bytes of version 1
    assert status(LIWAN) == "draft"
