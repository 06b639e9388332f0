"""Village honors: the 2023 report's four provincial 民主法治示范村 and the national candidate, plus
earlier city/district honors and district law-learning households (学法用法示范户)."""

from legalsavvy.models import VillageHonor
from places.models import Area

from .common import DOUMEN, rng_for, villages

DEMOCRACY = VillageHonor.Title.DEMOCRACY_RULE_OF_LAW_VILLAGE
HONORS = [
    # (village code, level, status, year)
    ("440403107202", "provincial", "awarded", 2023),  # 井岸镇尖峰村
    ("440403106229", "provincial", "awarded", 2023),  # 白蕉镇南澳村
    ("440403103206", "provincial", "awarded", 2023),  # 斗门镇南门村
    ("440403100216", "provincial", "awarded", 2023),  # 莲洲镇东滘村
    ("440403107010", "national", "candidate", 2023),  # 井岸镇新伟社区
    ("440403107202", "city", "awarded", 2021),
    ("440403106229", "city", "awarded", 2022),
    ("440403103206", "city", "awarded", 2022),
    ("440403100216", "city", "awarded", 2022),
    ("440403107010", "provincial", "awarded", 2022),
]
HOUSEHOLDS = {2022: 18, 2023: 24}


def load_honors():
    codes = {a.code: a for a in Area.objects.filter(code__in=[h[0] for h in HONORS])}
    for code, level, status, year in HONORS:
        if code in codes:
            VillageHonor.objects.get_or_create(
                village=codes[code], title=DEMOCRACY, level=level, status=status, year=year
            )
    if VillageHonor.objects.filter(
        title=VillageHonor.Title.LAW_LEARNING_HOUSEHOLD, village__code__startswith=DOUMEN
    ).exists():
        return
    rng = rng_for("honors")
    village_list = villages()
    rows = []
    for year, n in HOUSEHOLDS.items():
        for village in rng.sample(village_list, n):
            rows.append(
                VillageHonor(
                    village=village,
                    title=VillageHonor.Title.LAW_LEARNING_HOUSEHOLD,
                    level=VillageHonor.Level.DISTRICT,
                    year=year,
                    holder=f"{rng.choice('陈黄李梁林张吴何赵郑谭邓冯钟')}{rng.choice('伟明华强文志家')}户",
                )
            )
    for year, n in ((2022, 6), (2023, 8)):
        for village in rng.sample(village_list, n):
            rows.append(VillageHonor(village=village, title=DEMOCRACY, level=VillageHonor.Level.DISTRICT, year=year))
    VillageHonor.objects.bulk_create(rows)
