"""The staff view of a report: one typed tree (``rows``), built by one selector
(``build.staff_view``), read by the staff page, the staff API and the full-record export.

It lives in ``reports`` (next to ``access`` and ``selectors``) because three interface
apps read it: none of them imports another to get it.
"""

from tuntas.reports.staff_view.build import staff_view
from tuntas.reports.staff_view.rows import StaffView

__all__ = ["StaffView", "staff_view"]
