"""The control-character rule shared by every import and API body."""

from typing import Annotated

import pytest
from pydantic import AfterValidator, TypeAdapter, ValidationError

from sezatlas.tabular.control_characters import (
    control_character_reason,
    identifier_text,
    plain_text,
    printable,
    strings_in,
)


def test_text_may_hold_tab_and_line_breaks_but_no_other_control_character() -> None:
    assert control_character_reason("one\ttwo\r\nthree") is None
    assert control_character_reason("Кириллица 中文 café") is None
    for bad in ("\x00", "\x07", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f"):
        assert control_character_reason(f"a{bad}") is not None, repr(bad)
    assert control_character_reason("ab\x00") == (
        "holds the control character U+0000 at character 3; "
        "text may hold no control character but tab and line breaks"
    )


def test_an_identifier_may_hold_none_at_all() -> None:
    assert control_character_reason("P\t1", is_identifier=True) is not None
    assert control_character_reason("Иван 李", is_identifier=True) is None


def test_printable_escapes_every_control_character() -> None:
    assert printable("a\x00b\tc") == "a\\x00b\\x09c"


def test_validators_refuse_with_the_reason() -> None:
    with pytest.raises(ValidationError, match="U\\+0000"):
        TypeAdapter(Annotated[str, AfterValidator(plain_text)]).validate_python("a\x00")
    with pytest.raises(ValidationError, match="an identifier may hold none"):
        TypeAdapter(Annotated[str, AfterValidator(identifier_text)]).validate_python("a\nb")


def test_strings_are_found_with_their_keys() -> None:
    found = list(strings_in({"location": {"locality": "x"}, "sectors": ["a", "b"], "area": 3}))
    assert (("location", "locality"), "x") in found and (("sectors",), "b") in found
    assert (("location",), "location") in found  # keys are checked too
