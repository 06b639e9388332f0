"""Original outreach works and awards of Doumen's 2023 report: 11 works, among them 《当上官婉儿遇到杀猪盘》
and 《悔不当初》, the district's two award-winning projects and the people's mediator 邝小媚."""

from places.models import Area
from works.models import Award, Work

from .common import DOUMEN

YEAR = 2023
BUREAU = "斗门区司法局"
# (title, kind, area code, producers). The first two are the report's; the other nine are plausible
# titles made up for the demo (the report gives only their number).
WORKS = [
    ("当上官婉儿遇到杀猪盘", "animation", DOUMEN, [BUREAU]),
    ("悔不当初", "micro_video", DOUMEN, [BUREAU, "白藤街道办事处", "斗门镇人民政府", "民革斗门区基层委员会"]),
    # Made up for the demo:
    ("民法典进万家", "micro_video", DOUMEN, [BUREAU]),
    ("村规民约里的法治", "sketch", "440403107", ["井岸司法所"]),
    ("防范电信诈骗快板", "kuaiban", "440403106", ["白蕉司法所"]),
    ("土地承包那些事", "micro_video", "440403100", ["莲洲司法所"]),
    ("法律明白人在身边", "graphic", DOUMEN, [BUREAU]),
    ("农民工讨薪有法可依", "animation", "440403105", ["乾务司法所"]),
    ("邻里纠纷调解记", "sketch", "440403103", ["斗门司法所"]),
    ("青少年防欺凌普法课", "micro_video", "440403001", ["白藤司法所"]),
    ("水乡普法谣", "song", DOUMEN, [BUREAU]),
]
# (title, level, awarding body, recipient kind, recipient, work title or None)
AWARDS = [
    (
        "2023年广东省法治动漫微视频大赛优秀奖",
        "provincial",
        "广东省司法厅",
        "work",
        "",
        "当上官婉儿遇到杀猪盘",
    ),
    ("广东司法行政视频大赛三等奖", "provincial", "广东省司法厅", "work", "", "悔不当初"),
    (
        "2022-2023年珠海市国家机关“谁执法谁普法”十大创新创先项目",
        "city",
        "珠海市普法办",
        "project",
        "《“法治护航产业发展”普法项目》",
        None,
    ),
    (
        "2023年度斗门区社会治理“十佳创新项目”",
        "district",
        "斗门区委政法委",
        "project",
        "《斗门区司法局多措并举为服务“制造业当家”提供法治保障》",
        None,
    ),
    ("全国模范人民调解员", "national", "司法部", "person", "人民调解员邝小媚", None),
]


def load_works():
    if Work.objects.filter(area__code__startswith=DOUMEN, year=YEAR).exists():
        return
    areas = {a.code: a for a in Area.objects.filter(code__in={w[2] for w in WORKS})}
    works = {}
    for title, kind, code, producers in WORKS:
        works[title] = Work.objects.create(
            title=title, kind=kind, year=YEAR, area=areas[code], producers="\n".join(producers)
        )
    district = areas[DOUMEN]
    for title, level, body, recipient_kind, recipient, work_title in AWARDS:
        work = works.get(work_title)
        Award.objects.create(
            title=title,
            level=level,
            awarding_body=body,
            year=YEAR,
            recipient_kind=recipient_kind,
            recipient=recipient or str(work),
            work=work,
            area=district,
        )
