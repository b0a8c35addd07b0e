"""The scalar resolver, directly: what each plain YAML scalar means, or why it cannot be read."""

from __future__ import annotations

import datetime as dt

import pytest

from micic.scalars import INVALID, resolve


@pytest.mark.parametrize(
    "text, value",
    [
        ("national", "national"),
        ("2011", 2011),
        ("-3", -3),
        ("2026-11-30", dt.date(2026, 11, 30)),
        ("1:30", "1:30"),  # YAML 1.1 would read 90
        ("true", True),
        ("~", None),
        ("13.5", 13.5),
    ],
)
def test_a_plain_scalar_means_what_it_looks_like(text: str, value: object):
    assert resolve(text, plain=True) == (value, None)


@pytest.mark.parametrize("text", ["no", "0x7d6", "2026-02-30", "<<", "yes please", "'quoted'"])
def test_a_quoted_or_block_scalar_is_always_text(text: str):
    assert resolve(text, plain=False) == (text, None)


@pytest.mark.parametrize(
    "text, value, message",
    [
        ("no", "no", "unquoted no is read by YAML as false"),
        ("On", "On", "unquoted On is read by YAML as true"),
        ("0x7d6", INVALID, "0x7d6 is not written as a plain whole number"),
        ("03726", INVALID, "03726 is not written as a plain whole number"),
        ("2_006", INVALID, "2_006 is not written as a plain whole number"),
        ("9" * 30, INVALID, "the number 999999999999… has 30 digits"),
        ("2026-02-30", INVALID, "2026-02-30 is not a real date"),
    ],
)
def test_a_surprising_plain_scalar_comes_with_its_issue(text: str, value: object, message: str):
    found, issue = resolve(text, plain=True)
    assert found == value and issue is not None and issue.message == message and not issue.stop


def test_a_merge_key_stops_the_reading():
    value, issue = resolve("<<", plain=True)
    assert value is None and issue.stop and "merge keys" in issue.message
