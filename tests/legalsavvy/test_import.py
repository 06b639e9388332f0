"""Roster import: good files in both languages and formats, every kind of bad row with its line,
duplicates, dry run, all-or-nothing, the command's exit status and progress, and a large file."""

import datetime as dt
import io
import time
import tracemalloc

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from accounts.models import AuditEntry
from legalsavvy import importer
from legalsavvy.importer import import_roster
from legalsavvy.models import LegalSavvyPerson, LegalSavvyTerm
from places.models import Area

from .conftest import HEADER_EN, HEADER_ZH, write_csv, write_xlsx

D = dt.date


@pytest.fixture
def roster(tmp_path):
    """roster(rows, header=HEADER_ZH, kind="csv") → path of a roster file."""

    def make(rows, header=HEADER_ZH, kind="csv", encoding="utf-8-sig"):
        path = tmp_path / f"roster.{kind}"
        if kind == "xlsx":
            return write_xlsx(path, [header, *rows])
        return write_csv(path, [header, *rows], encoding=encoding)

    return make


GOOD = [
    ["井岸镇", "尖峰村", "陈大文", "男", "1975", "13800138000", "村干部", "2023-03-01", "DM2023001"],
    ["井岸", "新伟", "李小红", "女", "1980年", "138 0013 8001", "人民调解员", "2023/3/1", ""],
    ["", "440403106201", "王五", "male", "", "", "grid_worker", "2023年3月1日", "DM2023003"],
    ["白蕉镇", "灯笼村", "赵六", "female", "1990", "+86 13800138003", "Party member", "20230301", ""],
]


def test_a_good_csv_with_chinese_headers_is_imported(areas, village_advisor, roster):
    result = import_roster(roster(GOOD))
    assert result.ok, [str(e) for e in result.errors]
    assert (result.rows, result.created) == (4, 4)
    people = {p.name: p for p in LegalSavvyPerson.objects.select_related("village")}
    chen = people["陈大文"]
    assert (
        chen.village,
        chen.gender,
        chen.birth_year,
        chen.phone,
        chen.source,
        chen.appointed_on,
        chen.certificate_no,
    ) == (areas.jianfeng, "male", 1975, "13800138000", "cadre", D(2023, 3, 1), "DM2023001")
    assert chen.advisor == village_advisor  # paired with the village's advisor, like a registration
    assert people["李小红"].village == areas.xinwei and people["李小红"].phone == "13800138001"
    assert people["王五"].village == areas.nanao and people["王五"].gender == "male"
    assert people["赵六"].source == "party_member" and people["赵六"].phone == "13800138003"
    assert LegalSavvyTerm.objects.filter(removed_on__isnull=True).count() == 4
    assert AuditEntry.objects.filter(model="legalsavvy.legalsavvyperson", action="create").count() == 4


def test_a_good_xlsx_with_english_headers_and_real_cells_is_imported(areas, roster):
    rows = [
        ["井岸镇", "尖峰村", "陈大文", "男", 1975, 13800138000, "cadre", dt.datetime(2023, 3, 1), "DM1"],
        ["井岸镇", "440403107001", "李小红", "女", 1980.0, "13800138001", "五老", 44986, None],
    ]
    result = import_roster(roster(rows, HEADER_EN, "xlsx"))
    assert result.ok, [str(e) for e in result.errors]
    assert result.created == 2
    li = LegalSavvyPerson.objects.get(name="李小红")
    assert (li.appointed_on, li.birth_year, li.source) == (D(2023, 3, 1), 1980, "five_elders")
    assert LegalSavvyPerson.objects.get(name="陈大文").phone == "13800138000"


def test_a_csv_saved_by_excel_in_gb18030_is_read(areas, roster):
    result = import_roster(roster(GOOD[:1], encoding="gb18030"))
    assert result.ok and result.created == 1
    assert LegalSavvyPerson.objects.get().name == "陈大文"


BAD_ROWS = [
    (["青山镇", "尖峰村", "甲", "男", "", "", "", "2023-01-01", ""], "town", "unknown_town"),
    (["井岸镇", "不存在村", "甲", "男", "", "", "", "2023-01-01", ""], "village", "unknown_village"),
    (["井岸镇", "440403106201", "甲", "男", "", "", "", "2023-01-01", ""], "village", "unknown_village"),
    (["白蕉镇", "已撤并村", "甲", "男", "", "", "", "2023-01-01", ""], "village", "inactive_village"),
    (["井岸镇", "尖峰村", "", "男", "", "", "", "2023-01-01", ""], "name", "missing_name"),
    (["井岸镇", "尖峰村", "甲", "未说", "", "", "", "2023-01-01", ""], "gender", "bad_gender"),
    (["井岸镇", "尖峰村", "甲", "男", "1850", "", "", "2023-01-01", ""], "birth_year", "bad_birth_year"),
    (["井岸镇", "尖峰村", "甲", "男", "", "1380013800", "", "2023-01-01", ""], "phone", "bad_phone"),
    (["井岸镇", "尖峰村", "甲", "男", "", "", "", "2023-02-30", ""], "appointed_on", "bad_date"),
    (["井岸镇", "尖峰村", "甲", "男", "", "", "", "", ""], "appointed_on", "bad_date"),
    (["井岸镇", "尖峰村", "甲", "男", "", "", "", "2999-01-01", ""], "appointed_on", "date_in_future"),
    (["井岸镇", "尖峰村", "甲", "男", "", "", "外星人", "2023-01-01", ""], "source", "unknown_source"),
    (["井岸镇", "尖峰村", "甲", "男", "", "", "", "2023-01-01", "X" * 41], "certificate_no", "too_long"),
]


@pytest.mark.parametrize("row, column, code", BAD_ROWS, ids=[case[2] + str(i) for i, case in enumerate(BAD_ROWS)])
def test_each_bad_row_is_reported_with_its_line_and_reason(areas, roster, row, column, code):
    result = import_roster(roster([GOOD[0], row]))
    assert [(e.line, e.column, e.code) for e in result.errors] == [(3, column, code)]
    assert str(result.errors[0]).startswith("line 3, ")
    assert not LegalSavvyPerson.objects.exists()


def test_a_village_name_shared_by_two_towns_needs_the_town(areas, roster):
    Area.objects.create(code="440403106203", name="尖峰村", level="village", parent=areas.baijiao)
    result = import_roster(roster([["", "尖峰村", "甲", "男", "", "", "", "2023-01-01", ""]]))
    assert [(e.line, e.code) for e in result.errors] == [(2, "ambiguous_village")]
    result = import_roster(roster([["白蕉镇", "尖峰村", "甲", "男", "", "", "", "2023-01-01", ""]]))
    assert result.ok and LegalSavvyPerson.objects.get().village.code == "440403106203"


def test_every_bad_row_is_listed_not_just_the_first(areas, roster):
    rows = [GOOD[0], BAD_ROWS[1][0], GOOD[1], BAD_ROWS[7][0], BAD_ROWS[8][0]]
    result = import_roster(roster(rows))
    assert [(e.line, e.code) for e in result.errors] == [(3, "unknown_village"), (5, "bad_phone"), (6, "bad_date")]


def test_duplicates_of_persons_already_registered_are_refused(areas, person_factory, roster):
    person_factory(areas.jianfeng, name="陈大文", phone="13800138000")
    person_factory(areas.xinwei, name="李小红", phone="13900000000", certificate_no="DM-9")
    gone = person_factory(areas.nanao, name="王五", phone="")
    from legalsavvy import services

    services.remove_person(gone, D(2023, 6, 1), "迁出")  # a removed person is still the same person
    rows = [
        ["井岸镇", "尖峰村", "陈大文", "男", "", "13800138000", "", "2023-03-01", ""],
        ["井岸镇", "新伟社区", "别的名字", "女", "", "", "", "2023-03-01", "DM-9"],
        ["白蕉镇", "南澳村", "王五", "男", "", "", "", "2023-03-01", ""],
        ["井岸镇", "新伟社区", "陈大文", "男", "", "13800138000", "", "2023-03-01", ""],  # other village: fine
    ]
    result = import_roster(roster(rows))
    assert [(e.line, e.code) for e in result.errors] == [
        (2, "duplicate_existing"),
        (3, "duplicate_existing"),
        (4, "duplicate_existing"),
    ]
    assert LegalSavvyPerson.objects.count() == 3


def test_duplicates_within_the_file_name_the_earlier_line(areas, roster):
    rows = [
        ["井岸镇", "尖峰村", "陈大文", "男", "", "13800138000", "", "2023-03-01", "C1"],
        ["井岸镇", "尖峰村", "李小红", "女", "", "", "", "2023-03-01", "C1"],
        ["井岸镇", "440403107201", "陈大文", "男", "", "138-0013-8000", "", "2023-03-01", ""],
    ]
    result = import_roster(roster(rows))
    assert [(e.line, e.code, e.params) for e in result.errors] == [
        (3, "duplicate_in_file", {"line": 2}),
        (4, "duplicate_in_file", {"line": 2}),
    ]
    with translation.override("en"):
        assert result.errors[0].message == "the same person appears earlier in the file, on line 2"
    with translation.override("zh-hans"):
        assert result.errors[0].message == "与文件第 2 行为同一人"


def test_a_dry_run_writes_nothing_and_says_what_would_change(areas, person_factory, roster, settings):
    settings.LEGAL_SAVVY_QUOTA = 2
    person_factory(areas.jianfeng)
    result = import_roster(roster(GOOD), dry_run=True)
    assert result.ok and result.created == 0 and result.rows == 4
    changes = {c.code: (c.active_now, c.adding, c.active_after, c.meets_quota_after) for c in result.villages}
    assert changes[areas.jianfeng.code] == (1, 1, 2, True)
    assert changes[areas.xinwei.code] == (0, 1, 1, False)
    assert [row.name for row in result.preview] == ["陈大文", "李小红", "王五", "赵六"]
    assert LegalSavvyPerson.objects.count() == 1


def test_a_failure_while_writing_leaves_nothing_behind(areas, roster, monkeypatch):
    rows = [["井岸镇", "尖峰村", f"人员{n}", "男", "", f"138{n:08d}", "", "2023-03-01", ""] for n in range(1500)]
    path = roster(rows)
    calls = []
    real = AuditEntry.objects.bulk_create

    def fail_on_second_batch(objs, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(objs, *args, **kwargs)

    monkeypatch.setattr(AuditEntry.objects, "bulk_create", fail_on_second_batch)
    with pytest.raises(RuntimeError):
        import_roster(path)
    assert LegalSavvyPerson.objects.count() == 0 and LegalSavvyTerm.objects.count() == 0
    assert not AuditEntry.objects.exists()


def test_the_scope_limits_which_villages_are_known(areas, roster):
    result = import_roster(roster(GOOD), scope=areas.jingan.code)
    assert [(e.line, e.code) for e in result.errors] == [(4, "unknown_village"), (5, "unknown_town")]
    assert not LegalSavvyPerson.objects.exists()


@pytest.mark.parametrize(
    "content, name, code",
    [
        (b"not a zip file", "roster.xlsx", "unreadable"),
        (b"a,b\n1,2\n", "roster.txt", "bad_type"),
        ("姓名,电话\n陈大文,13800138000\n".encode(), "roster.csv", "missing_columns"),
        (b"", "roster.csv", "no_header"),
        ("镇街,村居,姓名,任命日期\n".encode(), "roster.csv", "no_rows"),
    ],
)
def test_a_file_that_cannot_be_used_is_refused_as_a_whole(areas, tmp_path, content, name, code):
    path = tmp_path / name
    path.write_bytes(content)
    result = import_roster(path)
    assert not result.ok and result.file_error
    assert result.file_error.startswith(str(importer.FileErrorCode(code).label).split("%")[0])


def test_the_command_imports_and_reports(areas, roster, capsys):
    call_command("import_legal_savvy", str(roster(GOOD)))
    out = capsys.readouterr().out
    assert "Created 4 person(s)" in out
    assert LegalSavvyPerson.objects.count() == 4


def test_the_command_exits_non_zero_and_lists_every_bad_line(areas, roster, capsys):
    path = roster([GOOD[0], BAD_ROWS[1][0], BAD_ROWS[7][0]])
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_legal_savvy", str(path))
    err = capsys.readouterr().err
    assert "line 3, village «不存在村»" in err and "line 4, phone «1380013800»" in err
    assert not LegalSavvyPerson.objects.exists()


def test_the_command_dry_run_writes_nothing(areas, roster, capsys):
    call_command("import_legal_savvy", str(roster(GOOD)), "--dry-run")
    assert "Dry run" in capsys.readouterr().out
    assert not LegalSavvyPerson.objects.exists()


def test_the_command_exits_non_zero_for_a_missing_file(db, tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_legal_savvy", str(tmp_path / "nope.xlsx"))


def _big_roster(doumen, n):
    villages = list(Area.objects.villages().filter(code__startswith="440403").select_related("parent"))
    sources = ["村干部", "人民调解员", "网格员", "党员", "妇联执委", "五老", "辅警", "村民小组长"]
    return [
        [
            v.parent.name,
            v.name,
            f"人员{i:05d}",
            "男女"[i % 2],
            1950 + i % 50,
            13000000000 + i,
            sources[i % 8],
            dt.datetime(2020 + i % 4, 1 + i % 12, 1 + i % 28),
            f"DM{i:06d}",
        ]
        for i, v in ((i, villages[i % len(villages)]) for i in range(n))
    ]


def test_a_5000_row_xlsx_imports_in_a_few_seconds_with_bulk_inserts(doumen, tmp_path, django_assert_max_num_queries):
    path = write_xlsx(tmp_path / "big.xlsx", [HEADER_ZH, *_big_roster(doumen, 5000)])
    progress = []
    started = time.perf_counter()
    with django_assert_max_num_queries(250):  # bulk inserts (SQLite caps the rows per INSERT)
        result = import_roster(path, progress=progress.append)
    elapsed = time.perf_counter() - started
    assert result.ok, [str(e) for e in result.errors[:5]]
    assert result.created == 5000 and LegalSavvyPerson.objects.count() == 5000
    assert LegalSavvyTerm.objects.count() == 5000
    assert progress == [1000, 2000, 3000, 4000, 5000]
    assert elapsed < 20, elapsed  # ~3 s on a laptop; generous for a loaded CI machine


def test_reading_a_large_xlsx_stays_in_bounded_memory(doumen, tmp_path):
    """The workbook is streamed (read-only mode): the peak is a few MB (about 0.7 kB per checked row),
    not the whole sheet's cells. 2,000 rows keep this test quick (tracemalloc slows Python down)."""
    path = write_xlsx(tmp_path / "big.xlsx", [HEADER_ZH, *_big_roster(doumen, 2000)])
    tracemalloc.start()
    try:
        result = import_roster(path, dry_run=True)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.ok and result.rows == 2000
    assert peak < 8 * 1024 * 1024, peak


def test_the_command_prints_progress_every_1000_rows(doumen, tmp_path):
    path = write_csv(tmp_path / "big.csv", [HEADER_ZH, *_big_roster(doumen, 2500)])
    out = io.StringIO()
    call_command("import_legal_savvy", str(path), "--dry-run", stdout=out)
    lines = out.getvalue().splitlines()
    assert [line for line in lines if line.startswith("…")] == [
        "… 1000 rows read",
        "… 2000 rows read",
        "… 2500 rows read",
    ]
