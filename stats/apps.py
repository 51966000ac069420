from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    """Statistics and level-by-level reporting (issue 7). Not named ``statistics``: that is a
    module of the standard library."""

    name = "stats"
    verbose_name = _("Statistics and reporting")

    def ready(self) -> None:
        from stats import checks  # noqa: F401 - registers the pseudonym key check
