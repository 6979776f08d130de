"""The rule catalogue: one module per family; importing this package registers every rule."""

from checks.rules import calendar, channel, commercial, impersonal, measurement, sponsorship  # noqa: F401
