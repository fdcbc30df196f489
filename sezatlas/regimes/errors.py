"""Errors of the incentive engine: each names the field and says what to change."""


class IncentiveInputError(ValueError):
    """A project or regime input the engine cannot compute with (e.g. a negative capex)."""


class RegimeNotInForceError(IncentiveInputError):
    """The project starts on a date the regime does not cover (not yet enacted, or closed to entrants)."""


class MissingExchangeRateError(IncentiveInputError):
    """A threshold is in another currency than the project and no exchange rate was given."""


class FieldInputError(IncentiveInputError):
    """An input refused for one field: `field` is its dotted path inside `source` (a file name, a part of a
    request such as `custom_regimes.0`), so each interface can point at it; None when the whole input is
    refused (not TOML, too large)."""

    def __init__(self, reason: str, *, field: str | None = None, source: str | None = None) -> None:
        self.reason, self.field, self.source = reason, field, source
        where = f"field {field}: " if field else ""
        super().__init__(f"{source}: {where}{reason}" if source else f"{where}{reason}")

    @property
    def path(self) -> str | None:
        """The field's dotted path from the top of the request (`custom_regimes.0.cit.phases.0.value`)."""
        parts = [part for part in (self.source, self.field) if part]
        return ".".join(parts) or None


class CustomRegimeError(FieldInputError):
    """A regime written by a user (a file, a request, the page's designer) that the engine cannot use."""


class RegimeDataError(ValueError):
    """A regime rules file does not validate; the message names the file and the field."""
