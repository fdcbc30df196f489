"""The report's words and figures in the reader's language: percentages follow the locale's own pattern."""

import pytest
from sqlalchemy import Engine

from sezatlas.accounts.roles import Actor
from sezatlas.reports.actions import country_report
from sezatlas.store.database import transaction
from sezatlas.web.pages.report_view import report_view

SECRETARIAT = Actor.command_line("the association's secretariat")


@pytest.mark.parametrize("bundled_engine", ["sqlite"], indirect=True)
def test_a_rate_is_written_with_the_locales_percent_sign_not_a_spaced_english_one(
    bundled_engine: Engine,
) -> None:
    with transaction(bundled_engine) as session:
        report = country_report(session, SECRETARIAT, "RUS", None)
    discounts = {
        lang: report_view(report, lang)["header"]["projects"][0]["discount"] for lang in ("en", "ru", "ar")
    }
    assert discounts["en"].endswith("%") and not discounts["en"].endswith(" %")
    assert discounts["ru"].endswith("\xa0%")  # Russian separates the sign, with a no-break space
    assert discounts["ar"].endswith("%") and " " not in discounts["ar"]  # no space for the bidi to flip
