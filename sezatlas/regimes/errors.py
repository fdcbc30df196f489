"""Errors of the incentive engine: each names the field and says what to change."""


class IncentiveInputError(ValueError):
    """A project or regime input the engine cannot compute with (e.g. a negative capex)."""


class RegimeNotInForceError(IncentiveInputError):
    """The project starts on a date the regime does not cover (not yet enacted, or closed to entrants)."""


class MissingExchangeRateError(IncentiveInputError):
    """A threshold is in another currency than the project and no exchange rate was given."""


class RegimeDataError(ValueError):
    """A regime rules file does not validate; the message names the file and the field."""
