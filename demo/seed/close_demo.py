"""The district's 2023 figures, closed by the demo coordinator (the page then shows closed figures
and flags any later change to 2023's records)."""

from places.models import Area
from reports.models import FiguresSnapshot
from reports.yearclose import close_year

from .common import DOUMEN, demo_user

CLOSED_YEAR = 2023


def load_year_close():
    district = Area.objects.filter(code=DOUMEN).first()
    coordinator = demo_user("coordinator")
    if district is None or coordinator is None:
        return
    if FiguresSnapshot.objects.filter(year=CLOSED_YEAR, area=district).exists():
        return
    close_year(CLOSED_YEAR, district, coordinator)
