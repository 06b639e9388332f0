"""``manage.py load_demo`` reproduces Doumen District's 2023 report, through the API and the XLSX,
and a second run changes nothing. The demo is loaded once for the module (rolled back at the end)."""

import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Max, Min, Q, Sum
from django.utils import timezone
from openpyxl import load_workbook
from rest_framework.test import APIClient

from accounts.models import AuditEntry, User
from advisors.models import Advisor, Assignment, DutyShift, DutyShiftTopic
from demo.seed.common import underserved_codes, villages
from legalsavvy.models import LegalSavvyActivity, LegalSavvyPerson, LegalSavvyTerm, Training, VillageHonor
from outreach.models import CheckIn, CheckinFeedback, Event, EventAudience, EventSeries
from places.models import Area
from reports.figures import FIGURE_ROWS, annual_figures
from reports.models import FiguresSnapshot

REPORT = {
    "villages": 129,
    "advisors": 67,
    "duty_shifts": 4644,
    "home_visits": 1548,
    "consultation_batches": 5507,
    "consultation_people": 18312,
    "contracts_reviewed": 221,
    "legal_opinions": 23,
    "documents_drafted": 166,
    "mediations": 68,
    "negotiations": 2,
    "legal_aid_cases": 3,
    "elections_assisted": 2,
    "phone_consultations": 797,
    "advisor_outreach_sessions": 564,
    "legal_savvy_total": 516,
    "legal_savvy_new": 129,
    "villages_meeting_legal_savvy_quota": 129,
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def coordinator(demo, db):
    return User.objects.get(username="coordinator")


@pytest.fixture
def figures(coordinator):
    client = APIClient()
    client.force_authenticate(coordinator)
    response = client.get("/api/figures/", {"year": 2023, "area": "440403"})
    assert response.status_code == 200
    return response.json()


def test_the_api_gives_the_reports_numbers(figures):
    assert {key: figures[key] for key in REPORT} == REPORT
    assert figures["events"] >= 900
    assert figures["series_episodes"]["92.8说法"] == 37
    assert figures["honors"]["democracy_rule_of_law_village:provincial:awarded"] == 4
    assert figures["honors"]["democracy_rule_of_law_village:national:candidate"] == 1


# The paragraph of the bureau's 2023 report as it is filed: full-width punctuation, no item that is 0.
REPORT_PARAGRAPH_2023 = (
    "2023年1-12月，全区129个村（社区）67名法律顾问累计值班4644次（其中走访入户1548次），"
    "接待群众来访咨询5507批次18312人次，审核村（社区）合同221份，出具法律意见书23份，代书166份，"
    "参与调解纠纷68宗，谈判签约2宗，参与法律援助3宗，协助换届选举2场次，接受电话咨询797次，"
    "开展法治宣传活动564场次。"
    "全年共开展普法活动958场，参与群众43727人次；《92.8说法》全年制作播放37期。"
    "法律明白人队伍新增129人，截至2023年底，全区共培育516名法律明白人，129个村（社区）均达到每村（社区）"
    "4名的配备要求，实现法律明白人全覆盖；法律明白人全年协助化解矛盾纠纷594宗、排查上报风险隐患463条、"
    "引导群众寻求法律服务371次、协助开展普法宣传226场次、开展其他志愿服务114次。"
    "推出《当上官婉儿遇到杀猪盘》《悔不当初》等11部原创普法作品；人民调解员邝小媚被司法部评为全国模范人民调解员；"
    "《当上官婉儿遇到杀猪盘》获2023年广东省法治动漫微视频大赛优秀奖；《悔不当初》获广东司法行政视频大赛三等奖；"
    "《“法治护航产业发展”普法项目》获评2022-2023年珠海市国家机关“谁执法谁普法”十大创新创先项目；"
    "《斗门区司法局多措并举为服务“制造业当家”提供法治保障》获评2023年度斗门区社会治理“十佳创新项目”。"
    "井岸镇尖峰村、白蕉镇南澳村、斗门镇南门村、莲洲镇东滘村获评省级民主法治示范村（社区）；"
    "井岸镇飞龙社区、白蕉镇桅夹村、白蕉镇新二村、乾务镇南山村、乾务镇马山村、斗门镇斗门社区、莲洲镇二龙村、"
    "莲洲镇莲溪社区获评区级民主法治示范村（社区）；井岸镇新伟社区为全国民主法治示范村（社区）候选；"
    "评选学法用法示范户24户。"
)


def test_the_paragraph_is_the_reports_character_for_character(figures):
    assert figures["narrative"] == REPORT_PARAGRAPH_2023
    for number in list(REPORT.values()) + [figures["events"], figures["event_attendees"], 37]:
        assert str(number) in figures["narrative"]


def test_the_xlsx_gives_the_same_numbers(coordinator, client, figures):
    client.force_login(coordinator)
    response = client.get("/figures/xlsx/", {"year": 2023, "area": "440403"}, HTTP_ACCEPT_LANGUAGE="en")
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    table = list(book.worksheets[0].values)
    total = dict(zip(table[2], table[-1]))
    assert total["Duty shifts (times)"] == 4644 and total["of which home visits (times)"] == 1548
    assert total["Consultations received (batches)"] == 5507
    assert total["Consultations received (person-times)"] == 18312
    assert total["Advisors' legal-education sessions (sessions)"] == 564
    assert total["Legal-savvy persons at year end (persons)"] == 516
    towns = table[3:-1]
    assert (
        sum(row[table[2].index(next(h for h in table[2] if h and h.startswith("Duty shifts")))] for row in towns)
        == 4644
    )
    sheet = {(row[0], row[1]): row[2] for row in book.worksheets[1].values}
    for key, value in REPORT.items():
        label, unit = next((str(lbl), str(unit)) for k, lbl, unit in FIGURE_ROWS if k == key)
        assert sheet[label, unit] == value, key
    sheet = {row[0]: row[2] for row in book.worksheets[1].values}
    assert sheet["《92.8说法》"] == 37
    assert book.worksheets[4]["A1"].value == figures["narrative"]


def test_the_demo_has_a_year_on_year_column(coordinator):
    last = annual_figures(2022, "440403")
    assert last["duty_shifts"] > 4000 and last["events"] > 700 and last["legal_savvy_total"] < 516


def test_every_village_has_an_advisor_and_approximate_coordinates(demo, db):
    assert Advisor.objects.count() == 67
    served = Assignment.objects.filter(starts_on__lte=date(2023, 12, 31)).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=date(2023, 1, 1))
    )
    assert served.values("village").distinct().count() == 129
    per_advisor = Assignment.objects.filter(ends_on__isnull=True).values("advisor").annotate(n=Count("id"))
    assert {row["n"] for row in per_advisor} <= {1, 2, 3}
    assert Assignment.objects.filter(ends_on=date(2023, 6, 30)).count() == 3  # part-year handovers
    village_rows = Area.objects.villages().filter(code__startswith="440403")
    assert village_rows.filter(lat__isnull=False, coords_approximate=True).count() == 129


def test_the_remote_villages_are_under_served(demo, db):
    remote = underserved_codes(villages())
    assert len(remote) == 4
    held_2023 = Event.objects.held().filter(starts_at__year=2023, area__code__in=remote)
    assert not held_2023.exists()
    hours = (
        DutyShift.objects.filter(village__code__in=remote, date__year=2023).values("village").annotate(h=Sum("hours"))
    )
    assert all(row["h"] < 96 for row in hours)  # 8 h × 12 months required
    assert not CheckIn.objects.filter(home_village__code__in=remote).exists()


def test_the_demo_users_have_work_to_see(demo, db):
    advisor_user = User.objects.get(username="advisor")
    advisor = Advisor.objects.get(user=advisor_user)
    assert advisor.assignments.filter(village__code__startswith="440403107", ends_on__isnull=True).exists()
    today = date.today()
    this_year = DutyShift.objects.filter(advisor=advisor, date__year=today.year)
    assert this_year.exists() and this_year.aggregate(last=Max("date"))["last"] < today
    if today.day > 7:
        assert this_year.filter(date__month=today.month).exists()
    assert Event.objects.filter(organizer__username="organizer").count() > 50
    assert Event.objects.filter(
        organizer__username="organizer", status="planned", starts_at__gt=timezone.now() - timedelta(hours=1)
    ).exists()
    assert FiguresSnapshot.objects.filter(year=2023, area__code="440403", superseded=False).count() == 1


def test_the_events_are_varied(demo, db):
    held = Event.objects.held().filter(starts_at__year=2023)
    assert held.values("kind").distinct().count() >= 8
    assert held.values("sector").distinct().count() == 7
    assert EventAudience.objects.filter(event__in=held).values("audience").distinct().count() == 8
    assert Event.objects.filter(starts_at__year=2023, status="cancelled").exists()
    assert EventSeries.objects.get(name="92.8说法").kind == "radio"
    checkins = CheckIn.objects.filter(event__starts_at__year=2023)
    assert 8000 < checkins.count() < 20000
    assert checkins.values("age_group").distinct().count() == 4
    assert checkins.values("occupation").distinct().count() == 8
    assert not checkins.filter(annulled=False).values("event", "phone").annotate(n=Count("id")).filter(n__gt=1)
    assert held.filter(advisors__isnull=False).exists() and held.filter(legal_savvy_persons__isnull=False).exists()


def test_the_legal_savvy_registry_keeps_history(demo, db):
    assert LegalSavvyPerson.objects.filter(status="removed").count() >= 8
    reappointed = LegalSavvyTerm.objects.values("person").annotate(n=Count("id")).filter(n=2)
    assert reappointed.count() == 3
    assert Training.objects.count() > 1000 and LegalSavvyActivity.objects.count() > 1000
    assert LegalSavvyTerm.objects.aggregate(first=Min("appointed_on"))["first"].year == 2021


def _fingerprint():
    models = [
        Area,
        User,
        Advisor,
        Assignment,
        DutyShift,
        LegalSavvyPerson,
        LegalSavvyTerm,
        Training,
        LegalSavvyActivity,
        EventSeries,
        Event,
        EventAudience,
        CheckIn,
        VillageHonor,
        FiguresSnapshot,
        AuditEntry,
        Event.advisors.through,
        Event.legal_savvy_persons.through,
        DutyShiftTopic,
        CheckinFeedback,
    ]
    counts = {model.__name__: model.objects.count() for model in models}
    sums = DutyShift.objects.aggregate(*(Sum(c) for c in DutyShift.COUNTERS), Sum("hours"), Max("updated_at"))
    areas = Area.objects.aggregate(
        Sum("lat"), Sum("lon"), Sum("population"), approximate=Count("id", filter=Q(coords_approximate=True))
    )
    events = Event.objects.aggregate(Sum("walk_in_count"), Max("updated_at"))
    links = list(Advisor.objects.filter(user__isnull=False).values_list("pk", "user_id"))
    return counts, sums, areas, events, links


def test_a_second_run_changes_nothing(demo, db):
    before = _fingerprint()
    call_command("load_demo", stdout=io.StringIO())
    assert _fingerprint() == before


def test_the_demo_has_data_quality_flags_to_review(demo, db):
    from quality.models import Flag

    assert Flag.objects.filter(resolved=False).exists()
    assert all(flag.why for flag in Flag.objects.all()[:20])


def test_the_demo_has_plausible_topic_data(demo, db):
    from django.db.models import F
    from django.utils import translation

    from common.periods import Period
    from needs.queries import village_needs
    from needs.suggestions import suggestion_sentences

    # every shift's counts by topic stay within its consultations and mediations
    per_shift = DutyShiftTopic.objects.values("shift").annotate(
        n=Sum("count"), total=F("shift__consultation_batches") + F("shift__mediations")
    )
    assert per_shift.count() > 1000 and not per_shift.filter(n__gt=F("total")).exists()
    top = DutyShiftTopic.objects.filter(shift__village__kind="village").values("topic__code")
    assert top.annotate(n=Sum("count")).order_by("-n")[0]["topic__code"] == "land"
    event_topics = list(Event.objects.values_list("topics", flat=True))
    assert sum("telecom_fraud" in (t or []) for t in event_topics) > 20
    assert sum("land" in (t or []) for t in event_topics) > 5
    assert 1000 < CheckinFeedback.objects.count() < CheckIn.objects.count()
    rows = village_needs(Period.for_year(2023), "440403")
    assert len(rows) == 129 and sum(sum(row.demand.values()) for row in rows) > 3000
    with translation.override("zh-hans"):
        sentences = suggestion_sentences(2023, "440403")
    assert sentences and "类咨询调解" in sentences[0] and sentences[0].endswith("。")
