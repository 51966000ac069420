"""One module per report. Import each here: the registry imports this package to find them."""

from reports.exporters import (
    audit,  # noqa: F401
    compliance,  # noqa: F401
    coverage,  # noqa: F401
    deidentified,  # noqa: F401
    dossier,  # noqa: F401
    poster,  # noqa: F401
    statistics,  # noqa: F401
)
