from typing import Any

from django.apps import AppConfig
from django.core import checks


def check_page_size(**kwargs: Any) -> list[checks.CheckMessage]:
    """A bad SEVENC_REPORT_PAGE_SIZE shows up at start-up (`manage.py check`), not at the first PDF."""
    from sevenc.reports.pdf import ReportError, page_size

    try:
        page_size()
    except ReportError as exc:
        return [checks.Error(f"SEVENC_REPORT_PAGE_SIZE: {exc}", id="reports.E001")]
    return []


class ReportsConfig(AppConfig):
    name = "sevenc.reports"
    label = "reports"

    def ready(self) -> None:
        checks.register(check_page_size)
